#!/usr/bin/python3
"""Writes the small IDX files that seed the mutation test and the fuzzer (Hardening/Data/idx).

Run with Debian's python3 (python3-numpy): /usr/bin/python3 make_idx.py. The layout is MNIST's: 00 00 type ndim,
big-endian int32 sizes, big-endian elements in C order.
"""
import gzip
import os
import struct

import numpy as np

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "idx")
TYPES = {np.uint8: 0x08, np.int8: 0x09, np.int16: 0x0B, np.int32: 0x0C, np.float32: 0x0D, np.float64: 0x0E}


def idx(array):
    header = bytes([0, 0, TYPES[array.dtype.type], array.ndim]) + b"".join(struct.pack(">i", d) for d in array.shape)
    return header + array.astype(array.dtype.newbyteorder(">")).tobytes()


def main():
    os.makedirs(HERE, exist_ok=True)
    images = (np.arange(2 * 5 * 4) * 7 % 256).astype(np.uint8).reshape(2, 5, 4)
    files = {
        "images-idx3-ubyte": idx(images),
        "labels-idx1-ubyte": idx(np.array([3, 1, 4, 1, 5, 9], dtype=np.uint8)),
        "i8-idx2": idx(np.array([[-128, -1, 0], [1, 64, 127]], dtype=np.int8)),
        "i16-idx1": idx(np.array([-32768, -2, 0, 3, 32767], dtype=np.int16)),
        "i32-idx2": idx(np.array([[-(2**31), -7], [0, 2**31 - 1]], dtype=np.int32)),
        "f32-idx2": idx(np.array([[0.5, -1.25, 3.0], [np.inf, -0.0, 1e-3]], dtype=np.float32)),
        "f64-idx1": idx(np.array([np.pi, -np.e, 1e300], dtype=np.float64)),
        "empty-idx2": idx(np.zeros((0, 3), dtype=np.uint8)),
    }
    for name, data in files.items():
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)
    with open(os.path.join(HERE, "images-idx3-ubyte.gz"), "wb") as f:
        f.write(gzip.compress(files["images-idx3-ubyte"], mtime=0))


if __name__ == "__main__":
    main()
