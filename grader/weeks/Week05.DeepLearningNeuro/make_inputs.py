#!/usr/bin/env python3
"""Writes the week's check inputs (inputs/) from ../shared/reference/deep_learning_neuro: input-only archives.

Run from the repository root:  /usr/bin/python3 grader/weeks/Week05.DeepLearningNeuro/make_inputs.py
Only the Python standard library is used. Members are copied byte for byte from the PyTorch goldens (no re-encoding),
zip-stored with a fixed date as np.savez writes them. Output arrays that a check grades (splits, bins, classes, forwards,
gradients, after*_ weights, losses, gratings, filters, convolution outputs, RDMs, similarities ...) are never copied:
the runner child can read its inputs, so a submission could copy an expected value it found there. The final weights
of deepnet and cnn, the CNN's act_pool / act_fc and the encoding model's y_pred_final are inputs of later pieces
(decoding error, accuracy, RDMs, explained variance) and no check grades them. The allow-lists below are the whole
policy; tests/NeuroExercises.Grader.Tests/Weeks/DeepLearningNeuroSnapshotTruthTests.cs checks them.
"""
import pathlib
import sys
import zipfile

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "inputs"
REPO = HERE.parents[2]
SHARED = REPO.parent / "shared"
REF = "reference/deep_learning_neuro/"

ARCHIVES = {
    "W3D4_stringer_oribinned1_synthetic.npz": (REF + "W3D4_stringer_oribinned1_synthetic.npz", ["resp", "stimuli"]),
    "W3D4_stringer_oribinned6_split_synthetic.npz": (REF + "W3D4_stringer_oribinned6_split_synthetic.npz",
                                                     ["resp_train", "resp_test", "stimuli"]),
    "data_prep.npz": (REF + "data_prep.npz", ["ishuffle", "class_edge_inputs"]),
    "deepnet.npz": (REF + "deepnet.npz", ["in_weight", "in_bias", "out_weight", "out_bias", "istim", "final_in_weight",
                                          "final_in_bias", "final_out_weight", "final_out_bias"]),
    "deepnet_m200.npz": (REF + "deepnet_m200.npz", ["in_weight", "in_bias", "out_weight", "out_bias", "istim"]),
    "decoding_bonus.npz": (REF + "decoding_bonus.npz", ["init_in_weight", "init_in_bias", "init_out_weight",
                                                        "init_out_bias"]),
    "conv.npz": (REF + "conv.npz", ["orientations", "t3_orientations", "patch_orientations", "encoding_orientations"]),
    "cnn.npz": (REF + "cnn.npz", ["train_ori_f64", "perm", "fwd_ori_f64", "test_ori_f64", "v1_ori", "init_conv_weight",
                                  "init_conv_bias", "init_fc_weight", "init_fc_bias", "init_out_weight", "init_out_bias",
                                  "final_conv_weight", "final_conv_bias", "final_fc_weight", "final_fc_bias",
                                  "final_out_weight", "final_out_bias", "act_pool", "act_fc"]),
    "rsa.npz": (REF + "rsa.npz", ["small_X", "small_X_affine", "small_X_const", "tie_a_f64", "tie_b_f64"]),
    "encoding.npz": (REF + "encoding.npz", ["neurons", "init_conv_weight", "init_conv_bias", "init_out_layer_weight",
                                            "init_out_layer_bias", "y_pred_final"]),
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
