#!/usr/bin/env python3
"""Writes the week's check inputs (inputs/) from ../shared/reference/learning_rules: input-only archives.

Run from the repository root:  /usr/bin/python3 grader/weeks/Week06.LearningRules/make_inputs.py
Only the Python standard library is used. Members are copied byte for byte from the PyTorch goldens (no re-encoding),
zip-stored with a fixed date as np.savez writes them. Output arrays (every forward pass, *_dW_*, kp_dB, *_after, losses,
accuracies, cosines, SNRs, *_final, pc1, Hebb/Oja trajectories, norms, angles, rewards, baselines ...) are never copied: the runner child can read its inputs, so a submission
could copy an expected value it found there. The allow-lists below are the whole policy;
tests/NeuroExercises.Grader.Tests/Weeks/LearningRulesSnapshotTruthTests.cs checks them.

arguments.npz holds the few golden outputs that visible checks pass on or compare against (backprop's update for the
one-step cosines, the true principal axes for Oja's angles): each is the expected value of a VISIBLE check, whose
snapshot ships in the student release anyway, and no hidden check grades it (the test checks both).
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

# Check arguments (arguments.npz): golden arrays that visible checks need beside the submission's result, so the trusted
# code that would compute them (the checks' Reference.Backprop and Reference.PrincipalAxis, solutions of
# LearningRules.Backprop and Hebbian.PrincipalAxis) does not ship in the student release. Each is the expected value of a
# visible check (LearningRulesChecks.Backprop, HebbianChecks.PrincipalAxis) and no hidden check grades it.
COPIED_ARGUMENTS = {
    "bp_dW_h": ("reference/learning_rules/mlp_rules.npz", "bp_dW_h"),
    "bp_dW_y": ("reference/learning_rules/mlp_rules.npz", "bp_dW_y"),
    "a_pc1": ("reference/learning_rules/hebb_oja.npz", "a_pc1"),
    "b_pc1": ("reference/learning_rules/hebb_oja.npz", "b_pc1"),
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


def write_arguments(target: pathlib.Path) -> None:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED) as zout:
        for name, (source, member) in COPIED_ARGUMENTS.items():
            with zipfile.ZipFile(SHARED / source) as zin:
                if member + ".npy" not in zin.namelist():
                    sys.exit(f"{source}: member {member} is missing; the reference changed, update COPIED_ARGUMENTS in {__file__}")
                info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))  # fixed date: deterministic bytes
                zout.writestr(info, zin.read(member + ".npy"))


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for target, (source, keep) in ARCHIVES.items():
        filter_archive(SHARED / source, OUT / target, keep)
        print(f"wrote {OUT / target} ({len(keep)} members)")
    write_arguments(OUT / "arguments.npz")
    print(f"wrote {OUT / 'arguments.npz'} ({len(COPIED_ARGUMENTS)} members)")


if __name__ == "__main__":
    main()
