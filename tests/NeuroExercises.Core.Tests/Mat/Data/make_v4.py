#!/usr/bin/python3
"""Writes the MAT v4 fixtures (scipy's savemat(format='4')), a big-endian copy, and v4_truth.json: what
scipy.io.loadmat reads from each file, values listed in column-major order.

Run with Debian's python3 (python3-scipy): /usr/bin/python3 make_v4.py. Octave's file (v4_octave.mat) is written by
make_v4_octave.m and read back here too when present.
"""
import json
import os
import struct

import numpy as np
import scipy
import scipy.io
import scipy.sparse

HERE = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(HERE, name)


def to_big_endian(data):
    """Rewrites a little-endian v4 file in big-endian order (M = 1), as a big-endian machine's MATLAB saved it."""
    out = bytearray()
    pos = 0
    sizes = {0: 8, 1: 4, 2: 4, 3: 2, 4: 2, 5: 1}
    while pos < len(data):
        mopt, rows, cols, imagf, namlen = struct.unpack_from("<5i", data, pos)
        out += struct.pack(">5i", mopt + 1000, rows, cols, imagf, namlen)
        pos += 20
        out += data[pos:pos + namlen]
        pos += namlen
        size = sizes[mopt // 10 % 10]
        n = rows * cols * (imagf + 1)
        for i in range(n):
            out += data[pos + i * size:pos + (i + 1) * size][::-1]
        pos += n * size
    return bytes(out)


def describe(value):
    if scipy.sparse.issparse(value):
        csc = value.tocsc()
        return {"kind": "sparse", "shape": list(csc.shape), "ir": csc.indices.tolist(), "jc": csc.indptr.tolist(),
                "re": np.real(csc.data).tolist(), "im": np.imag(csc.data).tolist() if np.iscomplexobj(csc.data) else None}
    if value.dtype.kind == "U":
        return {"kind": "char", "shape": list(value.shape), "rows": [str(r) for r in value.tolist()] if value.ndim else [str(value)]}
    flat = value.flatten(order="F")
    return {"kind": "numeric", "dtype": value.dtype.name, "shape": list(value.shape),
            "re": np.real(flat).astype(float).tolist(), "im": np.imag(flat).astype(float).tolist() if np.iscomplexobj(flat) else None}


def main():
    variables = {
        "dbl": np.array([[1.5, -2.0, 3.25], [4.0, np.pi, -0.0]]),
        "sgl": np.array([[0.5, 1e-3, -7.0]], dtype=np.float32),
        "i32": np.array([[-(2**31)], [2**31 - 1], [0]], dtype=np.int32),
        "i16": np.array([[-32768, 32767]], dtype=np.int16),
        "u16": np.array([[0, 65535, 7]], dtype=np.uint16),
        "u8": np.array([[0, 255], [128, 1]], dtype=np.uint8),
        "cplx": np.array([[1 + 2j, -3.5 - 0.5j]]),
        "txt": np.array(["hello", "world"]),
        "empty": np.zeros((0, 0)),
        "sp": scipy.sparse.csc_matrix(np.array([[0, 2.5, 0], [1.0, 0, 0], [0, 0, -4.0], [0, 0, 0]])),
    }
    scipy.io.savemat(path("v4_scipy.mat"), variables, format="4")
    with open(path("v4_scipy.mat"), "rb") as f:
        data = f.read()
    with open(path("v4_scipy_bigendian.mat"), "wb") as f:
        f.write(to_big_endian(data))

    truth = {"scipy": scipy.__version__}
    for name in ["v4_scipy.mat", "v4_scipy_bigendian.mat", "v4_octave.mat"]:
        if os.path.exists(path(name)):
            loaded = scipy.io.loadmat(path(name))
            truth[name] = {k: describe(v) for k, v in loaded.items() if not k.startswith("__")}
    with open(path("v4_truth.json"), "w") as f:
        json.dump(truth, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
