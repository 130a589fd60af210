using NeuroExercises.Week06.LearningRules;
using static TorchSharp.torch;

namespace NeuroExercises.Week06.LearningRules.Checks;

/// <summary>Checks of <see cref="Metrics"/> on mlp_metrics.npz.</summary>
[WeekChecks(CheckKit.Week)]
public static class MetricsChecks
{
    /// <summary>cos(u, v) and cos(u, w) of mlp_metrics.npz (1e-12 absolute).</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>cos_uv, cos_uw (0-d).</returns>
    [Check(1, Description = "Metrics.Cosine = u·v / (‖u‖ ‖v‖) over all entries, float64 (one pair is negative: no absolute value)", Visibility = Visibility.Visible, Atol = 1e-12, TimeLimitSeconds = 20)]
    public static IReadOnlyDictionary<string, Tensor> Cosine(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var m = ctx.LoadInputs(CheckKit.MetricsFile);
        return CheckKit.Results(
            ("cos_uv", CheckKit.D(Metrics.Cosine(m["cos_u"], m["cos_v"]))),
            ("cos_uw", CheckKit.D(Metrics.Cosine(m["cos_u"], m["cos_w"]))));
    }

    /// <summary>The SNR of mlp_metrics.npz's snr_grad [6, 3, 5] (an all-zero entry contributes 0, a constant 0.004 entry 4).</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>snr (0-d).</returns>
    [Check(1, Description = "Metrics.GradientSnr: mean over entries of |mean| / (population std + 1e-3); the sample std (ddof 1) or the 1e-3 added to the ratio are wrong", Visibility = Visibility.Visible, Atol = 7.2e-13, TimeLimitSeconds = 20,
        Hint = "torch's std is unbiased by default: pass unbiased: false; add 1e-3 to the std, not to the ratio.")]
    public static IReadOnlyDictionary<string, Tensor> Snr(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var m = ctx.LoadInputs(CheckKit.MetricsFile);
        return CheckKit.Results(("snr", CheckKit.D(Metrics.GradientSnr(m["snr_grad"]))));
    }

    /// <summary>
    /// The cosine of a zero array with another (the week-6 student dry run's open guess): NaN (0/0), as NumPy gives, not 0
    /// and no exception; <see cref="CosineOfZeroVerdict"/> decides in the grader's process.
    /// </summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>cos_zero (0-d float64).</returns>
    [Check(1, Description = "Metrics.Cosine of a zero array is NaN (0/0), not 0", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 20, Derive = nameof(CosineOfZeroVerdict))]
    public static IReadOnlyDictionary<string, Tensor> CosineOfZero(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var m = ctx.LoadInputs(CheckKit.MetricsFile);
        return CheckKit.Results(("cos_zero", CheckKit.D(Metrics.Cosine(zeros_like(m["cos_u"]), m["cos_v"]))));
    }

    /// <summary>The trusted verdict of <see cref="CosineOfZero"/>: zero_gives_nan.</summary>
    /// <param name="ctx">The grader's context (inputs only).</param>
    /// <param name="raw">The arrays the check returned.</param>
    /// <returns>The flag (1 = holds).</returns>
    public static IReadOnlyDictionary<string, Tensor> CosineOfZeroVerdict(CheckContext ctx, IReadOnlyDictionary<string, Tensor> raw)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(raw);
        using var scope = NewDisposeScope();
        return CheckKit.Results(("zero_gives_nan", CheckKit.Flag(double.IsNaN(CheckKit.Raw(raw, "cos_zero", [], float64).item<double>()))));
    }
}
