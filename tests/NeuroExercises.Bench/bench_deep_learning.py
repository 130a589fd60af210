#!/usr/bin/env python3
"""PyTorch side of the week-5 benchmark (`dotnet run -c Release --project tests/NeuroExercises.Bench -- --week deep-learning-neuro`).

(1) One training epoch of the course's tilt CNN (Tutorial 3): 10 minibatches of 100 from cnn.npz's initial weights in
perm[0]'s order, nn.BCELoss, optim.SGD(lr 5e-4, momentum 0.99); (2) the RDM (1 − Pearson, z-scored rows) of V1's 181
stimuli and of the pool layer's stored activations, compared by Spearman's rho over the upper triangle
(scipy.stats.spearmanr). Images are the course's gratings built in float64 (not timed). Prints one JSON object on stdout.
"""
import argparse
import json
import os
import statistics
import time

import numpy as np
import scipy.stats
import torch
from torch import nn


def grating(angle, res=0.1):
    angle = np.deg2rad(angle)
    wpix, hpix = 640, 480
    xx, yy = np.meshgrid(1 / 28 * np.arange(0, wpix * res) / res, 1 / 28 * np.arange(0, hpix * res) / res)
    g = np.cos(xx * np.cos(angle) + yy * np.sin(angle))
    g[g < 0] = 0
    g[g > 0] = 1
    return torch.tensor(g, dtype=torch.float32)


class ConvNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 6, kernel_size=7, padding=3)
        self.pool = nn.MaxPool2d(8)
        self.fc = nn.Linear(6 * 6 * 8, 10)
        self.out = nn.Linear(10, 1)

    def forward(self, x):
        x = self.pool(torch.relu(self.conv(x)))
        x = torch.relu(self.fc(x.flatten(1)))
        return torch.sigmoid(self.out(x))


def rdm(resp):
    z = (resp - resp.mean(1, keepdim=True)) / resp.std(1, unbiased=False, keepdim=True)
    return 1 - z @ z.T / resp.shape[1]


def timed(fn, warmup, repeats):
    for _ in range(warmup):
        fn()
    times, value = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        value = fn()
        times.append(1000 * (time.perf_counter() - t0))
    return {"median_ms": statistics.median(times), "min_ms": min(times), "value": float(value)}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--reference", required=True)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--warmup", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    d = np.load(os.path.join(a.reference, "cnn.npz"))
    images = torch.stack([grating(o) for o in d["train_ori_f64"]]).unsqueeze(1)
    labels = torch.tensor(d["train_ori_f64"] > 0, dtype=torch.float32).unsqueeze(1)
    perm = torch.from_numpy(d["perm"][0])
    init = {k: torch.from_numpy(d["init_" + k.replace(".", "_")]) for k in
            ["conv.weight", "conv.bias", "fc.weight", "fc.bias", "out.weight", "out.bias"]}

    def epoch():
        net = ConvNet()
        net.load_state_dict(init)
        opt = torch.optim.SGD(net.parameters(), lr=5e-4, momentum=0.99)
        loss_fn = nn.BCELoss()
        loss = None
        for start in range(0, 1000, 100):
            idx = perm[start:start + 100]
            opt.zero_grad()
            loss = loss_fn(net(images[idx]), labels[idx])
            loss.backward()
            opt.step()
        return loss.item()

    resp = torch.from_numpy(np.load(os.path.join(a.reference, "W3D4_stringer_oribinned1_synthetic.npz"))["resp"][:181])
    act_pool = torch.from_numpy(d["act_pool"])
    iu = np.triu_indices(181, k=1)

    def rsa():
        r1 = rdm(resp).numpy()
        r2 = rdm(act_pool).numpy()
        return scipy.stats.spearmanr(r1[iu].astype(np.float64), r2[iu].astype(np.float64)).correlation

    try:
        from threadpoolctl import threadpool_info
        blas = ", ".join(f"{i['internal_api']} {i.get('architecture') or ''}".strip() for i in threadpool_info() if i["user_api"] == "blas")
    except ImportError:
        blas = "unknown (threadpoolctl missing)"
    cases = {"cnn_epoch": timed(epoch, a.warmup, a.repeats), "rsa": timed(rsa, a.warmup, a.repeats)}
    print(json.dumps({"torch": torch.__version__, "blas": blas, "threads": a.threads, "cases": cases}))


if __name__ == "__main__":
    main()
