#!/usr/bin/env python3
"""Writes the week's check inputs (inputs/) from ../shared/reference/microcircuits: input-only archives.

Run from the repository root:  /usr/bin/python3 grader/weeks/Week03.Microcircuits/make_inputs.py
Only the Python standard library is used. Members are copied byte for byte from the goldens (no re-encoding),
zip-stored with a fixed date as np.savez writes them. Expected arrays (relu_*, kurtosis_*, omp_*, norm_*_out, sdpa_Q,
sm_out, *_losses ...) are never copied: the runner child can read its inputs, so a submission could copy an expected
value it found there. The allow-lists below are the whole policy; tests/NeuroExercises.Grader.Tests/Weeks/
MicrocircuitsSnapshotTruthTests.cs checks them.
"""
import math
import pathlib
import struct
import sys
import zipfile

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "inputs"
REPO = HERE.parents[2]
SHARED = REPO.parent / "shared"

SAT = ["tokenizer.weight", "_positioner", "Wq.weight", "Wk.weight", "Wv.weight", "linear.weight"]
CIFARNET = [f"{layer}.{p}" for layer in ("conv1", "norm1", "conv2", "norm2", "fc1", "fc2") for p in ("weight", "bias")]
ONE_UNIT = ["ReLU", "ReLU6", "SoftPlus", "Sigmoid", "Tanh"]  # the one-unit nets' activations
MLP = ["layers.0.weight", "layers.0.bias", "layers.3.weight", "layers.3.bias"]
ARCHIVES = {
    "sparsity.npz": ["sig", "frame", "responses", "relu_thetas", "hard_theta", "taus", "diffbox_windows",
                     "diffbox_spatial_windows", "omp_freqs", "omp_cardinalities"],
    "normalization.npz": ["norm_test_x", "norm_test_params", "norm_points", "norm_points_params", "norm_zero_x",
                          "reflectance", "illuminant", "lht_x", "val_x", "relunet_init_theta", "relunet_init_w",
                          "relunet_init_b", "relu_data_x", "relu_split_perm", "cifar_x", "cifar_x_scaled", "cifar_y"]
                         + ["cifarnet_init_" + k for k in CIFARNET] + ["cifarnet_rand_conv1.weight", "cifarnet_rand_conv2.weight"]
                         + [f"nonlin_{a}_init_{k}" for a in ONE_UNIT for k in ("theta", "w", "b")],
    "attention.npz": ["att_x", "att_q1", "att_q2", "att_gains", "sm_scores", "sm_betas", "sdpa_x", "sdpa_Wq",
                      "sdpa_Wk", "sdpa_Wv", "legacy_Q", "legacy_K", "legacy_V"],
    "sparse_and.npz": ["sparse_X_train", "sparse_y_train", "sparse_X_valid", "sparse_y_valid", "dense_f_i_1", "dense_f_i_2"],
    "models.npz": ["sat_init" + ("" if n.startswith("_") else "_") + n for n in SAT]
                  + ["sat_rand" + ("" if n.startswith("_") else "_") + n for n in SAT]
                  + ["mlp_rand_" + n for n in MLP] + ["mlp_init_" + n for n in MLP],
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


# Check arguments (arguments.npz): arrays visible checks pass to the piece they grade, so one mistake costs one check. The
# copies are graded by visible checks whose snapshots ship in the student release anyway and by no hidden check
# (MicrocircuitsSnapshotTruthTests checks both); the difference-of-boxes filters for the windows the goldens use are
# computed here from the README's closed form. Storing them keeps the trusted code that would compute them (the checks'
# Reference class, a solution of ThresholdedRelu, LaggedDifference, DiffBoxFilter, PositionalEncoding and
# LeakyHardTanh) out of the release.
COPIED_ARGUMENTS = {
    "relu_all": ("sparsity.npz", "relu_all"),
    "temporal_diff": ("sparsity.npz", "temporal_diff"),
    "sdpa_x_pe": ("attention.npz", "sdpa_x_pe"),
    "lht_leak0.03": ("normalization.npz", "lht_leak0.03"),
    "lht_leak0.001": ("normalization.npz", "lht_leak0.001"),
}
DIFFBOX_P = 4


def diffbox_filter(w: int, symmetric: bool) -> list[float]:
    """The closed-form difference-of-boxes filter (p = 4), in double: 2p + 2w + 1 taps, centre tap n·b at p + w, −b at the
    w taps after it (and before it when symmetric), b = 1/sqrt(1 + n), n the number of negative taps."""
    taps = [0.0] * (2 * DIFFBOX_P + 2 * w + 1)
    negatives = 2 * w if symmetric else w
    b = 1 / math.sqrt(1 + negatives)
    taps[DIFFBOX_P + w] = negatives * b
    for j in range(1, w + 1):
        taps[DIFFBOX_P + w + j] = -b
        if symmetric:
            taps[DIFFBOX_P + w - j] = -b
    return taps


def npy_float32(values: list[float]) -> bytes:
    """A 1-d float32 .npy (format 1.0) as np.save writes it."""
    header = "{'descr': '<f4', 'fortran_order': False, 'shape': (%d,), }" % len(values)
    header = header + " " * (64 - (10 + len(header) + 1) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin1") + struct.pack(f"<{len(values)}f", *values)


def int64s(archive: pathlib.Path, member: str) -> list[int]:
    with zipfile.ZipFile(archive) as z:
        data = z.read(member + ".npy")
    header_len = struct.unpack("<H", data[8:10])[0]
    if "'<i8'" not in data[10:10 + header_len].decode("latin1"):
        sys.exit(f"{archive}:{member} is not int64; update make_inputs.py")
    body = data[10 + header_len:]
    return list(struct.unpack(f"<{len(body) // 8}q", body))


def write_arguments(target: pathlib.Path) -> None:
    ref = SHARED / "reference" / "microcircuits"
    filters = {f"diffbox_filter_w{w}": diffbox_filter(w, False) for w in int64s(ref / "sparsity.npz", "diffbox_windows")}
    filters |= {f"diffbox_spatial_filter_w{w}": diffbox_filter(w, True) for w in (2, 92)}
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED) as zout:
        for name, (source, member) in COPIED_ARGUMENTS.items():
            with zipfile.ZipFile(ref / source) as zin:
                zout.writestr(zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0)), zin.read(member + ".npy"))
        for name, taps in filters.items():
            zout.writestr(zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0)), npy_float32(taps))


def main() -> None:
    if not SHARED.is_dir():
        sys.exit(f"{SHARED} not found: run from a checkout that has ../shared beside it")
    OUT.mkdir(exist_ok=True)
    for name, keep in ARCHIVES.items():
        filter_archive(SHARED / "reference" / "microcircuits" / name, OUT / name, keep)
    write_arguments(OUT / "arguments.npz")
    print(f"wrote {len(ARCHIVES)} archives and arguments.npz to {OUT}")


if __name__ == "__main__":
    main()
