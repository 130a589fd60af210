using NeuroExercises.Week01.TaskDrivenRnn;
using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn.Checks;

/// <summary>Checks of <see cref="Losses"/>: the loss, value and gradients on fixed weights.</summary>
[WeekChecks(CheckKit.Week)]
public static class LossesChecks
{
    /// <summary>The plain MSE of a 40-step run of the H = 10 network and its gradients in every parameter.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>loss (0-d), grad_J, grad_B, grad_bx, grad_W, grad_c.</returns>
    [Check(1.5, Description = "Losses.Loss with λ_w = λ_r = 0: the MSE, differentiable in the weights (value and gradients)", Visibility = Visibility.Visible, Atol = 1e-6, Rtol = 1e-5, TimeLimitSeconds = 20, Hint = "The mean squared error over every element (mse_loss with mean reduction), built from torch operations on the model's outputs: no .item(), .detach() or tensors rebuilt from numbers, or the gradients do not reach the weights.")]
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
}
