using NeuroExercises.Week04.SpikingNetworks;
using static TorchSharp.torch;

namespace NeuroExercises.Week04.SpikingNetworks.Checks;

/// <summary>
/// Checks of <see cref="Lif"/>: the strict Heaviside step, one batch step with each reset, and whole traces (snnTorch
/// tutorial 3's step current, a noisy current, dyadic inputs where every value is exact). Tolerances from
/// ../shared/reference/spiking/README.md: spikes exact, membranes 1e-6 abs, the dyadic traces exact.
/// </summary>
[WeekChecks(CheckKit.Week)]
public static class LifChecks
{
    /// <summary>H(U − θ) at θ − 1, θ − 10⁻³, one ulp below, θ, one ulp above, θ + 10⁻³, θ + 1, 2θ, 0, −θ.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>heaviside_spk.</returns>
    [Check(1, Description = "Lif.Heaviside: H(v) = 1 for v > 0 strictly, 0 at v = 0 (a membrane at threshold does not spike)", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20,
        Hint = "H(0) = 0: use v > 0, not v >= 0.")]
    public static IReadOnlyDictionary<string, Tensor> Heaviside(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var lif = ctx.LoadInputs(CheckKit.Lif);
        return CheckKit.Results(("heaviside_spk", Lif.Heaviside(lif["heaviside_mem"] - (float)CheckKit.Scalar(lif, "threshold"))));
    }

    /// <summary>One step by subtraction on a [4, 6] batch (U_{t−1} = θ, 2.5θ and θ(1 + 2⁻²⁰) included); U_{t−1} must stay unchanged.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>step_mem_subtract, step_spk_subtract, step_reset, mem_prev_after.</returns>
    [Check(1, Description = "Lif.Step by subtraction: R = H(U_{t−1} − θ) from the previous membrane, U = (β U_{t−1} + I) − R θ, S = H(U − θ)", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20,
        Hint = "The reset comes from the previous membrane and is not scaled by β; the returned membrane is before its own reset.")]
    [Tolerance("step_mem_subtract", 1e-6)]
    public static IReadOnlyDictionary<string, Tensor> StepSubtract(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var lif = ctx.LoadInputs(CheckKit.Lif);
        var memPrev = lif["step_mem_prev"];
        var step = Lif.Step(memPrev, lif["step_input"], new LifParameters(CheckKit.Scalar(lif, "beta"), CheckKit.Scalar(lif, "threshold")));
        return CheckKit.Results(("step_mem_subtract", step.Mem), ("step_spk_subtract", step.Spk), ("step_reset", step.Reset), ("mem_prev_after", memPrev));
    }

    /// <summary>One step with reset to zero on the same batch.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>step_mem_zero, step_spk_zero.</returns>
    [Check(1, Description = "Lif.Step to zero: U = β ((1 − R) U_{t−1}) + I (the input of the reset step still enters)", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("step_mem_zero", 1e-6)]
    public static IReadOnlyDictionary<string, Tensor> StepZero(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var lif = ctx.LoadInputs(CheckKit.Lif);
        var step = Lif.Step(lif["step_mem_prev"], lif["step_input"], new LifParameters(CheckKit.Scalar(lif, "beta"), CheckKit.Scalar(lif, "threshold"), ResetMechanism.Zero));
        return CheckKit.Results(("step_mem_zero", step.Mem), ("step_spk_zero", step.Spk));
    }

    /// <summary>snnTorch tutorial 3's step current (β = 0.8, 0.21 from step 10, T = 200), both resets, delayed and not.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>trace_{subtract,zero}{,_nodelay}_{mem,spk}.</returns>
    [Check(2, Description = "Lif.Simulate: step-current traces with both resets, with the reset delayed (default) and in the spiking step (ResetDelay = false)", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("trace_subtract_mem", 1e-6)]
    [Tolerance("trace_subtract_nodelay_mem", 1e-6)]
    [Tolerance("trace_zero_mem", 1e-6)]
    [Tolerance("trace_zero_nodelay_mem", 1e-6)]
    public static IReadOnlyDictionary<string, Tensor> StepCurrentTraces(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var lif = ctx.LoadInputs(CheckKit.Lif);
        var results = new List<(string, Tensor)>();
        foreach (var (reset, name) in new[] { (ResetMechanism.Subtract, "subtract"), (ResetMechanism.Zero, "zero") })
        {
            foreach (var delay in new[] { true, false })
            {
                var trace = Lif.Simulate(lif["trace_input"], new LifParameters(CheckKit.Scalar(lif, "trace_beta"), CheckKit.Scalar(lif, "threshold"), reset, delay));
                var suffix = delay ? "" : "_nodelay";
                results.Add(($"trace_{name}{suffix}_mem", trace.Mem));
                results.Add(($"trace_{name}{suffix}_spk", trace.Spk));
            }
        }

        return CheckKit.Results([.. results]);
    }

    /// <summary>Three neurons under a noisy current (0.3·randn + 0.1, 100 steps), both resets.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>noisy_{subtract,zero}_{mem,spk}.</returns>
    [Check(1, Description = "Lif.Simulate: noisy current into three neurons at once, both resets (time-major [T, 3])", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("noisy_subtract_mem", 1e-6)]
    [Tolerance("noisy_zero_mem", 1e-6)]
    public static IReadOnlyDictionary<string, Tensor> NoisyTraces(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var lif = ctx.LoadInputs(CheckKit.Lif);
        var results = new List<(string, Tensor)>();
        foreach (var (reset, name) in new[] { (ResetMechanism.Subtract, "subtract"), (ResetMechanism.Zero, "zero") })
        {
            var trace = Lif.Simulate(lif["noisy_input"], new LifParameters(CheckKit.Scalar(lif, "beta"), CheckKit.Scalar(lif, "threshold"), reset));
            results.Add(($"noisy_{name}_mem", trace.Mem));
            results.Add(($"noisy_{name}_spk", trace.Spk));
        }

        return CheckKit.Results([.. results]);
    }

    /// <summary>
    /// Dyadic inputs (β = 0.5), where every value is exact in float32 and a difference is a difference of convention, and
    /// the equality trace whose membrane reaches θ exactly and must never spike.
    /// </summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>exact_{mem,spk}_{subtract,zero}, equality_mem, equality_spk.</returns>
    [Check(2, Description = "Lif.Simulate on exact dyadic inputs: the conventions (strict >, reset from the previous membrane, not scaled by β, input kept on a reset to zero) and a membrane equal to θ never spiking", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20,
        Hint = "Compare with the README's trap variants: ≥ at threshold, the reset in the spiking step, β(U − Rθ), the input lost on a reset to zero.")]
    public static IReadOnlyDictionary<string, Tensor> ExactTraces(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var lif = ctx.LoadInputs(CheckKit.Lif);
        var beta = CheckKit.Scalar(lif, "exact_beta");
        var theta = CheckKit.Scalar(lif, "exact_threshold");
        var results = new List<(string, Tensor)>();
        foreach (var (reset, name) in new[] { (ResetMechanism.Subtract, "subtract"), (ResetMechanism.Zero, "zero") })
        {
            var trace = Lif.Simulate(lif["exact_input"], new LifParameters(beta, theta, reset));
            results.Add(($"exact_mem_{name}", trace.Mem));
            results.Add(($"exact_spk_{name}", trace.Spk));
        }

        var equality = Lif.Simulate(lif["equality_input"], new LifParameters(beta, theta));
        results.Add(("equality_mem", equality.Mem));
        results.Add(("equality_spk", equality.Spk));
        return CheckKit.Results([.. results]);
    }

    /// <summary>
    /// Constant currents 0 … 1.04 (below (2 − β)θ = 1.05) and a subthreshold noisy current, by subtraction (β = 0.95, θ = 1,
    /// 300 steps); RAW traces only, <see cref="InvariantsVerdict"/> decides in the grader's process.
    /// </summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>mem, spk [300, 53] (52 constant currents, then the noisy one).</returns>
    [Check(1, Description = "Lif.Simulate invariants: S = H(U − θ) at every step, after a reset by subtraction the membrane stays ≤ θ for every current below (2 − β)θ, and no spike while the membrane stays below θ", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 20, Derive = nameof(InvariantsVerdict))]
    public static IReadOnlyDictionary<string, Tensor> Invariants(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var trace = Lif.Simulate(InvariantInput(), new LifParameters(InvariantBeta, 1.0));
        return CheckKit.Results(("mem", trace.Mem), ("spk", trace.Spk));
    }

    /// <summary>
    /// The trusted verdict of <see cref="Invariants"/>: spike_is_heaviside (S_t = H(U_t − θ) everywhere), post_reset_at_most_theta
    /// (max (U − S θ) ≤ θ over the constant currents), silent_below_threshold (the subthreshold column never spikes and its
    /// membrane equals this method's own simulation within 1e-5), membranes_follow_input (every constant current's first
    /// membrane is that current).
    /// </summary>
    /// <param name="ctx">The grader's context (inputs only).</param>
    /// <param name="raw">The arrays the check returned.</param>
    /// <returns>The flags (1 = holds).</returns>
    public static IReadOnlyDictionary<string, Tensor> InvariantsVerdict(CheckContext ctx, IReadOnlyDictionary<string, Tensor> raw)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(raw);
        using var scope = NewDisposeScope();
        var input = InvariantInput();
        var mem = CheckKit.Raw(raw, "mem", input.shape, float32);
        var spk = CheckKit.Raw(raw, "spk", input.shape, float32);
        var constant = (int)input.shape[1] - 1;
        var heaviside = spk.eq(mem.gt(1f).to(float32)).all().item<bool>();
        var postReset = (mem[.., ..constant] - spk[.., ..constant]).max().item<float>() <= 1f;
        var own = zeros(1);
        var ownMem = new float[input.shape[0]];
        var noisy = input[.., constant];
        for (var t = 0; t < input.shape[0]; t++)
        {
            own = (own * (float)InvariantBeta) + noisy[t] - (own.gt(1f).to(float32) * 1f);
            ownMem[t] = own.item<float>();
        }

        var silent = spk[.., constant].sum().item<float>() == 0 && (mem[.., constant] - tensor(ownMem)).abs().max().item<float>() <= 1e-5f;
        var follows = mem[0, ..constant].eq(input[0, ..constant]).all().item<bool>();
        return CheckKit.Results(
            ("spike_is_heaviside", CheckKit.Flag(heaviside)),
            ("post_reset_at_most_theta", CheckKit.Flag(postReset)),
            ("silent_below_threshold", CheckKit.Flag(silent)),
            ("membranes_follow_input", CheckKit.Flag(follows)));
    }

    private const double InvariantBeta = 0.95;

    /// <summary>[300, 53]: constant currents 0, 0.02, …, 1.00 and 1.04, then 0.03 + 0.02·randn (seed 41), whose membrane stays below 1.</summary>
    private static Tensor InvariantInput()
    {
        const int steps = 300;
        var currents = cat([linspace(0.0, 1.02, 52, dtype: float32)[..51], tensor(new[] { 1.04f })]);
        using var generator = new Generator(41);
        var noisy = (randn([steps, 1], generator: generator) * 0.02f) + 0.03f;
        return cat([currents.unsqueeze(0).expand(steps, -1), noisy], 1).contiguous();
    }
}
