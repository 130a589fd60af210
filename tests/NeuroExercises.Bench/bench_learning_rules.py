#!/usr/bin/env python3
"""PyTorch side of the week-6 benchmark (`dotnet run -c Release --project tests/NeuroExercises.Bench -- --week learning-rules`).

One epoch of each learning rule (backprop, feedback alignment, Kolen-Pollack, weight perturbation, node perturbation) on
Fashion-MNIST in float64 and the column layout of ../shared/reference/learning_rules/README.md (bias as the last column,
inputs augmented with a row of ones), written from its equations with PyTorch tensor operations under no_grad. Initial
weights, the batch order and the hyperparameters come from the .npz the C# side wrote; the perturbation noise is drawn
here with torch.randn from a generator seeded as the C# side seeds its own. Prints one JSON object on stdout.
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
    x = torch.from_numpy(raw.reshape(-1, 784)[:n].astype(np.float64) / 255.0).t().contiguous()
    t = torch.nn.functional.one_hot(torch.from_numpy(labels[:n].astype(np.int64)), 10).double().t().contiguous()
    return x, t


def sigmoid(a):
    return 1.0 / (1.0 + torch.exp(-torch.clamp(a, -500.0, 500.0)))


def augment(x):
    return torch.cat([x, torch.ones(1, x.shape[1], dtype=x.dtype)], 0)


def forward(wh, wy, x):
    h = sigmoid(wh @ augment(x))
    return h, sigmoid(wy @ augment(h))


def loss(y, t):
    return ((t - y) ** 2).sum(0).mean()


def sigmoid_update(wh, wy, feedback, x, t):
    h, y = forward(wh, wy, x)
    dy = (t - y) * y * (1 - y)
    dh = (feedback @ dy) * h * (1 - h)
    return dh @ augment(x).t(), dy @ augment(h).t()


def one_epoch(rule, d, x_all, t_all, order, batch, seed, x_rows, t_rows):
    wh = torch.from_numpy(d["W_h"].copy())
    wy = torch.from_numpy(d["W_y"].copy())
    b = torch.from_numpy(d["B"].copy())
    lr, sigma, decay = float(d["lr"]), float(d["sigma"]), float(d["kp_decay"])
    n_hidden = wh.shape[0]
    gen = torch.Generator().manual_seed(seed)
    start = time.perf_counter()
    with torch.no_grad():
        for s in range(0, len(order) - batch + 1, batch):
            idx = order[s:s + batch]
            # A batch's columns, gathered as rows of the sample-major copy (784 scattered reads per column otherwise).
            x = x_rows.index_select(0, idx).t()
            t = t_rows.index_select(0, idx).t()
            if rule == "Backprop":
                dwh, dwy = sigmoid_update(wh, wy, wy[:, :n_hidden].t(), x, t)
            elif rule == "FeedbackAlignment":
                dwh, dwy = sigmoid_update(wh, wy, b, x, t)
            elif rule == "KolenPollack":
                h, y = forward(wh, wy, x)
                dy = (t - y) * y * (1 - y)
                dmat = dy @ augment(h).t()
                dwy = dmat - decay * wy
                db = dmat[:, :n_hidden].t() - decay * b
                dh = (b @ dy) * h * (1 - h)
                dwh = dh @ augment(x).t()
                b = b + lr * db
            elif rule == "WeightPerturbation":
                psi_h = torch.randn(wh.shape, generator=gen, dtype=torch.float64) * sigma
                psi_y = torch.randn(wy.shape, generator=gen, dtype=torch.float64) * sigma
                now = loss(forward(wh, wy, x)[1], t)
                per = loss(forward(wh + psi_h, wy + psi_y, x)[1], t)
                scale = (now - per) / (sigma * sigma)
                dwh, dwy = psi_h * scale, psi_y * scale
            else:
                xi_h = torch.randn((n_hidden, x.shape[1]), generator=gen, dtype=torch.float64) * sigma
                xi_y = torch.randn((10, x.shape[1]), generator=gen, dtype=torch.float64) * sigma
                h, y = forward(wh, wy, x)
                hp = h + xi_h
                hpa = augment(hp)
                yp = sigmoid(wy @ hpa) + xi_y
                dl = ((t - y) ** 2).sum(0) - ((t - yp) ** 2).sum(0)
                scale = dl / (x.shape[1] * sigma * sigma)
                dwh = ((hp - h) * scale) @ augment(x).t()
                dwy = ((yp - y) * scale) @ hpa.t()
            wh.add_(dwh, alpha=lr)
            wy.add_(dwy, alpha=lr)
    elapsed = (time.perf_counter() - start) * 1e3
    with torch.no_grad():
        probe = loss(forward(wh, wy, x_all[:, :1000])[1], t_all[:, :1000]).item()
    return elapsed, probe


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
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    d = dict(np.load(args.data))
    order = torch.from_numpy(d["order"].astype(np.int64))
    x_all, t_all = load_images(args.fmnist, int(d["samples"]))
    x_rows, t_rows = x_all.t().contiguous(), t_all.t().contiguous()
    batch = int(d["batch"])
    seed = int(d["seed"])
    # BLAS must be loaded (one matmul) before threadpoolctl can see it.
    torch.randn(100, 785, dtype=torch.float64) @ torch.randn(785, 32, dtype=torch.float64)
    cases = {}
    for rule in ["Backprop", "FeedbackAlignment", "KolenPollack", "WeightPerturbation", "NodePerturbation"]:
        one_epoch(rule, d, x_all, t_all, order[: min(len(order), 50 * batch)], batch, seed, x_rows, t_rows)  # warm-up
        times, probe = [], None
        for _ in range(args.repeats):
            ms, probe = one_epoch(rule, d, x_all, t_all, order, batch, seed, x_rows, t_rows)
            times.append(ms)
        cases[rule] = {"median_ms": statistics.median(times), "min_ms": min(times), "times_ms": times, "probe_loss": probe}
    print(json.dumps({
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "blas": blas_info(),
        "env": {k: os.environ.get(k) for k in ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS"]},
        "cases": cases,
    }))


if __name__ == "__main__":
    main()
