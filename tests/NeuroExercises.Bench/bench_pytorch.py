#!/usr/bin/env python3
"""PyTorch side of the NeuroExercises benchmark (launched by `dotnet run --project tests/NeuroExercises.Bench`).

Runs the course's week-1 code paths, written out here with the course's operations and shapes:
  * the networks' forward step (recurrent drive J @ r(x).T, input drive B @ u.T, transposed back),
  * generate_trajectory (a Python loop over time under torch.no_grad, outputs and hidden states stacked),
  * one step of the course's training loop (BPTT over all steps, stacked outputs, MSE (+ weight and rate
    penalties), backward, clip_grad_norm_(1.0), Adam).
Weights and data come from the .npz the C# side wrote, so both sides compute the same numbers.
Prints one JSON object to stdout; writes the trajectory it computed to --trajectory-out for the C# side to compare.
"""
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn as nn


def rectified_tanh(x):
    return torch.where(x > 0, torch.tanh(x), torch.zeros_like(x))


class CourseRnn(nn.Module):
    """The course's UnregularizedRNN / RegularizedRNN step (they share one forward; the regularised one also
    returns the step's rate penalty, the plain sum of r(x')^2)."""

    def __init__(self, weights, tau_over_dt=5.0, regularized=False):
        super().__init__()
        hidden_size, input_size = weights["B"].shape
        output_size = weights["W"].shape[0]
        self.hidden_size = hidden_size
        self.tau_over_dt = tau_over_dt
        self.regularized = regularized
        self.output_linear = nn.Linear(hidden_size, output_size)
        self.J = nn.Parameter(torch.from_numpy(weights["J"].copy()))
        self.B = nn.Parameter(torch.from_numpy(weights["B"].copy()))
        self.bx = nn.Parameter(torch.from_numpy(weights["bx"].copy()))
        with torch.no_grad():
            self.output_linear.weight.copy_(torch.from_numpy(weights["W"]))
            self.output_linear.bias.copy_(torch.from_numpy(weights["c"]))
        self.nonlinearity = rectified_tanh

    def forward(self, input, hidden):
        rate_before = self.nonlinearity(hidden)
        recurrent = torch.matmul(self.J, rate_before.transpose(0, 1))
        driven = torch.matmul(self.B, input.transpose(0, 1))
        total = (recurrent + driven + self.bx.unsqueeze(1)).transpose(0, 1)
        hidden = hidden + (1 / self.tau_over_dt) * (-hidden + total)
        rate = self.nonlinearity(hidden)
        output = self.output_linear(rate)
        if self.regularized:
            return output, hidden, rate.pow(2).sum()
        return output, hidden

    def init_hidden(self, batch_size):
        return torch.zeros(batch_size, self.hidden_size)


def generate_trajectory(model, inputs):
    """The course's generate_trajectory (without its per-step print)."""
    h = model.init_hidden(inputs.size(0))
    outputs, hidden_states = [], []
    with torch.no_grad():
        for t in range(inputs.shape[1]):
            output, h, *_ = model(inputs[:, t], h)
            outputs.append(output)
            hidden_states.append(h.detach().clone())
    return torch.stack(outputs, axis=1), torch.stack(hidden_states, axis=1)


def training_step(model, optimizer, criterion, inputs, targets, weight_penalty, rate_penalty):
    """One batch of the course's training loop; returns the loss value."""
    optimizer.zero_grad()
    h = model.init_hidden(inputs.size(0))
    outputs = []
    rate_sum = 0
    for t in range(inputs.shape[1]):
        output, h, *rest = model(inputs[:, t], h)
        outputs.append(output)
        if rest:
            rate_sum = rate_sum + rest[0]
    outputs = torch.stack(outputs, dim=1)
    loss = criterion(outputs, targets)
    if model.regularized:
        n = inputs.size(0) * model.hidden_size
        loss = loss + weight_penalty * (model.B.pow(2).sum() + model.output_linear.weight.pow(2).sum())
        loss = loss + rate_penalty * rate_sum / (n * inputs.shape[1])
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
    return loss.item()


def timed(fn, warmup, repeats):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1e3)
    return {"median_ms": statistics.median(times), "min_ms": min(times), "times_ms": times}


def blas_in_use():
    """Which BLAS library this process mapped (Debian's libblas.so.3 alternative decides)."""
    try:
        with open("/proc/self/maps") as maps:
            text = maps.read()
    except OSError:
        return "unknown"
    if "openblas-openmp" in text:
        return "openblas-openmp"
    if "openblas-pthread" in text:
        return "openblas-pthread"
    if "openblas" in text:
        return "openblas"
    if "/blas/libblas.so" in text:
        return "reference (netlib)"
    return "unknown"


def matmul_probe_us():
    """27x150 @ 150x150: ~18 us with OpenBLAS, ~190 us with the reference BLAS on the development machine."""
    a, b = torch.randn(27, 150), torch.randn(150, 150)
    for _ in range(50):
        a @ b
    n = 500
    start = time.perf_counter()
    for _ in range(n):
        a @ b
    return (time.perf_counter() - start) / n * 1e6


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", required=True, help=".npz with J, B, bx, W, c, inputs, targets")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--batch", type=int, default=20)
    parser.add_argument("--weight-penalty", type=float, default=1e-4)
    parser.add_argument("--rate-penalty", type=float, default=1e-4)
    parser.add_argument("--trajectory-out", help="where to write the trajectory (outputs, hidden) as .npz")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    data = dict(np.load(args.data))
    inputs = torch.from_numpy(data["inputs"])
    targets = torch.from_numpy(data["targets"])
    batch_inputs, batch_targets = inputs[: args.batch], targets[: args.batch]
    cases = {}

    model = CourseRnn(data)
    model.eval()
    outputs, hidden = generate_trajectory(model, inputs)
    if args.trajectory_out:
        np.savez(args.trajectory_out, outputs=outputs.numpy(), hidden=hidden.numpy())
    cases["trajectory"] = timed(lambda: generate_trajectory(model, inputs), args.warmup, args.repeats)

    for name, regularized in (("train_unregularized", False), ("train_regularized", True)):
        model = CourseRnn(data, regularized=regularized)
        model.train()
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
        criterion = nn.MSELoss()
        step = lambda: training_step(model, optimizer, criterion, batch_inputs, batch_targets,
                                     args.weight_penalty, args.rate_penalty)
        first_loss = step()
        result = timed(step, max(args.warmup - 1, 0), args.repeats)
        result["first_loss"] = first_loss
        cases[name] = result

    json.dump({
        "torch": torch.__version__,
        "python": sys.version.split()[0],
        "threads": torch.get_num_threads(),
        "blas": blas_in_use(),
        "matmul_27x150x150_us": matmul_probe_us(),
        "pid": os.getpid(),
        "cases": cases,
    }, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
