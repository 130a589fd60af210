using NeuroExercises.Week04.SpikingNetworks;
using static TorchSharp.torch;

namespace NeuroExercises.Week04.SpikingNetworks.Checks;

/// <summary>
/// Checks of <see cref="FrequencyCurrent"/>: the f-I curve of fi_curve.npz (60 constant currents, T = 200, β = 0.95, θ = 1)
/// for both resets, the closed form of the reset to zero, and the curve's shape around rheobase θ(1 − β).
/// </summary>
[WeekChecks(CheckKit.Week)]
public static class FrequencyCurrentChecks
{
    /// <summary>The f-I curve by subtraction.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>fi_count_subtract, fi_rate_subtract, fi_first_spike_subtract, fi_post_reset_max_subtract, fi_mem_max_subtract.</returns>
    [Check(2, Description = "FrequencyCurrent.Measure by subtraction: spike counts, rates, first spikes, max post-reset and max membrane for 60 constant currents", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("fi_post_reset_max_subtract", 2e-5)]
    [Tolerance("fi_mem_max_subtract", 2e-5)]
    public static IReadOnlyDictionary<string, Tensor> Subtract(CheckContext ctx) => Curve(ctx, ResetMechanism.Subtract, "subtract");

    /// <summary>The f-I curve with reset to zero.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>fi_count_zero, fi_rate_zero, fi_first_spike_zero, fi_post_reset_max_zero, fi_mem_max_zero.</returns>
    [Check(1, Description = "FrequencyCurrent.Measure with reset to zero (at I = θ the membrane is exactly θ every other step: 100 spikes, not 200)", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("fi_post_reset_max_zero", 1e-6)]
    [Tolerance("fi_mem_max_zero", 1e-6)]
    public static IReadOnlyDictionary<string, Tensor> Zero(CheckContext ctx) => Curve(ctx, ResetMechanism.Zero, "zero");

    /// <summary>k* of the reset to zero for every current of fi_curve.npz.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>fi_isi_zero_analytic (int64).</returns>
    [Check(1, Description = "FrequencyCurrent.ZeroResetPeriod: k* = min{k ≥ 1 : I(1 − β^k)/(1 − β) > θ}, 0 at and below rheobase θ(1 − β)", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    public static IReadOnlyDictionary<string, Tensor> ZeroClosedForm(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var fi = ctx.LoadInputs(CheckKit.Fi);
        var beta = CheckKit.Scalar(fi, "beta");
        var theta = CheckKit.Scalar(fi, "threshold");
        var periods = fi["fi_currents"].cpu().data<float>().Select(i => FrequencyCurrent.ZeroResetPeriod(i, beta, theta)).ToArray();
        return CheckKit.Results(("fi_isi_zero_analytic", tensor(periods)));
    }

    /// <summary>
    /// Rates at 0, half rheobase and rheobase (0.05), then 40 currents from 0.06 to 1.5, both resets; RAW rates only,
    /// <see cref="RateGrowsAboveRheobaseVerdict"/> decides in the grader's process.
    /// </summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>rate_subtract, rate_zero [43].</returns>
    [Check(1, Description = "FrequencyCurrent.Measure's rate is zero at and below rheobase θ(1 − β) and grows with the current above it (both resets)", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20, Derive = nameof(RateGrowsAboveRheobaseVerdict))]
    public static IReadOnlyDictionary<string, Tensor> RateGrowsAboveRheobase(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var currents = RheobaseCurrents();
        return CheckKit.Results(
            ("rate_subtract", FrequencyCurrent.Measure(currents, 200, new LifParameters(0.95)).Rate),
            ("rate_zero", FrequencyCurrent.Measure(currents, 200, new LifParameters(0.95, 1.0, ResetMechanism.Zero)).Rate));
    }

    /// <summary>
    /// The trusted verdict of <see cref="RateGrowsAboveRheobase"/>: silent_at_rheobase (the first three rates are 0),
    /// monotone (rates never fall as the current grows), fires_above (the rate at 1.5 is positive and above the rate at 0.06),
    /// rates_in_range (0 ≤ rate ≤ 1), for each reset.
    /// </summary>
    /// <param name="ctx">The grader's context (inputs only).</param>
    /// <param name="raw">The arrays the check returned.</param>
    /// <returns>The flags (1 = holds).</returns>
    public static IReadOnlyDictionary<string, Tensor> RateGrowsAboveRheobaseVerdict(CheckContext ctx, IReadOnlyDictionary<string, Tensor> raw)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(raw);
        using var scope = NewDisposeScope();
        var results = new List<(string, Tensor)>();
        foreach (var name in new[] { "subtract", "zero" })
        {
            var rates = CheckKit.Raw(raw, $"rate_{name}", [43], float32).data<float>().ToArray();
            results.Add(($"{name}_silent_at_rheobase", CheckKit.Flag(rates[0] == 0 && rates[1] == 0 && rates[2] == 0)));
            results.Add(($"{name}_monotone", CheckKit.Flag(rates.Zip(rates.Skip(1)).All(p => p.Second >= p.First))));
            results.Add(($"{name}_fires_above", CheckKit.Flag(rates[^1] > 0 && rates[^1] > rates[3])));
            results.Add(($"{name}_rates_in_range", CheckKit.Flag(rates.All(r => r is >= 0 and <= 1))));
        }

        return CheckKit.Results([.. results]);
    }

    private static Tensor RheobaseCurrents() =>
        cat([tensor(new[] { 0f, 0.025f, (float)(1 - 0.95) }), linspace(0.06, 1.5, 40, dtype: float32)]);

    private static IReadOnlyDictionary<string, Tensor> Curve(CheckContext ctx, ResetMechanism reset, string name)
    {
        using var scope = NewDisposeScope();
        var fi = ctx.LoadInputs(CheckKit.Fi);
        var curve = FrequencyCurrent.Measure(fi["fi_currents"], CheckKit.Int(fi, "steps"), new LifParameters(CheckKit.Scalar(fi, "beta"), CheckKit.Scalar(fi, "threshold"), reset));
        return CheckKit.Results(
            ($"fi_count_{name}", curve.Count),
            ($"fi_rate_{name}", curve.Rate),
            ($"fi_first_spike_{name}", curve.FirstSpike),
            ($"fi_post_reset_max_{name}", curve.PostResetMax),
            ($"fi_mem_max_{name}", curve.MemMax));
    }
}
