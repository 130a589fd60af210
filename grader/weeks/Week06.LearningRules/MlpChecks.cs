using NeuroExercises.Week06.LearningRules;
using static TorchSharp.torch;

namespace NeuroExercises.Week06.LearningRules.Checks;

/// <summary>Checks of <see cref="Mlp"/>: the forward pass, loss and accuracy of mlp_rules.npz, and the accuracy's tie rule.</summary>
[WeekChecks(CheckKit.Week)]
public static class MlpChecks
{
    /// <summary>The forward pass of mlp_rules.npz (N = 12, m = 8), its per-sample and batch loss and its accuracy; float64, 1e-12 of each array's largest |value|.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>hidden_pre, hidden, output_pre, output, loss_batch, loss, accuracy.</returns>
    [Check(2, Description = "Mlp.Forward, Losses, Loss and Accuracy on mlp_rules.npz: column layout, bias as the LAST column, x̃ = [x; 1], clipped sigmoid, ℓ = Σ_o (t − y)² (no ½), L the batch mean; float64", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 30,
        Hint = "Augment appends the row of ones BELOW x (the bias is the last column); the loss has no ½ and sums over the 10 outputs; everything stays float64.")]
    [Tolerance("hidden_pre", 2.8e-12)]
    [Tolerance("hidden", 9.5e-13)]
    [Tolerance("output_pre", 4.6e-13)]
    [Tolerance("output", 5.9e-13)]
    [Tolerance("loss_batch", 2.6e-12)]
    [Tolerance("loss", 2.5e-12)]
    [Tolerance("accuracy", 0)]
    public static IReadOnlyDictionary<string, Tensor> Forward(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var r = ctx.LoadInputs(CheckKit.Rules);
        var pass = Mlp.Forward(r["W_h"], r["W_y"], r["x"]);
        return CheckKit.Results(
            ("hidden_pre", pass.HiddenPre), ("hidden", pass.Hidden), ("output_pre", pass.OutputPre), ("output", pass.Output),
            ("loss_batch", Mlp.Losses(pass.Output, r["t"])), ("loss", Mlp.Loss(pass.Output, r["t"])),
            ("accuracy", CheckKit.D(Mlp.Accuracy(pass.Output, r["t"]))));
    }

    /// <summary>
    /// Mlp.Accuracy on mlp_metrics.npz's outputs and on <see cref="TieOutputs"/> (ties where the target is NOT the first
    /// maximum); RAW accuracies only, <see cref="AccuracyTiesVerdict"/> decides in the grader's process.
    /// </summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>accuracy_metrics, accuracy_ties (0-d each).</returns>
    [Check(1, Description = "Mlp.Accuracy counts a tie that includes the target as correct (y at the target equals the column's maximum), not argmax's first maximum", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 20, Derive = nameof(AccuracyTiesVerdict))]
    public static IReadOnlyDictionary<string, Tensor> AccuracyTies(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var m = ctx.LoadInputs(CheckKit.MetricsFile);
        var (y, t) = TieOutputs();
        return CheckKit.Results(
            ("accuracy_metrics", CheckKit.D(Mlp.Accuracy(m["acc_outputs"], m["acc_targets"]))),
            ("accuracy_ties", CheckKit.D(Mlp.Accuracy(y, t))));
    }

    /// <summary>
    /// The trusted verdict of <see cref="AccuracyTies"/>: metrics_file (the accuracy of mlp_metrics.npz's outputs equals this
    /// method's tie-rule accuracy exactly), ties_counted (the same on <see cref="TieOutputs"/>, where argmax's first maximum
    /// gives a different number).
    /// </summary>
    /// <param name="ctx">The grader's context (inputs only).</param>
    /// <param name="raw">The arrays the check returned.</param>
    /// <returns>The flags (1 = holds).</returns>
    public static IReadOnlyDictionary<string, Tensor> AccuracyTiesVerdict(CheckContext ctx, IReadOnlyDictionary<string, Tensor> raw)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(raw);
        using var scope = NewDisposeScope();
        var m = ctx.LoadInputs(CheckKit.MetricsFile);
        var (y, t) = TieOutputs();
        var metrics = CheckKit.Raw(raw, "accuracy_metrics", [], float64).item<double>();
        var ties = CheckKit.Raw(raw, "accuracy_ties", [], float64).item<double>();
        return CheckKit.Results(
            ("metrics_file", CheckKit.Flag(metrics == Reference.TieAccuracy(m["acc_outputs"].cpu(), m["acc_targets"].cpu()))),
            ("ties_counted", CheckKit.Flag(ties == Reference.TieAccuracy(y, t))));
    }

    /// <summary>
    /// [10, 4] outputs and one-hot targets: column 0 ties units 2 and 7 at 0.9 with target 7; column 1 ties units 0, 5 and 9
    /// with target 9; column 2 has a unique maximum at the target; column 3's target is below the maximum. The tie rule gives
    /// 75 %, argmax's first maximum 25 %.
    /// </summary>
    private static (Tensor Y, Tensor T) TieOutputs()
    {
        var y = full([10, 4], 0.1, dtype: float64);
        y[2, 0] = tensor(0.9, float64);
        y[7, 0] = tensor(0.9, float64);
        y[0, 1] = tensor(0.6, float64);
        y[5, 1] = tensor(0.6, float64);
        y[9, 1] = tensor(0.6, float64);
        y[4, 2] = tensor(0.8, float64);
        y[1, 3] = tensor(0.7, float64);
        var t = zeros([10, 4], dtype: float64);
        t[7, 0] = tensor(1.0, float64);
        t[9, 1] = tensor(1.0, float64);
        t[4, 2] = tensor(1.0, float64);
        t[3, 3] = tensor(1.0, float64);
        return (y, t);
    }
}
