using NeuroExercises.Week05.DeepLearningNeuro;
using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro.Checks;

/// <summary>
/// Checks of <see cref="Rsa"/>: RDMs of the V1 population and of the stored CNN activations, the hand-checkable cases
/// (affine invariance, a constant row's NaN), RDM similarity by Pearson and Spearman (RDMs made here, trusted, so that
/// only the comparison is graded), and the invariants.
/// </summary>
[WeekChecks(CheckKit.Week)]
public static class RsaChecks
{
    /// <summary>The RDMs of rsa.npz.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>rdm_v1, rdm_pool, rdm_fc [181, 181]; small_rdm, small_rdm_affine, small_rdm_const [6, 6].</returns>
    [Check(2, Description = "Rsa.Rdm: rows z-scored with the population std (ddof 0), M = 1 − Z Zᵀ/m; a constant row is NaN in its row and column", Visibility = Visibility.Visible, Atol = 1.5e-5, TimeLimitSeconds = 30,
        Hint = "Use the population std (unbiased: false), as scipy's zscore.")]
    [Tolerance("rdm_pool", 4.7e-6)]
    public static IReadOnlyDictionary<string, Tensor> Rdm(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var rec = ctx.LoadInputs(CheckKit.Binned1);
        var c = ctx.LoadInputs(CheckKit.Cnn);
        var s = ctx.LoadInputs(CheckKit.Rsa);
        return CheckKit.Results(
            ("rdm_v1", Rsa.Rdm(rec["resp"][TensorIndex.Slice(0, 181)])),
            ("rdm_pool", Rsa.Rdm(c["act_pool"])),
            ("rdm_fc", Rsa.Rdm(c["act_fc"])),
            ("small_rdm", Rsa.Rdm(s["small_X"])),
            ("small_rdm_affine", Rsa.Rdm(s["small_X_affine"])),
            ("small_rdm_const", Rsa.Rdm(s["small_X_const"])));
    }

    /// <summary>RDM similarities of V1 with the pool and fc layers, and the tied example.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>rdm_sim_pool_f64, rdm_sim_fc_f64, spearman_pool_f64, spearman_fc_f64, tie_pearson_f64, tie_spearman_f64 ([1] float64).</returns>
    [Check(2, Description = "Rsa.RdmPearson / RdmSpearman over the strict upper triangle (i < j) in float64; Spearman with average ranks for ties", Visibility = Visibility.Visible, Atol = 1e-6, TimeLimitSeconds = 60,
        Hint = "Ties get the average of the ranks they span (scipy's rankdata 'average').")]
    [Tolerance("spearman_pool_f64", 1e-5)]
    [Tolerance("spearman_fc_f64", 1e-5)]
    public static IReadOnlyDictionary<string, Tensor> Similarity(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var s = ctx.LoadInputs(CheckKit.Rsa);
        var args = ctx.LoadInputs(CheckKit.Arguments);
        var v1 = args["rdm_v1"];
        var pool = args["rdm_pool"];
        var fc = args["rdm_fc"];
        var a = CheckKit.Doubles(s["tie_a_f64"]);
        var b = CheckKit.Doubles(s["tie_b_f64"]);
        return CheckKit.Results(
            ("rdm_sim_pool_f64", CheckKit.Scalar(Rsa.RdmPearson(v1, pool))), ("rdm_sim_fc_f64", CheckKit.Scalar(Rsa.RdmPearson(v1, fc))),
            ("spearman_pool_f64", CheckKit.Scalar(Rsa.RdmSpearman(v1, pool))), ("spearman_fc_f64", CheckKit.Scalar(Rsa.RdmSpearman(v1, fc))),
            ("tie_pearson_f64", CheckKit.Scalar(Rsa.Pearson(a, b))), ("tie_spearman_f64", CheckKit.Scalar(Rsa.Spearman(a, b))));
    }

    /// <summary>The RDM of a seeded random X and of a positive affine change of each of its rows; RAW RDMs only.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>rdm [10, 10], rdm_affine [10, 10].</returns>
    [Check(1, Description = "Rsa.Rdm is symmetric with a zero diagonal and unchanged by x ↦ a·x + c per row (a > 0)", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 30, Derive = nameof(RdmPropertiesVerdict))]
    public static IReadOnlyDictionary<string, Tensor> RdmProperties(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var (x, affine) = Patterns();
        return CheckKit.Results(("rdm", Rsa.Rdm(x)), ("rdm_affine", Rsa.Rdm(affine)));
    }

    /// <summary>The trusted verdict of <see cref="RdmProperties"/>: symmetric, zero_diagonal, affine_invariant (1e-5), is_one_minus_pearson (within 1e-5 of the grader's RDM).</summary>
    /// <param name="ctx">The grader's context (inputs only).</param>
    /// <param name="raw">The arrays the check returned.</param>
    /// <returns>The flags (1 = holds).</returns>
    public static IReadOnlyDictionary<string, Tensor> RdmPropertiesVerdict(CheckContext ctx, IReadOnlyDictionary<string, Tensor> raw)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(raw);
        using var scope = NewDisposeScope();
        var rdm = CheckKit.Raw(raw, "rdm", [10, 10], float32);
        var affine = CheckKit.Raw(raw, "rdm_affine", [10, 10], float32);
        var (x, _) = Patterns();
        static bool Small(Tensor t) => t.isfinite().all().item<bool>() && t.abs().max().item<float>() <= 1e-5f;
        return CheckKit.Results(
            ("symmetric", CheckKit.Flag(Small(rdm - rdm.t()))),
            ("zero_diagonal", CheckKit.Flag(Small(rdm.diagonal()))),
            ("affine_invariant", CheckKit.Flag(Small(affine - rdm))),
            ("is_one_minus_pearson", CheckKit.Flag(Small(rdm - Reference.TrustedRdm(x)))));
    }

    /// <summary>Spearman of two untied seeded vectors and their ranks; RAW values only.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>spearman [1], ranks_a [40], ranks_b [40] (float64).</returns>
    [Check(1, Description = "Rsa.Spearman of untied data equals Pearson's r of the ranks 1…n", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 30, Derive = nameof(SpearmanOfUntiedIsPearsonOfRanksVerdict))]
    public static IReadOnlyDictionary<string, Tensor> SpearmanOfUntiedIsPearsonOfRanks(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var (a, b) = Untied();
        return CheckKit.Results(("spearman", CheckKit.Scalar(Rsa.Spearman(a, b))), ("ranks_a", tensor(Rsa.AverageRanks(a))), ("ranks_b", tensor(Rsa.AverageRanks(b))));
    }

    /// <summary>The trusted verdict: ranks_are_ranks (each the 1-based position in sorted order) and equals_pearson_of_ranks (1e-12).</summary>
    /// <param name="ctx">The grader's context (inputs only).</param>
    /// <param name="raw">The arrays the check returned.</param>
    /// <returns>The flags (1 = holds).</returns>
    public static IReadOnlyDictionary<string, Tensor> SpearmanOfUntiedIsPearsonOfRanksVerdict(CheckContext ctx, IReadOnlyDictionary<string, Tensor> raw)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(raw);
        using var scope = NewDisposeScope();
        var (a, b) = Untied();
        var spearman = CheckKit.Raw(raw, "spearman", [1], float64).data<double>()[0];
        var ra = CheckKit.Doubles(CheckKit.Raw(raw, "ranks_a", [a.Length], float64));
        var rb = CheckKit.Doubles(CheckKit.Raw(raw, "ranks_b", [b.Length], float64));
        static double[] Truth(double[] v) => [.. v.Select(x => 1.0 + v.Count(y => y < x))];
        var ranksOk = ra.SequenceEqual(Truth(a)) && rb.SequenceEqual(Truth(b));
        return CheckKit.Results(
            ("ranks_are_ranks", CheckKit.Flag(ranksOk)),
            ("equals_pearson_of_ranks", CheckKit.Flag(Math.Abs(spearman - Reference.TrustedPearson(Truth(a), Truth(b))) <= 1e-12)));
    }

    private static (Tensor X, Tensor Affine) Patterns()
    {
        using var generator = new Generator(8);
        var x = randn([10, 25], generator: generator);
        var affine = (x * (rand([10, 1], generator: generator) + 0.2f)) + (randn([10, 1], generator: generator) * 4);
        return (x, affine);
    }

    private static (double[] A, double[] B) Untied()
    {
        var random = new Random(19);
        var a = Enumerable.Range(0, 40).Select(_ => random.NextDouble()).ToArray();
        var b = a.Select(v => Math.Exp(2 * v) + random.NextDouble()).ToArray();
        return (a, b);
    }
}
