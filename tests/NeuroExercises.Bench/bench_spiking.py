#!/usr/bin/env python3
"""PyTorch side of the week-4 benchmark (`dotnet run -c Release --project tests/NeuroExercises.Bench -- --week spiking-networks`).

A fixed number of BPTT training steps of the 784 -> H -> 10 LIF network on Fashion-MNIST, written as snnTorch tutorial 5
and ../shared/reference/spiking/README.md write it: the spike is a torch.autograd.Function (forward: Heaviside, strict;
backward: the arctan surrogate (alpha/2) / (1 + (pi/2 alpha x)^2) * g), reset by subtraction from the previous membrane
(detached), the loss is the output membrane's cross-entropy summed over steps, torch.optim.Adam. Initial weights, the batch
order and the settings come from the .npz the C# side wrote, so both sides do the same arithmetic. Also times the recorded
forward pass, the backward pass (torch.autograd.grad of the loss) and the spike function's backward alone. Prints one JSON
object on stdout.
"""
import argparse
import gzip
import json
import math
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


class AtanSpike(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, alpha):
        ctx.save_for_backward(x)
        ctx.alpha = alpha
        return (x > 0).to(x.dtype)

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        a = ctx.alpha
        return ((a / 2) / (1 + (math.pi / 2 * a * x) ** 2)) * grad_output, None


def lif_step(mem_prev, current, beta, threshold, alpha):
    reset = (mem_prev.detach() - threshold > 0).to(mem_prev.dtype)
    mem = mem_prev * beta + current - reset * threshold
    return AtanSpike.apply(mem - threshold, alpha), mem


def forward(params, x, steps, beta, threshold, alpha):
    W1, b1, W2, b2 = params
    current1 = torch.nn.functional.linear(x, W1, b1)
    mem1 = torch.zeros(x.shape[0], W1.shape[0])
    mem2 = torch.zeros(x.shape[0], W2.shape[0])
    mems2 = []
    for _ in range(steps):
        spk1, mem1 = lif_step(mem1, current1, beta, threshold, alpha)
        spk2, mem2 = lif_step(mem2, torch.nn.functional.linear(spk1, W2, b2), beta, threshold, alpha)
        mems2.append(mem2)
    return torch.stack(mems2)


def membrane_loss(mem2, y):
    loss = torch.zeros(())
    for t in range(mem2.shape[0]):
        loss = loss + torch.nn.functional.cross_entropy(mem2[t], y)
    return loss


def fresh(d):
    return [torch.from_numpy(d[k].copy()).requires_grad_(True) for k in ("W1", "b1", "W2", "b2")]


def run(d, x_all, labels, order, cfg):
    params = fresh(d)
    opt = torch.optim.Adam(params, lr=cfg["lr"], betas=(0.9, 0.999), eps=1e-8)
    losses = []
    start = time.perf_counter()
    for s in range(cfg["bptt_steps"]):
        idx = order[s * cfg["batch"]:(s + 1) * cfg["batch"]]
        x = x_all.index_select(0, idx)
        y = labels.index_select(0, idx)
        opt.zero_grad(set_to_none=True)
        loss = membrane_loss(forward(params, x, cfg["steps"], cfg["beta"], cfg["threshold"], cfg["alpha"]), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    step_ms = (time.perf_counter() - start) * 1e3 / cfg["bptt_steps"]

    # The parts of one step, 5 times on the first batch from the initial weights.
    parts = {"forward": [], "backward": [], "spike_backward": []}
    for _ in range(5):
        params = fresh(d)
        idx = order[:cfg["batch"]]
        x = x_all.index_select(0, idx)
        y = labels.index_select(0, idx)
        f = time.perf_counter()
        loss = membrane_loss(forward(params, x, cfg["steps"], cfg["beta"], cfg["threshold"], cfg["alpha"]), y)
        parts["forward"].append((time.perf_counter() - f) * 1e3)
        b = time.perf_counter()
        grads = torch.autograd.grad([loss], params)
        parts["backward"].append((time.perf_counter() - b) * 1e3)
        grads[0].sum().item()

        gen = torch.Generator().manual_seed(1)
        u = (torch.randn(cfg["steps"], cfg["batch"], cfg["hidden"], generator=gen) * 0.5).requires_grad_(True)
        gout = torch.randn(cfg["steps"], cfg["batch"], cfg["hidden"], generator=gen)
        s = AtanSpike.apply(u, cfg["alpha"])
        sb = time.perf_counter()
        gu = torch.autograd.grad([s], [u], [gout])
        parts["spike_backward"].append((time.perf_counter() - sb) * 1e3)
        gu[0].sum().item()
    return {"train_step": [step_ms], **parts}, losses


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
    cfg = {
        "batch": int(d["batch"]), "bptt_steps": int(d["bptt_steps"]), "steps": int(d["steps"]), "beta": float(d["beta"]),
        "threshold": float(d["threshold"]), "alpha": float(d["alpha"]), "lr": float(d["lr"]), "hidden": int(d["W1"].shape[0]),
    }
    order = torch.from_numpy(d["order"].astype(np.int64))
    x_all, labels = load_images(args.fmnist, cfg["batch"] * cfg["bptt_steps"])
    # BLAS must be loaded (one matmul) before threadpoolctl can see it.
    torch.randn(32, 784) @ torch.randn(784, 256)
    run(d, x_all, labels, order, cfg)  # warm-up, not timed
    timings = {k: [] for k in ("train_step", "forward", "backward", "spike_backward")}
    losses = []
    for _ in range(args.repeats):
        t, losses = run(d, x_all, labels, order, cfg)
        for k, v in t.items():
            timings[k].extend(v)
    print(json.dumps({
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "blas": blas_info(),
        "env": {k: os.environ.get(k) for k in ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS"]},
        "first_loss": losses[0],
        "last_loss": losses[-1],
        "cases": {k: {"median_ms": statistics.median(v), "min_ms": min(v), "times_ms": v} for k, v in timings.items()},
    }))


if __name__ == "__main__":
    main()
