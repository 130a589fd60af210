using static TorchSharp.torch;

namespace NeuroExercises.Week06.LearningRules;

/// <summary>The course's metrics for comparing updates (float64).</summary>
public static class Metrics
{
    /// <summary>
    /// cos(u, v) = u·v / (‖u‖ ‖v‖) over ALL entries (the arrays flattened), in float64. A zero u or v gives NaN (0/0), as
    /// NumPy does: not 0, and no exception.
    /// </summary>
    /// <remarks>
    /// Graded by <c>learning-rules/MetricsChecks.Cosine</c> (cos_uv, cos_uw of mlp_metrics.npz, 1e-12) and every training
    /// check's per-epoch cosine to backprop.
    /// </remarks>
    /// <param name="u">Any shape.</param>
    /// <param name="v">The shape of <paramref name="u"/>.</param>
    /// <returns>The cosine.</returns>
    public static double Cosine(Tensor u, Tensor v)
    {
        ArgumentNullException.ThrowIfNull(u);
        ArgumentNullException.ThrowIfNull(v);
        // BEGIN SOLUTION
        // STUB: flatten both, dot product over the product of the two norms, in float64.
        using var scope = NewDisposeScope();
        var a = u.flatten().to(float64);
        var b = v.flatten().to(float64);
        return a.dot(b).item<double>() / (a.norm().item<double>() * b.norm().item<double>());
        // END SOLUTION
    }

    /// <summary>
    /// The course's gradient signal-to-noise ratio: g [n, …] holds n updates of the same weights (one per test image);
    /// SNR = mean over the entries of |mean_i g_i| / (std_i g_i + 10⁻³), with the POPULATION std (ddof 0) and 10⁻³ added to
    /// the std (not to the ratio).
    /// </summary>
    /// <remarks>
    /// Graded by <c>learning-rules/MetricsChecks.Snr</c> (snr of mlp_metrics.npz: an all-zero entry contributes 0, a constant
    /// 0.004 entry contributes 4) and the training checks' snr.
    /// </remarks>
    /// <param name="g">[n, …] float64, the samples along dimension 0.</param>
    /// <returns>The SNR.</returns>
    public static double GradientSnr(Tensor g)
    {
        ArgumentNullException.ThrowIfNull(g);
        // BEGIN SOLUTION
        // STUB: per entry |mean| / (population std + 1e-3) over dimension 0, then the mean of those ratios.
        using var scope = NewDisposeScope();
        var mean = g.mean([0]);
        var std = g.std(0, unbiased: false);
        return (mean.abs() / (std + 1e-3)).mean().item<double>();
        // END SOLUTION
    }
}
