using NeuroExercises.Week01.TaskDrivenRnn;
using static TorchSharp.torch;

namespace NeuroExercises.Grader.Checks.Weeks.TaskDrivenRnn;

/// <summary>Checks of the loss (value and gradients on fixed weights) and of a short seeded training run.</summary>
[WeekChecks(CheckKit.Week)]
public static class TrainingChecks
{
    /// <summary>The plain MSE of a 40-step run of the H = 10 network and its gradients in every parameter.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>loss (0-d), grad_J, grad_B, grad_bx, grad_W, grad_c.</returns>
    [Check(1.5, Description = "Losses.Loss with λ_w = λ_r = 0: the MSE, differentiable in the weights (value and gradients)", Visibility = Visibility.Visible, Atol = 1e-6, Rtol = 1e-5, TimeLimitSeconds = 20)]
    // Gradients are sums over 3 × 40 BPTT steps in float32: their summation order (yours, ours, run to run) moves them by
    // up to ~2e-6, so they get a wider tolerance than the loss value itself.
    [Tolerance("grad_J", 1e-5, 1e-4)]
    [Tolerance("grad_B", 1e-5, 1e-4)]
    [Tolerance("grad_bx", 1e-5, 1e-4)]
    [Tolerance("grad_W", 1e-5, 1e-4)]
    [Tolerance("grad_c", 1e-5, 1e-4)]
    public static IReadOnlyDictionary<string, Tensor> LossUnregularized(CheckContext ctx) => Loss(ctx, 0, 0);

    /// <summary>The loss with weight and rate penalties (λ_w = 1e-3, λ_r = 1e-2, larger than the course's so they show).</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>loss (0-d), grad_J, grad_B, grad_bx, grad_W, grad_c.</returns>
    [Check(1.5, Description = "Losses.Loss with penalties: mse + λ_w(ΣB² + ΣW²) + λ_r · rateSum/(N·T), N = batch × hidden units", Visibility = Visibility.Hidden, Atol = 1e-6, Rtol = 1e-5, TimeLimitSeconds = 20)]
    // Gradients: as for LossUnregularized.
    [Tolerance("grad_J", 1e-5, 1e-4)]
    [Tolerance("grad_B", 1e-5, 1e-4)]
    [Tolerance("grad_bx", 1e-5, 1e-4)]
    [Tolerance("grad_W", 1e-5, 1e-4)]
    [Tolerance("grad_c", 1e-5, 1e-4)]
    public static IReadOnlyDictionary<string, Tensor> LossRegularized(CheckContext ctx) => Loss(ctx, 1e-3, 1e-2);

    /// <summary>
    /// Trains the H = 10 network twice for 4 epochs on a tiny dataset (3 conditions × 2 delays × 32 steps) with the same
    /// options and compares in the check: reproducible, changes the weights, lowers the training error, stays finite.
    /// The training error is measured by the check itself (its own Euler rollout of the trained weights, MSE on the
    /// training conditions at every delay), never taken from the history the submission reports.
    /// </summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>Flags (1 when true): reproducible, weights_changed, train_error_decreased, finite, history_lengths.</returns>
    [Check(2, Description = "Trainer.Train: seeded and reproducible, lowers the training loss on a tiny dataset", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 60)]
    public static IReadOnlyDictionary<string, Tensor> TrainShort(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var archive = ctx.LoadInputs("rnn_small_chaotic.npz");
        var data = TinyDataset(ctx, archive["trajectory_inputs"]);
        var split = new ConditionSplit([0, 1], [2]);
        var options = new TrainingOptions(Epochs: 4, LearningRate: 1e-2, BatchSize: 2, Seed: 11, GradientClip: 1.0, UseAllDelays: true);

        using var firstLease = CheckKit.Model(ctx, archive);
        var first = firstLease.Model;
        var initialJ = first.Weights.J.detach().clone();
        var trainInputs = data.InputsWithDelay[TensorIndex.Slice(0, 2)].flatten(0, 1);
        var trainTargets = data.OutputsWithDelay[TensorIndex.Slice(0, 2)].flatten(0, 1);
        var errorBefore = ReferenceMse(first.Weights, first.TauOverDt, trainInputs, trainTargets);
        var history = Trainer.Train(first, data, split, options);
        var errorAfter = ReferenceMse(first.Weights, first.TauOverDt, trainInputs, trainTargets);
        using var secondLease = CheckKit.Model(ctx, archive);
        var second = secondLease.Model;
        var historyAgain = Trainer.Train(second, data, split, options);

        var a = first.Weights;
        var b = second.Weights;
        var reproducible = CheckKit.Same(a.J.detach(), b.J.detach()) && CheckKit.Same(a.B.detach(), b.B.detach())
            && CheckKit.Same(a.W.detach(), b.W.detach()) && history.Loss.SequenceEqual(historyAgain.Loss);
        var finite = history.Loss.All(double.IsFinite) && history.ValidationError.All(double.IsFinite)
            && a.J.detach().isfinite().all().item<bool>() && double.IsFinite(errorAfter);
        return CheckKit.Results(
            ("reproducible", CheckKit.Flag(reproducible)),
            ("weights_changed", CheckKit.Flag(!CheckKit.Same(a.J.detach(), initialJ))),
            ("train_error_decreased", CheckKit.Flag(errorAfter < errorBefore)),
            ("finite", CheckKit.Flag(finite)),
            ("history_lengths", CheckKit.Flag(history.Loss.Length == options.Epochs && history.ValidationError.Length == options.Epochs)));
    }

    private static IReadOnlyDictionary<string, Tensor> Loss(CheckContext ctx, double weightPenalty, double ratePenalty)
    {
        using var scope = NewDisposeScope();
        var archive = ctx.LoadInputs("rnn_small_chaotic.npz");
        using var lease = CheckKit.Model(ctx, archive);
        var model = lease.Model;
        var inputs = archive["trajectory_inputs"][.., 100..140];
        var targets = CheckKit.SyntheticTargets(3, 40, ctx.Device);
        var (outputs, rateSum) = CheckKit.Unroll(model, inputs);
        var loss = Losses.Loss(model, outputs, targets, rateSum, weightPenalty, ratePenalty);
        loss.backward();
        var w = model.Weights;
        return CheckKit.Results(
            ("loss", loss),
            ("grad_J", Grad(w.J, "J")),
            ("grad_B", Grad(w.B, "B")),
            ("grad_bx", Grad(w.Bx, "bx")),
            ("grad_W", Grad(w.W, "output_linear.weight")),
            ("grad_c", Grad(w.C, "output_linear.bias")));
    }

    private static Tensor Grad(Tensor parameter, string name) =>
        parameter.grad?.clone() ?? throw new InvalidOperationException($"parameter {name} has no gradient after loss.backward(): the loss must be built from the model's outputs and weights with differentiable torch operations (no .detach(), no .item())");

    /// <summary>
    /// MSE of the network with weights <paramref name="w"/> on [B, T, I] inputs, computed here from the equations
    /// (x ← x + (1/τ)(−x + J r + B u + bx), r = rectified tanh, z = W r + c) so no submitted code is involved.
    /// </summary>
    private static double ReferenceMse(RnnWeights w, double tauOverDt, Tensor inputs, Tensor targets)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var j = w.J.detach();
        var b = w.B.detach();
        var bx = w.Bx.detach();
        var wOut = w.W.detach();
        var c = w.C.detach();
        var x = zeros(inputs.shape[0], j.shape[0], device: inputs.device);
        var outputs = new List<Tensor>();
        foreach (var u in inputs.unbind(1))
        {
            var r = tanh(x).clamp_min(0);
            x = x + (1.0 / tauOverDt) * (-x + r.matmul(j.t()) + u.matmul(b.t()) + bx);
            outputs.Add(tanh(x).clamp_min(0).matmul(wOut.t()) + c);
        }

        return stack(outputs, 1).sub(targets).square().mean().item<float>();
    }

    private static PreparedDataset TinyDataset(CheckContext ctx, Tensor trajectoryInputs)
    {
        // 3 conditions, 2 "delays" (the second shifted by 4 steps), every 8th of the 250 steps: 32 steps.
        var inputs = trajectoryInputs[.., TensorIndex.Slice(0, 250, 8)].contiguous();
        var shifted = inputs.roll(4, 1);
        var withDelay = stack([shifted, inputs], 1);
        var outputs = CheckKit.SyntheticTargets(3, inputs.shape[1], ctx.Device);
        var outputsWithDelay = stack([outputs.roll(4, 1), outputs], 1);
        var times = arange(inputs.shape[1], float64) * 0.08;
        var maxError = outputs.sub(outputs.mean([0, 1], keepdim: true)).square().mean().item<float>();
        return new PreparedDataset(inputs, withDelay, outputs, outputsWithDelay, times, maxError);
    }
}
