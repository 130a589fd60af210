#!/usr/bin/env python3
"""Writes the week's check inputs (inputs/) from ../shared/reference/spiking: input-only archives.

Run from the repository root:  /usr/bin/python3 grader/weeks/Week04.SpikingNetworks/make_inputs.py
Only the Python standard library is used. Members are copied byte for byte from the PyTorch goldens (no re-encoding),
zip-stored with a fixed date as np.savez writes them. Output arrays (every *_spk, *_mem, counts, times, steps, spikes,
gradients, losses, *_after, rate_uniform ...) are never copied: the runner child can read its inputs, so a submission
could copy an expected value it found there. The allow-lists below are the whole policy;
tests/NeuroExercises.Grader.Tests/Weeks/SpikingNetworksSnapshotTruthTests.cs checks them.
"""
import pathlib
import sys
import zipfile

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "inputs"
REPO = HERE.parents[2]
SHARED = REPO.parent / "shared"

ARCHIVES = {
    "lif_neuron.npz": ("reference/spiking/lif_neuron.npz",
                       ["beta", "threshold", "heaviside_mem", "step_mem_prev", "step_input", "trace_beta", "trace_input",
                        "noisy_input", "exact_beta", "exact_threshold", "exact_input", "equality_input"]),
    "fi_curve.npz": ("reference/spiking/fi_curve.npz", ["fi_currents", "beta", "threshold", "steps"]),
    "encoding.npz": ("reference/spiking/encoding.npz",
                     ["x", "steps", "edge_x", "rate_seed", "rate_gain", "rate_seed_gain", "latency_threshold", "log_steps",
                      "log_tau", "spy_steps", "spy_tau", "spy_threshold"]),
    "surrogate.npz": ("reference/spiking/surrogate.npz",
                      ["x", "grad_output", "fast_sigmoid_param", "atan_param", "sigmoid_param", "superspike_param"]),
    "snn_net.npz": ("reference/spiking/snn_net.npz",
                    ["x", "y", "beta", "threshold", "steps", "W1", "b1", "W2", "b2", "adam_lr", "train_x", "train_y",
                     "train_lr"]),
}


def filter_archive(source: pathlib.Path, target: pathlib.Path, keep: list[str]) -> None:
    with zipfile.ZipFile(source) as zin:
        names = {n[:-4]: n for n in zin.namelist() if n.endswith(".npy")}
        missing = [k for k in keep if k not in names]
        if missing:
            sys.exit(f"{source}: members {missing} are missing; the reference changed, update ARCHIVES in {__file__}")
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED) as zout:
            for k in keep:
                info = zipfile.ZipInfo(names[k], date_time=(1980, 1, 1, 0, 0, 0))  # fixed date: deterministic bytes
                zout.writestr(info, zin.read(names[k]))


# Check arguments (arguments.npz): arrays a visible check passes to the piece it grades. Each is graded by a visible check
# whose snapshot ships in the student release anyway, and by no hidden check (SpikingNetworksSnapshotTruthTests checks
# both). Storing them keeps the trusted code that would compute them (the checks' Reference.Forward, a solution of
# SpikingNetwork.Forward) out of the release.
ARGUMENTS = {
    "mem2": ("reference/spiking/snn_net.npz", "mem2"),
    "spk2": ("reference/spiking/snn_net.npz", "spk2"),
}


def write_arguments(target: pathlib.Path) -> None:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED) as zout:
        for name, (source, member) in ARGUMENTS.items():
            with zipfile.ZipFile(SHARED / source) as zin:
                zout.writestr(zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0)), zin.read(member + ".npy"))


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for target, (source, keep) in ARCHIVES.items():
        filter_archive(SHARED / source, OUT / target, keep)
        print(f"wrote {OUT / target} ({len(keep)} members)")
    write_arguments(OUT / "arguments.npz")
    print(f"wrote {OUT / 'arguments.npz'} ({len(ARGUMENTS)} members)")


if __name__ == "__main__":
    main()
