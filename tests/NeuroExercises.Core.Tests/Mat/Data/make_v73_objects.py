#!/usr/bin/python3
"""Writes v73_objects.mat: a MAT v7.3 file (HDF5 behind MATLAB's 512-byte header, laid out as MATLAB lays it out)
holding an object (a group whose MATLAB_class is 'Neuron'), a string (uint32 dataset, MATLAB_class 'string'), a
function handle (MATLAB_class 'function_handle') and a plain double 'x' that must still be read.
scipy does not read v7.3 files; the expected values are the ones written here. Run with /usr/bin/python3
(python3-h5py, python3-numpy).
"""
import os
import struct

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
PATH = os.path.join(HERE, "v73_objects.mat")


def cls(obj, name):
    obj.attrs.create("MATLAB_class", np.bytes_(name))


with h5py.File(PATH, "w", userblock_size=512, libver="earliest") as f:
    x = f.create_dataset("x", data=np.array([[1.5], [2.5], [3.5]]))  # MATLAB 1x3, stored transposed
    cls(x, "double")
    obj = f.create_group("obj")
    cls(obj, "Neuron")
    rate = obj.create_dataset("rate", data=np.array([[12.5]]))
    cls(rate, "double")
    s = f.create_dataset("s", data=np.array([[3707764736, 2, 1, 1, 1, 1]], dtype=np.uint32))
    cls(s, "string")
    s.attrs.create("MATLAB_object_decode", np.int32(3))
    fh = f.create_dataset("fh", data=np.zeros((1, 4), dtype=np.uint8))
    cls(fh, "function_handle")

header = b"MATLAB 7.3 MAT-file, written by make_v73_objects.py".ljust(116, b" ") + b"\0" * 8 + struct.pack("<H", 0x0200) + b"IM"
with open(PATH, "r+b") as f:
    f.write(header.ljust(512, b"\0"))
