#!/usr/bin/env python3
"""PyTorch side of the week-3 benchmark (`dotnet run -c Release --project tests/NeuroExercises.Bench -- --week microcircuits`).

Written from the equations of ../shared/reference/microcircuits/README.md with PyTorch tensor operations:
- the course's one-head self-attention model for the sparse-AND task, forward + mean BCE + backward (autograd):
  E = tokenizer[X] + positioner, Q = E Wqᵀ, K = E Wkᵀ, V = E Wvᵀ, logits = Q Kᵀ·d^{-1/2}, scores = softmax over keys,
  attention = (scores V) squeezed, ŷ = σ(attention linearᵀ);
- divisive normalization g·x / (σ + (Σ_j |x_j|^p)^{1/p}) per row.
Weights and inputs come from the .npz the C# side wrote, so both sides do the same arithmetic. Prints one JSON object on
stdout: per case the median and minimum time and the numbers the C# side compares (the loss and Σ|grad| of each parameter;
Σ out and Σ out² for the normalization).
"""
import argparse
import json
import math
import os
import statistics
import time

import numpy as np
import torch
import torch.nn.functional as F

PARAMETERS = ["tokenizer.weight", "positioner", "Wq.weight", "Wk.weight", "Wv.weight", "linear.weight"]


def attention_loss(p, X, y):
    d = p["Wq.weight"].shape[0]
    E = F.embedding(X, p["tokenizer.weight"]) + p["positioner"]
    Q = F.linear(E, p["Wq.weight"])
    K = F.linear(E, p["Wk.weight"])
    V = F.linear(E, p["Wv.weight"])
    logits = Q.matmul(K.transpose(1, 2)) / math.sqrt(d)
    scores = logits.softmax(-1)
    attention = scores.matmul(V).squeeze(-1)
    out = F.linear(attention, p["linear.weight"]).sigmoid()
    return F.binary_cross_entropy(out.squeeze(), y.squeeze())


def attention_step(p, X, y):
    for t in p.values():
        t.grad = None
    loss = attention_loss(p, X, y)
    loss.backward()
    value = loss.item()
    return lambda: [value] + [p[n].grad.abs().sum().item() for n in PARAMETERS]


def normalize(x, sigma, power, gain):
    pooled = x.abs().pow(power).sum(1, keepdim=True)
    return x * gain / (pooled.pow(1 / power) + sigma)


def checksum(out):
    d = out.double()
    return [d.sum().item(), d.square().sum().item()]


def timed(run, warmup, repeats):
    for _ in range(warmup):
        run()()
    times, check = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        read = run()
        times.append((time.perf_counter() - start) * 1e3)
        check = read()
    return {"median_ms": statistics.median(times), "min_ms": min(times), "times_ms": times, "check": check}


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
    parser.add_argument("--attention", required=True, help="comma-separated case names")
    parser.add_argument("--normalize", required=True, help="comma-separated name:sigma:p:gain")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    d = dict(np.load(args.data))
    # BLAS must be loaded (one matmul) before threadpoolctl can see it.
    torch.randn(32, 64) @ torch.randn(64, 32)
    cases = {}
    for name in args.attention.split(","):
        p = {n: torch.from_numpy(d[f"{name}/{n}"].copy()).requires_grad_() for n in PARAMETERS}
        X = torch.from_numpy(d[f"{name}/X"].astype(np.int64))
        y = torch.from_numpy(d[f"{name}/y"])
        cases[name] = timed(lambda: attention_step(p, X, y), args.warmup, args.repeats)
    for spec in args.normalize.split(","):
        name, sigma, power, gain = spec.split(":")
        x = torch.from_numpy(d[f"{name}/x"])
        sigma, power, gain = float(sigma), float(power), float(gain)

        def run():
            out = normalize(x, sigma, power, gain)
            return lambda: checksum(out)
        cases[name] = timed(run, args.warmup, args.repeats)
    print(json.dumps({
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "blas": blas_info(),
        "env": {k: os.environ.get(k) for k in ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS"]},
        "cases": cases,
    }))


if __name__ == "__main__":
    main()
