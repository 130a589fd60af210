#!/usr/bin/env python3
"""Writes the week's check inputs (inputs/) from ../shared: input-only archives and copied fixtures.

Run from the repository root:  python3 grader/weeks/Week01.TaskDrivenRnn/make_inputs.py
Only the Python standard library is used. Members are copied byte for byte from the PyTorch reference
archives (no re-encoding), zip-stored as np.savez writes them. Expected arrays (step_output, trajectory_*
outputs, perturbed_*, ...) are never copied: the runner child can read its inputs, so a submission could
copy an expected value it found there. The allow-list below is the whole policy; the grader tests check it.
"""
import pathlib
import shutil
import sys
import zipfile

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "inputs"
REPO = HERE.parents[3]
SHARED = REPO.parent / "shared"

WEIGHTS = ["J", "B", "bx", "W", "c", "tau_over_dt", "step_input", "step_hidden",
           "trajectory_conditions", "trajectory_inputs", "noise"]
ARCHIVES = {
    "rnn_small_chaotic.npz": ("reference/rnn/rnn_small_chaotic.npz", WEIGHTS),
    "rnn_full_chaotic.npz": ("reference/rnn/rnn_full_chaotic.npz", WEIGHTS),
    "rnn_full_edge.npz": ("reference/rnn/rnn_full_edge.npz", WEIGHTS),
    "perturb_inputs.npz": ("reference/rnn/perturb_inputs.npz", ["inputs", "noise_uniform", "tiny"]),
}
COPIES = {
    "condsForSim_synthetic.mat": "fixtures/mat/condsForSim_synthetic.mat",
    "m1_reaching_synthetic.mat": "fixtures/mat/m1_reaching_synthetic.mat",
    "rnn_small_state_dict.pth": "fixtures/pth/rnn_small_state_dict.pth",
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


def main() -> None:
    if not SHARED.is_dir():
        sys.exit(f"{SHARED} not found: run from a checkout that has ../shared beside it")
    OUT.mkdir(exist_ok=True)
    for name, (source, keep) in ARCHIVES.items():
        filter_archive(SHARED / source, OUT / name, keep)
    for name, source in COPIES.items():
        shutil.copyfile(SHARED / source, OUT / name)
    print(f"wrote {len(ARCHIVES) + len(COPIES)} files to {OUT}")


if __name__ == "__main__":
    main()
