#!/usr/bin/env python3
"""Writes the week's check inputs (inputs/) from ../shared/reference/learning_rules: input-only archives.

Run from the repository root:  /usr/bin/python3 grader/weeks/Week06.LearningRules/make_inputs.py
Only the Python standard library is used. Members are copied byte for byte from the PyTorch goldens (no re-encoding),
zip-stored with a fixed date as np.savez writes them. Output arrays (every forward pass, *_dW_*, kp_dB, *_after, losses,
accuracies, cosines, SNRs, *_final, pc1, Hebb/Oja trajectories, norms, angles, rewards, baselines ...) are never copied: the runner child can read its inputs, so a submission
could copy an expected value it found there. The allow-lists below are the whole policy;
tests/NeuroExercises.Grader.Tests/Weeks/LearningRulesSnapshotTruthTests.cs checks them.
"""
import pathlib
import sys
import zipfile

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "inputs"
REPO = HERE.parents[2]
SHARED = REPO.parent / "shared"

ARCHIVES = {
    "mlp_rules.npz": ("reference/learning_rules/mlp_rules.npz",
                      ["x", "t", "labels", "W_h", "W_y", "B", "sigma", "lr", "kp_decay", "psi_h", "psi_y", "xi_h", "xi_y"]),
    "mlp_training.npz": ("reference/learning_rules/mlp_training.npz",
                         ["pixels_train", "labels_train", "pixels_test", "labels_test", "W_h0", "W_y0", "B0", "sigma", "lr",
                          "kp_decay", "epochs", "wp_epochs", "t_train", "t_test", "batches", "np_snr_xi_h", "np_snr_xi_y",
                          "np_xi_h", "np_xi_y", "np_diag_xi_h", "np_diag_xi_y", "wp_psi_h", "wp_psi_y", "wp_diag_psi_h",
                          "wp_diag_psi_y"]),
    "mlp_metrics.npz": ("reference/learning_rules/mlp_metrics.npz",
                        ["cos_u", "cos_v", "cos_w", "snr_grad", "acc_outputs", "acc_targets"]),
    "hebb_oja.npz": ("reference/learning_rules/hebb_oja.npz",
                     ["a_X", "a_w0", "a_eta", "a_steps", "a_cov", "a_lams", "b_X", "b_w0", "b_eta", "b_steps", "b_cov", "b_lams"]),
    "reward_baseline.npz": ("reference/learning_rules/reward_baseline.npz",
                            ["X", "xi", "W_star", "W0", "X_eval", "eta", "alpha", "sigma", "rbar0", "every"]),
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
    OUT.mkdir(exist_ok=True)
    for target, (source, keep) in ARCHIVES.items():
        filter_archive(SHARED / source, OUT / target, keep)
        print(f"wrote {OUT / target} ({len(keep)} members)")


if __name__ == "__main__":
    main()
