using static TorchSharp.torch;

namespace NeuroExercises.Week03.Microcircuits.Checks;

/// <summary>
/// Checks of <see cref="SparseCoding"/>: OMP on the sine dictionary as sklearn's OrthogonalMatchingPursuit(fit_intercept =
/// True). Tolerances: order exact; coefficients, intercept and prediction 5e-6 × max |golden| (k = 10), the cardinality
/// sweep 1e-5 (R² scaled by max(1, |golden|)).
/// </summary>
[WeekChecks(CheckKit.Week)]
public static class SparseCodingChecks
{
    /// <summary>OMP with k = 10 on the pixel signal.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>omp_order [10] (int64), omp_coef [100], omp_intercept, omp_pred [300].</returns>
    [Check(3, Description = "SparseCoding.OrthogonalMatchingPursuit with k = 10 (centred atoms and signal, argmax |X_cᵀ r|, least-squares refit), its intercept and Reconstruct", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 30)]
    [Tolerance("omp_coef", 1.28e-04)] // 5e-06 × max|sparsity:omp_coef| = 5e-06 × 25.64
    [Tolerance("omp_intercept", 6.67e-04)] // 5e-06 × 133.4
    [Tolerance("omp_pred", 1.03e-03)] // 5e-06 × 205.3
    public static IReadOnlyDictionary<string, Tensor> Omp(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var s = ctx.LoadInputs(CheckKit.Sparsity);
        var sig = s["sig"];
        var x = SparseCoding.SineDictionary(sig.shape[0], s["omp_freqs"]);
        var code = SparseCoding.OrthogonalMatchingPursuit(x, sig, 10);
        return CheckKit.Results(
            ("omp_order", CheckKit.Longs(code.Order)),
            ("omp_coef", code.Coefficients),
            ("omp_intercept", CheckKit.Scalar(code.Intercept)),
            ("omp_pred", SparseCoding.Reconstruct(x, code)));
    }

    /// <summary>OMP for k = 1, 6, …, 96 (dictionary built by the check): coefficients, intercepts, R² and the active counts.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>omp_card_coef [20, 100], omp_card_intercept [20], omp_card_r2 [20], omp_card_n_active [20] (int64).</returns>
    [Check(2, Description = "SparseCoding.OrthogonalMatchingPursuit for k = 1, 6, …, 96 and SparseCoding.RSquared (1 − SS_res/SS_tot) of each reconstruction", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 40)]
    [Tolerance("omp_card_coef", 9.9e-04)] // 1e-05 × max|sparsity:omp_card_coef| = 1e-05 × 99.01
    [Tolerance("omp_card_intercept", 1.34e-03)] // 1e-05 × 134.4
    [Tolerance("omp_card_r2", 1e-05)] // 1e-05 × max(1, 0.896)
    public static IReadOnlyDictionary<string, Tensor> Cardinality(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var s = ctx.LoadInputs(CheckKit.Sparsity);
        var sig = s["sig"];
        var x = Reference.SineDictionary(sig.shape[0], s["omp_freqs"]);
        var coefs = new List<Tensor>();
        var intercepts = new List<double>();
        var r2 = new List<double>();
        var active = new List<long>();
        foreach (var k in CheckKit.Int64s(s["omp_cardinalities"]))
        {
            var code = SparseCoding.OrthogonalMatchingPursuit(x, sig, (int)k);
            coefs.Add(code.Coefficients.to(ScalarType.Float64));
            intercepts.Add(code.Intercept);
            var pred = x.matmul(code.Coefficients.to(ScalarType.Float64)) + code.Intercept;
            r2.Add(SparseCoding.RSquared(pred, sig));
            active.Add(code.Order.Count);
        }

        return CheckKit.Results(
            ("omp_card_coef", stack(coefs)),
            ("omp_card_intercept", CheckKit.Vector(intercepts)),
            ("omp_card_r2", CheckKit.Vector(r2)),
            ("omp_card_n_active", CheckKit.Longs(active)));
    }

    /// <summary>A noiseless code of 3 atoms plus an offset, recovered with k = 3.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>order_sorted [3] (int64), coef [100], intercept.</returns>
    [Check(1, Description = "SparseCoding.OrthogonalMatchingPursuit with k = the number of true atoms recovers a noiseless sparse code and its offset", Visibility = Visibility.Hidden, Atol = 1e-4, TimeLimitSeconds = 20)]
    public static IReadOnlyDictionary<string, Tensor> RecoversSparseCode(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var x = Reference.SineDictionary(300, linspace(0.001, 1, 100, dtype: ScalarType.Float64));
        var truth = zeros(100, dtype: ScalarType.Float64);
        truth[5] = tensor(40.0);
        truth[23] = tensor(-25.0);
        truth[71] = tensor(10.0);
        var code = SparseCoding.OrthogonalMatchingPursuit(x, x.matmul(truth) + 120, 3);
        return CheckKit.Results(
            ("order_sorted", CheckKit.Longs(code.Order.Order())),
            ("coef", code.Coefficients),
            ("intercept", CheckKit.Scalar(code.Intercept)));
    }
}
