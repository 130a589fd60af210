#!/usr/bin/python3
"""Writes Level 5 MAT-files with what MATLAB writes and scipy.io.loadmat reads, but which are hard to make otherwise:
a logical sparse matrix whose values are one byte each under an miDOUBLE tag, a 1x1 char whose miUTF16 text element
is empty, a MATLAB object (class 3), a function handle (class 16) and an opaque object (class 17) each followed by a
plain variable, and a variable whose name has a non-ASCII (Latin-1) byte. Then v5_quirks_truth.json: what scipy
reads from each file. Run with Debian's python3 (python3-scipy): /usr/bin/python3 make_v5_quirks.py.
"""
import json
import os
import struct

import numpy as np
import scipy
import scipy.io
import scipy.sparse

HERE = os.path.dirname(os.path.abspath(__file__))
MI_INT8, MI_UINT8, MI_INT32, MI_UINT32, MI_DOUBLE, MI_MATRIX, MI_UTF16 = 1, 2, 5, 6, 9, 14, 17


def element(mtype, data):
    return struct.pack("<II", mtype, len(data)) + data + b"\0" * (-len(data) % 8)


def matrix(mclass, dims, name, *body, flags=0, nzmax=0):
    content = element(MI_UINT32, struct.pack("<II", mclass | flags, nzmax))
    if dims is not None:
        content += element(MI_INT32, struct.pack(f"<{len(dims)}i", *dims))
    content += element(MI_INT8, name) + b"".join(body)
    return element(MI_MATRIX, content)


def double(name, values, dims=None):
    values = list(values)
    return matrix(6, dims or [1, len(values)], name, element(MI_DOUBLE, struct.pack(f"<{len(values)}d", *values)))


def struct_body(fields):
    names = b"".join(n.ljust(32, b"\0") for n, _ in fields)
    return [element(MI_INT32, struct.pack("<i", 32)), element(MI_INT8, names)] + [v for _, v in fields]


def mat_file(*variables):
    header = b"MATLAB 5.0 MAT-file, written by make_v5_quirks.py".ljust(116, b" ") + b"\0" * 8 + struct.pack("<H", 0x0100) + b"IM"
    return header + b"".join(variables)


def files():
    # Logical sparse 3x2 with true at (0,0), (2,0), (1,1): values one byte each (1 1 1) under miDOUBLE, 3 bytes.
    ir = element(MI_INT32, struct.pack("<3i", 0, 2, 1))
    jc = element(MI_INT32, struct.pack("<3i", 0, 2, 3))
    pr = struct.pack("<II", MI_DOUBLE, 3) + bytes([1, 1, 1]) + b"\0" * 5
    logical_sparse = matrix(5, [3, 2], b"L", ir, jc, pr, flags=0x0200, nzmax=3)
    yield "v5_logical_sparse_bytes.mat", mat_file(logical_sparse, double(b"after", [1.0, 2.0]))

    # 1x1 char whose miUTF16 element holds no bytes.
    blank = matrix(4, [1, 1], b"c", element(MI_UTF16, b""))
    yield "v5_char_empty_utf16.mat", mat_file(blank, double(b"after", [3.0]))

    # MATLAB object of class 'Neuron' with fields rate and label, then a plain variable.
    obj = matrix(3, [1, 1], b"obj", element(MI_INT8, b"Neuron"),
                 *struct_body([(b"rate", double(b"", [12.5])), (b"gain", double(b"", [1.0, 2.0, 3.0]))]))
    yield "v5_object.mat", mat_file(obj, double(b"x", [4.0, 5.0]))

    # Function handle: its content is one nested miMATRIX (a struct describing the function).
    inner = matrix(2, [1, 1], b"", *struct_body([(b"type", matrix(4, [1, 6], b"", element(MI_UTF16, "simple".encode("utf-16-le")))),
                                                  (b"nargs", double(b"", [1.0]))]))
    handle = matrix(16, [1, 1], b"f", inner)
    yield "v5_function_handle.mat", mat_file(handle, double(b"x", [6.0]))

    # Opaque object (class 17): name, type system 'MCOS', class 'string', then one miMATRIX of uint32 metadata.
    meta = matrix(13, [1, 2], b"", element(MI_UINT32, struct.pack("<2I", 0xDD000000, 2)))
    opaque_content = element(MI_UINT32, struct.pack("<II", 17, 0)) + element(MI_INT8, b"s") + element(MI_INT8, b"MCOS") + element(MI_INT8, b"string") + meta
    opaque = element(MI_MATRIX, opaque_content)
    yield "v5_opaque.mat", mat_file(opaque, double(b"x", [7.0]))

    # A name with a Latin-1 byte (0xE9, e-acute).
    yield "v5_latin1_name.mat", mat_file(double(b"caf\xe9", [8.0]), double(b"x", [9.0]))


def describe(value):
    if scipy.sparse.issparse(value):
        return {"kind": "sparse", "dtype": value.dtype.name, "dense": value.toarray().astype(float).tolist()}
    if isinstance(value, scipy.io.matlab.MatlabObject):
        return {"kind": "object", "classname": value.classname, "fields": list(value.dtype.names),
                "values": {n: np.asarray(value[0, 0][n]).astype(float).flatten(order="F").tolist() for n in value.dtype.names}}
    if isinstance(value, scipy.io.matlab.MatlabFunction):
        return {"kind": "function", "repr": repr(value)[:200]}
    if isinstance(value, scipy.io.matlab.MatlabOpaque):
        return {"kind": "opaque", "s0": str(value[0]["s0"]), "s1": str(value[0]["s1"]), "s2": str(value[0]["s2"])}
    if value.dtype.kind == "U":
        return {"kind": "char", "shape": list(value.shape), "value": [str(v) for v in value.flatten()]}
    return {"kind": "numeric", "dtype": value.dtype.name, "values": value.astype(float).flatten(order="F").tolist()}


def main():
    truth = {"scipy": scipy.__version__}
    for name, data in files():
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)
        try:
            loaded = scipy.io.loadmat(os.path.join(HERE, name))
            truth[name] = {k: describe(v) for k, v in loaded.items() if not k.startswith("__")}
        except Exception as e:  # recorded so that the test knows scipy refuses it too
            truth[name] = {"scipy_error": f"{type(e).__name__}: {e}"}
    with open(os.path.join(HERE, "v5_quirks_truth.json"), "w") as f:
        json.dump(truth, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
