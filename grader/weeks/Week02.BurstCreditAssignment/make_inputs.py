#!/usr/bin/env python3
"""Writes the week's check inputs (inputs/) from ../shared/reference/burst: input-only archives and a tiny IDX data set.

Run from the repository root:  /usr/bin/python3 grader/weeks/Week02.BurstCreditAssignment/make_inputs.py
Only the Python standard library is used. Members are copied byte for byte from the PyTorch goldens (no re-encoding),
zip-stored with a fixed date as np.savez writes them. burstccn.npz and burstprop.npz hold the networks, batches and
hyperparameters only. arguments.npz holds the golden rates that visible unit checks pass to the one piece they grade
(events, teaching-pass burst rates, apical inputs, feedback, B^pre, P_L): each is graded by a visible check, whose
snapshot ships in the student release anyway, and by no hidden check. Every other golden array (the pass without teaching
of BurstCCN, burstprob0/1 of Burstprop, updates, cosines, losses, output_after ...) is never copied: the runner child
can read its inputs, so a submission could copy an expected value it found there. The allow-lists below are the whole
policy; tests/NeuroExercises.Grader.Tests/Weeks/BurstCreditAssignmentSnapshotTruthTests.cs checks them.

tiny-fashion/ holds a synthetic data set in Fashion-MNIST's IDX layout (the four file names FashionMnist.Load reads):
4 x 5 pixel images (20 inputs, the goldens' input size), 10 classes, each image a noisy copy of its class's random
prototype; 320 training and 80 test images, drawn from Python's random.Random(2) (deterministic), gzip with mtime 0.
"""
import gzip
import pathlib
import random
import struct
import sys
import zipfile

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "inputs"
REPO = HERE.parents[2]
SHARED = REPO.parent / "shared"

COMMON = ["x", "t", "p_baseline", "lr", "W0", "W1", "W2", "bias0", "bias1", "bias2", "Y0", "Y1"]
ARCHIVES = {
    "burstccn.npz": ("reference/burst/burstccn.npz", COMMON + ["beta", "lr_Y", "lr_Q", "Q0", "Q1"]),
    "burstprop.npz": ("reference/burst/burstprop.npz", COMMON + ["lr_R", "R0", "R1"]),
}
ROWS, COLS, CLASSES, TRAIN, TEST = 4, 5, 10, 320, 80

# Check arguments (arguments.npz): argument name -> (golden archive, member). Visible unit checks read these instead of
# evaluating the equations themselves, so the checks' trusted Reference code (a solution of Feedforward, BurstCcn and
# Burstprop) does not ship in the student release. BurstCCN's B_2 without teaching (burst2_noteach) is graded by the
# hidden BurstCcnChecks.BurstRatesWithoutTeaching, so it is not stored: BurstCcnChecks.ApicalInput forms p_baseline * E_2
# from the stored inputs at run time.
CCN_ARGUMENTS = [f"event{l}" for l in range(3)] + [f"burst{l}" for l in range(3)] + ["apical0", "apical1", "burstprob2"]
BP_ARGUMENTS = ([f"event{l}" for l in range(3)] + [f"burst{l}" for l in range(3)] + [f"burst{l}_noteach" for l in range(3)]
                + ["feedback0", "feedback1", "feedback0_noteach", "feedback1_noteach", "burst_pre0", "burst_pre1", "burstprob2"])
COPIED_ARGUMENTS = {f"ccn_{m}": ("reference/burst/burstccn.npz", m) for m in CCN_ARGUMENTS} | \
                   {f"bp_{m}": ("reference/burst/burstprop.npz", m) for m in BP_ARGUMENTS}


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


def write_arguments(target: pathlib.Path) -> None:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED) as zout:
        for name, (source, member) in COPIED_ARGUMENTS.items():
            with zipfile.ZipFile(SHARED / source) as zin:
                info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))  # fixed date: deterministic bytes
                zout.writestr(info, zin.read(member + ".npy"))


def write_gz(path: pathlib.Path, data: bytes) -> None:
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(data)


def tiny_fashion(folder: pathlib.Path) -> None:
    rng = random.Random(2)
    prototypes = [[rng.randrange(256) for _ in range(ROWS * COLS)] for _ in range(CLASSES)]
    folder.mkdir(exist_ok=True)
    for prefix, count in (("train", TRAIN), ("t10k", TEST)):
        labels = [i % CLASSES for i in range(count)]
        rng.shuffle(labels)
        pixels = bytearray()
        for label in labels:
            pixels += bytes(min(255, max(0, round(p + rng.gauss(0, 40)))) for p in prototypes[label])
        write_gz(folder / f"{prefix}-images-idx3-ubyte.gz", struct.pack(">IIII", 0x803, count, ROWS, COLS) + bytes(pixels))
        write_gz(folder / f"{prefix}-labels-idx1-ubyte.gz", struct.pack(">II", 0x801, count) + bytes(labels))


def main() -> None:
    if not SHARED.is_dir():
        sys.exit(f"{SHARED} not found: run from a checkout that has ../shared beside it")
    OUT.mkdir(exist_ok=True)
    for name, (source, keep) in ARCHIVES.items():
        filter_archive(SHARED / source, OUT / name, keep)
    write_arguments(OUT / "arguments.npz")
    tiny_fashion(OUT / "tiny-fashion")
    print(f"wrote {len(ARCHIVES)} archives, arguments.npz ({len(COPIED_ARGUMENTS)} members) and tiny-fashion/ to {OUT}")


if __name__ == "__main__":
    main()
