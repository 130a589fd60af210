#!/usr/bin/env python3
"""PyTorch side of the week-2 benchmark (`dotnet run -c Release --project tests/NeuroExercises.Bench -- --week burst-credit-assignment`).

One epoch of each learning rule (backprop, feedback alignment, Burstprop, BurstCCN) on Fashion-MNIST, written from the
equations of ../shared/reference/burst/README.md with PyTorch tensor operations under no_grad (the rules are local: no
autograd). Initial weights, the batch order and the hyperparameters come from the .npz the C# side wrote, so both sides
do the same arithmetic. Prints one JSON object on stdout.
"""
import argparse
import gzip
import json
import os
import statistics
import time

import numpy as np
import torch


def load_images(folder, n):
    with gzip.open(os.path.join(folder, "train-images-idx3-ubyte.gz")) as f:
        raw = np.frombuffer(f.read(), dtype=np.uint8, offset=16)
    with gzip.open(os.path.join(folder, "train-labels-idx1-ubyte.gz")) as f:
        labels = np.frombuffer(f.read(), dtype=np.uint8, offset=8)
    x = torch.from_numpy(raw.reshape(-1, 784)[:n].astype(np.float32) / np.float32(255.0))
    return x, torch.from_numpy(labels[:n].astype(np.int64))


def events(W, b, x):
    out, h = [], x
    for w, bias in zip(W, b):
        h = torch.sigmoid(torch.addmm(bias, h, w.t()))
        out.append(h)
    return out


def gradient_update(W, b, feedback, x, t, lr):
    """Backprop (feedback = W[1:]) or feedback alignment (feedback = Y): SGD on the mean squared error."""
    E = events(W, b, x)
    out = E[-1]
    g = (out - t) * out * (1 - out) * (2.0 / out.numel())
    dW, db = [None] * len(W), [None] * len(W)
    for l in range(len(W) - 1, -1, -1):
        below = x if l == 0 else E[l - 1]
        dW[l] = (g.t() @ below).mul_(-lr)
        db[l] = g.sum(0).mul_(-lr)
        if l > 0:
            g = (g @ feedback[l - 1]) * E[l - 1] * (1 - E[l - 1])
    return dW, db, {}


def burstccn_update(W, b, Y, Q, x, t, p, beta, lrs):
    E = events(W, b, x)
    n = x.shape[0]
    top = len(W) - 1
    P = p + p * (t - E[top]) * (1 - E[top])
    B = [None] * len(W)
    B[top] = P * E[top]
    for h in range(top - 1, -1, -1):
        A = B[h + 1] @ Y[h] - E[h + 1] @ Q[h]
        B[h] = torch.sigmoid(beta * A * (1 - E[h])) * E[h]
    dW, db = [None] * len(W), [None] * len(W)
    for l in range(len(W)):
        delta = B[l] - p * E[l]
        below = x if l == 0 else E[l - 1]
        dW[l] = (delta.t() @ below).mul_(lrs[l] / n)
        db[l] = delta.sum(0).mul_(lrs[l] / n)
    return dW, db, {}


def burstprop_update(W, b, Y, R, x, t, p, lrs, lr_r):
    E = events(W, b, x)
    top = len(W) - 1
    B0 = [None] * len(W)
    Bt = [None] * len(W)
    B0[top] = p * E[top]
    Bt[top] = (p + p * (t - E[top]) * (1 - E[top])) * E[top]
    dR = [None] * (len(W) - 1)
    for h in range(top - 1, -1, -1):
        F = B0[h + 1] @ Y[h]
        Ft = Bt[h + 1] @ Y[h]
        pre = torch.sigmoid(F) * E[h]
        inhibition = pre @ R[h].t()
        U = F * (1 - E[h]) - inhibition
        Ut = Ft * (1 - E[h]) - inhibition
        B0[h] = torch.sigmoid(U) * E[h]
        Bt[h] = torch.sigmoid(Ut) * E[h]
        dR[h] = (U.t() @ pre).mul_(lr_r)
    dW, db = [None] * len(W), [None] * len(W)
    for l in range(len(W)):
        delta = Bt[l] - B0[l]
        below = x if l == 0 else E[l - 1]
        dW[l] = (delta.t() @ below).mul_(lrs[l])
        db[l] = delta.sum(0).mul_(lrs[l])
    return dW, db, {"R": dR}


def one_epoch(rule, d, x_all, labels, order, batch):
    L = int(d["layers"])
    W = [torch.from_numpy(d[f"W{l}"].copy()) for l in range(L)]
    b = [torch.from_numpy(d[f"bias{l}"].copy()) for l in range(L)]
    Y = [torch.from_numpy(d[f"Y{h}"].copy()) for h in range(L - 1)]
    Q = [torch.from_numpy(d[f"Q{h}"].copy()) for h in range(L - 1)]
    R = [torch.from_numpy(d[f"R{h}"].copy()) for h in range(L - 1)]
    ccn_lrs = [float(v) for v in d["ccn_lr"]]
    prop_lrs = [float(v) for v in d["prop_lr"]]
    start = time.perf_counter()
    with torch.no_grad():
        for s in range(0, len(order), batch):
            idx = order[s:s + batch]
            x = x_all.index_select(0, idx)
            t = torch.nn.functional.one_hot(labels.index_select(0, idx), 10).float()
            if rule == "Backprop":
                dW, db, extra = gradient_update(W, b, W[1:], x, t, float(d["gradient_lr"]))
            elif rule == "FeedbackAlignment":
                dW, db, extra = gradient_update(W, b, Y, x, t, float(d["gradient_lr"]))
            elif rule == "BurstCcn":
                dW, db, extra = burstccn_update(W, b, Y, Q, x, t, float(d["ccn_p"]), float(d["ccn_beta"]), ccn_lrs)
            else:
                dW, db, extra = burstprop_update(W, b, Y, R, x, t, float(d["prop_p"]), prop_lrs, float(d["prop_lr_R"]))
            for l in range(L):
                W[l].add_(dW[l])
                b[l].add_(db[l])
            for h, dr in enumerate(extra.get("R", [])):
                R[h].add_(dr)
    elapsed = (time.perf_counter() - start) * 1e3
    with torch.no_grad():
        probe = x_all[:1000]
        out = events(W, b, probe)[-1]
        t = torch.nn.functional.one_hot(labels[:1000], 10).float()
        loss = torch.mean((out - t) ** 2).item()
    return elapsed, loss


def blas_info():
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "threadpoolctl not importable: BLAS kernel unknown"
    parts = []
    for pool in threadpool_info():
        if pool.get("user_api") == "blas":
            parts.append(f"{pool.get('internal_api')} {pool.get('version')} ({pool.get('threading_layer')}, {pool.get('num_threads')} threads, "
                         f"kernel {pool.get('architecture')}) {pool.get('filepath')}")
    return "; ".join(parts) if parts else "threadpoolctl found no BLAS library"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", required=True)
    parser.add_argument("--fmnist", required=True)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    d = dict(np.load(args.data))
    order = torch.from_numpy(d["order"].astype(np.int64))
    x_all, labels = load_images(args.fmnist, int(d["samples"]))
    batch = int(d["batch"])
    # BLAS must be loaded (one matmul) before threadpoolctl can see it.
    torch.randn(32, 784) @ torch.randn(784, 256)
    cases = {}
    for rule in ["Backprop", "FeedbackAlignment", "Burstprop", "BurstCcn"]:
        one_epoch(rule, d, x_all, labels, order[: min(len(order), 50 * batch)], batch)  # warm-up
        times, loss = [], None
        for _ in range(args.repeats):
            ms, loss = one_epoch(rule, d, x_all, labels, order, batch)
            times.append(ms)
        cases[rule] = {"median_ms": statistics.median(times), "min_ms": min(times), "times_ms": times, "probe_loss": loss}
    print(json.dumps({
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "blas": blas_info(),
        "env": {k: os.environ.get(k) for k in ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS"]},
        "cases": cases,
    }))


if __name__ == "__main__":
    main()
