using NeuroExercises.Week06.LearningRules;
using static TorchSharp.torch;

namespace NeuroExercises.Week06.LearningRules.Checks;

/// <summary>Checks of <see cref="RewardLearning"/> on reward_baseline.npz (2000 trials, W* [2, 5], σ = 0.2, η = 0.002, α = 0.05).</summary>
[WeekChecks(CheckKit.Week)]
public static class RewardLearningChecks
{
    /// <summary>The run with the running baseline (α = 0.05).</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>base_R, base_Rbar, base_W_final, base_eval_loss.</returns>
    [Check(2, Description = "RewardLearning.Run with the baseline: W ← W + η (R − R̄) ξ xᵀ / σ², THEN R̄ ← R̄ + α (R − R̄); evaluation loss every 100 trials", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 30,
        Hint = "Update the baseline after the weights: trial i uses the R̄ of trials before it (base_Rbar[0] = 0).")]
    [Tolerance("base_R", 6.0e-12)]
    [Tolerance("base_Rbar", 1.3e-12)]
    [Tolerance("base_W_final", 7.6e-13)]
    [Tolerance("base_eval_loss", 1.4e-12)]
    public static IReadOnlyDictionary<string, Tensor> WithBaseline(CheckContext ctx) => Run(ctx, "base");

    /// <summary>The run without a baseline (α = 0, R̄ stays 0).</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>nobase_R, nobase_Rbar, nobase_W_final, nobase_eval_loss.</returns>
    [Check(1, Description = "RewardLearning.Run without a baseline (α = 0)", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 30)]
    [Tolerance("nobase_R", 6.9e-12)]
    [Tolerance("nobase_Rbar", 0)]
    [Tolerance("nobase_W_final", 7.6e-13)]
    [Tolerance("nobase_eval_loss", 1.4e-12)]
    public static IReadOnlyDictionary<string, Tensor> WithoutBaseline(CheckContext ctx) => Run(ctx, "nobase");

    /// <summary>
    /// Both runs on a second task (the data cycled with the trials reversed, W* negated); RAW R, R̄ and evaluation losses
    /// only, <see cref="BaselineLowersVarianceVerdict"/> decides in the grader's process.
    /// </summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>{base,nobase}_R, {base,nobase}_Rbar [2000], {base,nobase}_eval_loss [21].</returns>
    [Check(1, Description = "A running baseline lowers the variance of the reward-modulated update (below 0.75 × the variance without it over trials 500 on; measured 0.44) and learns at least as well", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 30, Derive = nameof(BaselineLowersVarianceVerdict))]
    public static IReadOnlyDictionary<string, Tensor> BaselineLowersVariance(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var d = ctx.LoadInputs(CheckKit.Reward);
        var (x, xi, wStar) = SecondTask(d);
        var results = new List<(string, Tensor)>();
        foreach (var (prefix, alpha) in new[] { ("base", CheckKit.Scalar(d, "alpha")), ("nobase", 0.0) })
        {
            var run = RewardLearning.Run(x, xi, wStar, d["W0"], d["X_eval"], CheckKit.Scalar(d, "eta"), alpha, CheckKit.Scalar(d, "sigma"), CheckKit.Scalar(d, "rbar0"), (int)CheckKit.Scalar(d, "every"));
            results.Add(($"{prefix}_R", run.Rewards));
            results.Add(($"{prefix}_Rbar", run.Baselines));
            results.Add(($"{prefix}_eval_loss", run.EvalLoss));
        }

        return CheckKit.Results([.. results]);
    }

    /// <summary>
    /// The trusted verdict of <see cref="BaselineLowersVariance"/>: baseline_tracks (R̄₀ = 0 and R̄_{i+1} = R̄_i + α (R_i − R̄_i)
    /// within 1e-12 of max |R|; without the baseline R̄ stays 0), variance_lower (the summed variance over trials 500 … 1999
    /// of the update η (R_i − R̄_i) ξ_i x_iᵀ / σ² with the baseline is below 0.75 × that without; measured 0.44 with the
    /// solutions, 1 when R̄ never moves), learns_as_well (final evaluation loss
    /// with the baseline ≤ 1.1 × without, and below a tenth of the start).
    /// </summary>
    /// <param name="ctx">The grader's context (inputs only).</param>
    /// <param name="raw">The arrays the check returned.</param>
    /// <returns>The flags (1 = holds).</returns>
    public static IReadOnlyDictionary<string, Tensor> BaselineLowersVarianceVerdict(CheckContext ctx, IReadOnlyDictionary<string, Tensor> raw)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(raw);
        using var scope = NewDisposeScope();
        var d = ctx.LoadInputs(CheckKit.Reward).ToDictionary(kv => kv.Key, kv => kv.Value.cpu(), StringComparer.Ordinal);
        var (x, xi, _) = SecondTask(d);
        var trials = x.shape[0];
        var evals = (trials / (long)CheckKit.Scalar(d, "every")) + 1;
        var alpha = CheckKit.Scalar(d, "alpha");
        var scale = CheckKit.Scalar(d, "eta") / Math.Pow(CheckKit.Scalar(d, "sigma"), 2);
        double Variance(Tensor r, Tensor rbar)
        {
            var updates = ((r - rbar).reshape(-1, 1, 1) * xi.unsqueeze(2) * x.unsqueeze(1) * scale)[VarianceFrom..];
            return updates.var(0, unbiased: false).sum().item<double>();
        }

        var baseR = CheckKit.Raw(raw, "base_R", [trials], float64);
        var baseRbar = CheckKit.Raw(raw, "base_Rbar", [trials], float64);
        var nobaseR = CheckKit.Raw(raw, "nobase_R", [trials], float64);
        var nobaseRbar = CheckKit.Raw(raw, "nobase_Rbar", [trials], float64);
        var baseEval = CheckKit.Raw(raw, "base_eval_loss", [evals], float64);
        var nobaseEval = CheckKit.Raw(raw, "nobase_eval_loss", [evals], float64);
        var expectedRbar = baseRbar[..^1] + ((baseR[..^1] - baseRbar[..^1]) * alpha);
        var tracks = baseRbar[0].item<double>() == 0 && nobaseRbar.abs().max().item<double>() == 0
            && (baseRbar[1..] - expectedRbar).abs().max().item<double>() <= 1e-12 * baseR.abs().max().item<double>();
        var lower = Variance(baseR, baseRbar) < 0.75 * Variance(nobaseR, nobaseRbar);
        var learns = baseEval[-1].item<double>() <= 1.1 * nobaseEval[-1].item<double>() && baseEval[-1].item<double>() < baseEval[0].item<double>() / 10;
        return CheckKit.Results(("baseline_tracks", CheckKit.Flag(tracks)), ("variance_lower", CheckKit.Flag(lower)), ("learns_as_well", CheckKit.Flag(learns)));
    }

    /// <summary>The first trial of the variance window (the first 500 trials are dominated by learning, not noise).</summary>
    private const int VarianceFrom = 500;

    private static IReadOnlyDictionary<string, Tensor> Run(CheckContext ctx, string prefix)
    {
        using var scope = NewDisposeScope();
        var d = ctx.LoadInputs(CheckKit.Reward);
        var alpha = prefix == "base" ? CheckKit.Scalar(d, "alpha") : 0.0;
        var run = RewardLearning.Run(d["X"], d["xi"], d["W_star"], d["W0"], d["X_eval"], CheckKit.Scalar(d, "eta"), alpha, CheckKit.Scalar(d, "sigma"), CheckKit.Scalar(d, "rbar0"), (int)CheckKit.Scalar(d, "every"));
        return CheckKit.Results(($"{prefix}_R", run.Rewards), ($"{prefix}_Rbar", run.Baselines), ($"{prefix}_W_final", run.WFinal), ($"{prefix}_eval_loss", run.EvalLoss));
    }

    /// <summary>The second task: the trials in reverse order and W* negated (a task the snapshot of the first does not fix).</summary>
    private static (Tensor X, Tensor Xi, Tensor WStar) SecondTask(IReadOnlyDictionary<string, Tensor> d) =>
        (d["X"].flip(0).contiguous(), d["xi"].flip(0).contiguous(), d["W_star"].neg());
}
