#!/usr/bin/python3
"""Writes the small CIFAR-10 binary archives that seed the mutation test and the fuzzer (Hardening/Data/cifar).

Run with Debian's python3 (standard library only): /usr/bin/python3 make_cifar.py. The layout is the dataset's binary
version: cifar-10-batches-bin/{data_batch_1..5,test_batch}.bin, each record 1 label byte + 3072 pixel bytes (R, G, B
planes of 32x32). Two records per batch keep the files small.
"""
import gzip
import io
import os
import tarfile

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cifar")


def batch(b, images=2):
    out = bytearray()
    for k in range(images):
        out.append((b + k) % 10)
        out.extend(((31 * b + 7 * k + j) % 256) for j in range(3072))
    return bytes(out)


def archive():
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        members = [("batches.meta.txt", b"airplane\nautomobile\n")]
        members += [(f"data_batch_{b}.bin", batch(b)) for b in range(1, 6)]
        members += [("test_batch.bin", batch(0))]
        for name, data in members:
            info = tarfile.TarInfo(f"cifar-10-batches-bin/{name}")
            info.size = len(data)
            info.mtime = 0
            tar.addfile(info, io.BytesIO(data))
    return raw.getvalue()


def main():
    os.makedirs(HERE, exist_ok=True)
    tar = archive()
    with open(os.path.join(HERE, "cifar-10-binary.tar"), "wb") as f:
        f.write(tar)
    with open(os.path.join(HERE, "cifar-10-binary.tar.gz"), "wb") as f:
        f.write(gzip.compress(tar, mtime=0))


if __name__ == "__main__":
    main()
