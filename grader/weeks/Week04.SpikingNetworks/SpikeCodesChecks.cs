using NeuroExercises.Week04.SpikingNetworks;
using static TorchSharp.torch;

namespace NeuroExercises.Week04.SpikingNetworks.Checks;

/// <summary>
/// Checks of <see cref="SpikeCodes"/> on two Fashion-MNIST test images and twelve hand-picked intensities (encoding.npz):
/// the seeded rate code, linear and logarithmic latency codes and SpyTorch's firing times.
/// </summary>
[WeekChecks(CheckKit.Week)]
public static class SpikeCodesChecks
{
    /// <summary>The rate code with gain 1 (seed 1234) and gain 0.25 (seed 1235), T = 25.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>rate_spikes, rate_spikes_gain [25, 2, 784].</returns>
    [Check(2, Description = "SpikeCodes.Rate: p = clamp(x·gain + offset, 0, 1), u drawn time-major [T, N, D] from a generator with the given seed, spike where u < p", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20,
        Hint = "Draw u with shape [T, N, D] in one rand call (not [N, T, D] transposed), and compare strictly.")]
    public static IReadOnlyDictionary<string, Tensor> Rate(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var enc = ctx.LoadInputs(CheckKit.Encoding);
        var steps = CheckKit.Int(enc, "steps");
        return CheckKit.Results(
            ("rate_spikes", SpikeCodes.Rate(enc["x"], steps, CheckKit.Int(enc, "rate_seed"))),
            ("rate_spikes_gain", SpikeCodes.Rate(enc["x"], steps, CheckKit.Int(enc, "rate_seed_gain"), CheckKit.Scalar(enc, "rate_gain"))));
    }

    /// <summary>
    /// Rate codes of intensities 0, 0.1, …, 1 over 4000 steps (seed 77), and of the same with gain 0.5 and offset 0.8; RAW
    /// spikes only, <see cref="RateMeanVerdict"/> decides in the grader's process.
    /// </summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>plain, shifted [4000, 1, 11].</returns>
    [Check(1, Description = "SpikeCodes.Rate has the requested mean rate: the mean over 4000 steps is p within 0.03, p = 0 never fires, p ≥ 1 always does (clamped)", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 20, Derive = nameof(RateMeanVerdict))]
    public static IReadOnlyDictionary<string, Tensor> RateMean(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var p = linspace(0.0, 1.0, 11, dtype: float32).reshape(1, 11);
        return CheckKit.Results(("plain", SpikeCodes.Rate(p, MeanSteps, 77)), ("shifted", SpikeCodes.Rate(p, MeanSteps, 78, gain: 0.5, offset: 0.8)));
    }

    /// <summary>
    /// The trusted verdict of <see cref="RateMean"/>: binary (only 0 and 1), mean_matches (|mean − clamp(p·gain + offset, 0, 1)| ≤ 0.03
    /// for both codes), extremes (p = 0: no spike; p ≥ 1: a spike at every step), not_constant (the spikes at p = 0.5 vary over time).
    /// </summary>
    /// <param name="ctx">The grader's context (inputs only).</param>
    /// <param name="raw">The arrays the check returned.</param>
    /// <returns>The flags (1 = holds).</returns>
    public static IReadOnlyDictionary<string, Tensor> RateMeanVerdict(CheckContext ctx, IReadOnlyDictionary<string, Tensor> raw)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(raw);
        using var scope = NewDisposeScope();
        var plain = CheckKit.Raw(raw, "plain", [MeanSteps, 1, 11], float32);
        var shifted = CheckKit.Raw(raw, "shifted", [MeanSteps, 1, 11], float32);
        var p = linspace(0.0, 1.0, 11, dtype: float32);
        var pShifted = ((p * 0.5f) + 0.8f).clamp(0, 1);
        var binary = plain.eq(0).logical_or(plain.eq(1)).all().item<bool>() && shifted.eq(0).logical_or(shifted.eq(1)).all().item<bool>();
        var meanPlain = plain.mean([0L]).flatten();
        var meanShifted = shifted.mean([0L]).flatten();
        var matches = (meanPlain - p).abs().max().item<float>() <= 0.03f && (meanShifted - pShifted).abs().max().item<float>() <= 0.03f;
        var extremes = meanPlain[0].item<float>() == 0 && meanPlain[10].item<float>() == 1 && meanShifted[10].item<float>() == 1;
        var varies = plain[.., 0, 5].std().item<float>() > 0.1f;
        return CheckKit.Results(
            ("binary", CheckKit.Flag(binary)),
            ("mean_matches", CheckKit.Flag(matches)),
            ("extremes", CheckKit.Flag(extremes)),
            ("not_constant", CheckKit.Flag(varies)));
    }

    /// <summary>The linear latency code (θ = 0.01, T = 25) of both images and the edge cases.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>latency_time, latency_step, latency_spikes, edge_latency_time, edge_latency_step, edge_latency_spikes.</returns>
    [Check(2, Description = "SpikeCodes.LinearLatency: t = min(−τ(x − 1), −τ(θ − 1)), τ = T − 1, spike at round-half-even(t), none below θ (bright pixels first)", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20,
        Hint = "Round half to even (10.5 → 10), keep x = θ, drop x < θ; a bright pixel fires early, not late.")]
    [Tolerance("latency_time", 1e-6)]
    [Tolerance("edge_latency_time", 1e-6)]
    public static IReadOnlyDictionary<string, Tensor> LinearLatency(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var enc = ctx.LoadInputs(CheckKit.Encoding);
        var steps = CheckKit.Int(enc, "steps");
        var theta = CheckKit.Scalar(enc, "latency_threshold");
        var images = SpikeCodes.LinearLatency(enc["x"], steps, theta);
        var edges = SpikeCodes.LinearLatency(enc["edge_x"], steps, theta);
        return CheckKit.Results(
            ("latency_time", images.Time), ("latency_step", images.Step), ("latency_spikes", images.Spikes),
            ("edge_latency_time", edges.Time), ("edge_latency_step", edges.Step), ("edge_latency_spikes", edges.Spikes));
    }

    /// <summary>
    /// The logarithmic latency code (τ = 5, θ = 0.01, T = 25): times split into the unclamped entries (x &gt; f, 1e-5) and the
    /// clamped ones (x ≤ f, whose time depends on the float32 floor: 0.1), zero elsewhere.
    /// </summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>log_time, edge_log_time (unclamped entries), log_time_clamped, edge_log_time_clamped, log_step, edge_log_step.</returns>
    [Check(1, Description = "SpikeCodes.LogLatency: x_c = max(x, (float)(θ + 1e-7)), t = τ ln(x_c/(x_c − θ)), spike at round(t), none after T − 1", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("log_time", 1e-5)]
    [Tolerance("edge_log_time", 1e-5)]
    [Tolerance("log_time_clamped", 0.1)]
    [Tolerance("edge_log_time_clamped", 0.1)]
    public static IReadOnlyDictionary<string, Tensor> LogLatency(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var enc = ctx.LoadInputs(CheckKit.Encoding);
        var steps = CheckKit.Int(enc, "log_steps");
        var tau = CheckKit.Scalar(enc, "log_tau");
        var theta = CheckKit.Decimal(enc, "latency_threshold"); // 0.01, so that the floor is (float)(0.01 + 1e-7) as the README's
        var results = new List<(string, Tensor)>();
        foreach (var (x, prefix) in new[] { (enc["x"], ""), (enc["edge_x"], "edge_") })
        {
            var code = SpikeCodes.LogLatency(x, steps, tau, theta);
            var clamped = x.le((float)(theta + 1e-7));
            var zero = zeros_like(code.Time);
            results.Add(($"{prefix}log_time", where(clamped, zero, code.Time)));
            results.Add(($"{prefix}log_time_clamped", where(clamped, code.Time, zero)));
            results.Add(($"{prefix}log_step", code.Step));
        }

        return CheckKit.Results([.. results]);
    }

    /// <summary>SpyTorch's firing times (τ = 20, θ = 0.2, T = 100) of both images, x = pixel / 255.0 in float64.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>spy_time (float64), spy_step.</returns>
    [Check(1, Description = "SpikeCodes.SpyTorchLatency: t = T below θ, else τ ln(x_c/(x_c − θ)) in float64; the step truncates t", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("spy_time", 1e-4)]
    public static IReadOnlyDictionary<string, Tensor> SpyTorchLatency(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var enc = ctx.LoadInputs(CheckKit.Encoding);
        var pixels = (enc["x"] * 255).round().to(float64) / 255.0;
        var code = SpikeCodes.SpyTorchLatency(pixels, CheckKit.Int(enc, "spy_steps"), CheckKit.Decimal(enc, "spy_tau"), CheckKit.Decimal(enc, "spy_threshold"));
        return CheckKit.Results(("spy_time", code.Time), ("spy_step", code.Step));
    }

    private const int MeanSteps = 4000;
}
