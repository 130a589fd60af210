#!/usr/bin/env python3
"""Writes the week's check inputs (inputs/) from ../shared/reference/microcircuits: input-only archives.

Run from the repository root:  /usr/bin/python3 grader/weeks/Week03.Microcircuits/make_inputs.py
Only the Python standard library is used. Members are copied byte for byte from the goldens (no re-encoding),
zip-stored with a fixed date as np.savez writes them. Expected arrays (relu_*, kurtosis_*, omp_*, norm_*_out, sdpa_Q,
sm_out, *_losses ...) are never copied: the runner child can read its inputs, so a submission could copy an expected
value it found there. The allow-lists below are the whole policy; tests/NeuroExercises.Grader.Tests/Weeks/
MicrocircuitsSnapshotTruthTests.cs checks them.
"""
import pathlib
import sys
import zipfile

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "inputs"
REPO = HERE.parents[2]
SHARED = REPO.parent / "shared"

SAT = ["tokenizer.weight", "_positioner", "Wq.weight", "Wk.weight", "Wv.weight", "linear.weight"]
MLP = ["layers.0.weight", "layers.0.bias", "layers.3.weight", "layers.3.bias"]
ARCHIVES = {
    "sparsity.npz": ["sig", "frame", "responses", "relu_thetas", "hard_theta", "taus", "diffbox_windows",
                     "diffbox_spatial_windows", "omp_freqs", "omp_cardinalities"],
    "normalization.npz": ["norm_test_x", "norm_test_params", "norm_points", "norm_points_params", "norm_zero_x",
                          "reflectance", "illuminant", "lht_x", "val_x", "relunet_init_theta", "relunet_init_w",
                          "relunet_init_b", "relu_data_x", "relu_split_perm"],
    "attention.npz": ["att_x", "att_q1", "att_q2", "att_gains", "sm_scores", "sm_betas", "sdpa_x", "sdpa_Wq",
                      "sdpa_Wk", "sdpa_Wv"],
    "sparse_and.npz": ["sparse_X_train", "sparse_y_train", "sparse_X_valid", "sparse_y_valid", "dense_f_i_1", "dense_f_i_2"],
    "models.npz": ["sat_init" + ("" if n.startswith("_") else "_") + n for n in SAT]
                  + ["sat_rand" + ("" if n.startswith("_") else "_") + n for n in SAT]
                  + ["mlp_rand_" + n for n in MLP],
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
    for name, keep in ARCHIVES.items():
        filter_archive(SHARED / "reference" / "microcircuits" / name, OUT / name, keep)
    print(f"wrote {len(ARCHIVES)} archives to {OUT}")


if __name__ == "__main__":
    main()
