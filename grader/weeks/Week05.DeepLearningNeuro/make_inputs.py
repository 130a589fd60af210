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
import math
import pathlib
import struct
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


# Check arguments (arguments.npz): arrays that visible checks pass to the piece they grade, so a wrong grating, filter or
# RDM costs only its own check. Each is graded by a visible check whose snapshot ships in the student release anyway, and
# no hidden check grades it (DeepLearningNeuroSnapshotTruthTests checks both). Storing them keeps the trusted code that
# would compute them (the checks' Reference class, a solution of Gratings, Filters and Rsa.Rdm) out of the release.
COPIED_ARGUMENTS = {
    "conv_stimuli": (REF + "conv.npz", "stimuli"),
    "filters_t2": (REF + "conv.npz", "filters_t2"),
    "encoding_stimuli": (REF + "encoding.npz", "grating_stimuli"),
    "rdm_v1": (REF + "rsa.npz", "rdm_v1"),
    "rdm_pool": (REF + "rsa.npz", "rdm_pool"),
    "rdm_fc": (REF + "rsa.npz", "rdm_fc"),
}


def grating(angle_degrees: float, resolution: float, centered: bool) -> list[float]:
    """The course's square-wave grating in double (README; the same operations, in the same order, as the checks'
    Reference.Grating): cos(1/28·j/ρ·cos α + 1/28·i/ρ·sin α) > 0 → 1 else 0, minus 0.5 when centred; row-major."""
    width, height = math.ceil(640 * resolution), math.ceil(480 * resolution)
    alpha = angle_degrees * (math.pi / 180)
    values = []
    for i in range(height):
        for j in range(width):
            c = math.cos((1.0 / 28 * j / resolution * math.cos(alpha)) + (1.0 / 28 * i / resolution * math.sin(alpha)))
            values.append((1.0 if c > 0 else 0.0) - (0.5 if centered else 0.0))
    return values


def npy_bytes(values: list[float], shape: tuple[int, ...]) -> bytes:
    """A float32 .npy (format 1.0) as np.save writes it."""
    header = "{'descr': '<f4', 'fortran_order': False, 'shape': %r, }" % (shape,)
    pad = 64 - (10 + len(header) + 1) % 64
    header = header + " " * pad + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin1") + struct.pack(f"<{len(values)}f", *values)


def read_npy_float64(archive: pathlib.Path, member: str) -> list[float]:
    with zipfile.ZipFile(archive) as z:
        data = z.read(member + ".npy")
    header_len = struct.unpack("<H", data[8:10])[0]
    header = data[10:10 + header_len].decode("latin1")
    if "'<f8'" not in header:
        sys.exit(f"{archive}:{member} is not float64 ({header.strip()}); update make_inputs.py")
    body = data[10 + header_len:]
    return list(struct.unpack(f"<{len(body) // 8}d", body))


def write_arguments(target: pathlib.Path) -> None:
    fwd = read_npy_float64(SHARED / (REF + "cnn.npz"), "fwd_ori_f64")
    fwd_images = [v for a in fwd for v in grating(a, 0.1, centered=False)]
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED) as zout:
        for name, (source, member) in COPIED_ARGUMENTS.items():
            with zipfile.ZipFile(SHARED / source) as zin:
                zout.writestr(zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0)), zin.read(member + ".npy"))
        shape = (len(fwd), 1, math.ceil(480 * 0.1), math.ceil(640 * 0.1))
        zout.writestr(zipfile.ZipInfo("fwd_images.npy", date_time=(1980, 1, 1, 0, 0, 0)), npy_bytes(fwd_images, shape))


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for target, (source, keep) in ARCHIVES.items():
        filter_archive(SHARED / source, OUT / target, keep)
        print(f"wrote {OUT / target} ({len(keep)} members)")
    write_arguments(OUT / "arguments.npz")
    print(f"wrote {OUT / 'arguments.npz'} ({len(COPIED_ARGUMENTS) + 1} members)")


if __name__ == "__main__":
    main()
