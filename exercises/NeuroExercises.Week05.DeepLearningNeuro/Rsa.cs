using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro;

/// <summary>
/// Representational similarity analysis (Tutorial 3): representational dissimilarity matrices (RDMs) and their
/// comparison by Pearson and Spearman correlation over the strict upper triangle.
/// </summary>
public static class Rsa
{
    /// <summary>
    /// RDM(X) for X [n stimuli, m units]: z-score each row across its m units with the row's mean and its population
    /// standard deviation (ddof 0, not the sample std), then M = 1 − Z Zᵀ / m, i.e. M_ij = 1 − Pearson r(row i, row j).
    /// The diagonal is 0 up to rounding; a constant row gives NaN in its row and column (0/0), which is kept, not replaced.
    /// (The checks' constant rows have an exactly representable mean, so the plain arithmetic gives 0/0; for an arbitrary
    /// constant row the float mean can miss the value by a rounding step, so a robust version tests max == min per row.)
    /// </summary>
    /// <remarks>
    /// Graded by <c>deep-learning-neuro/RsaChecks.Rdm</c> (rsa.npz: rdm_v1, rdm_pool, rdm_fc, small_rdm, small_rdm_affine,
    /// small_rdm_const with its NaN pattern; 1e-5 of max |golden|) and <c>deep-learning-neuro/RsaChecks.RdmProperties</c>
    /// (symmetric, zero diagonal, unchanged by x ↦ a·x + c per row with a &gt; 0).
    /// </remarks>
    /// <param name="x">X [n, m] (float32).</param>
    /// <returns>M [n, n] (float32).</returns>
    public static Tensor Rdm(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        throw new NotImplementedException("Rsa.Rdm: z-score the rows (mean and population std over dim 1), then 1 − Z Zᵀ / m; see its XML doc.");
    }

    /// <summary>The strict upper triangle of a square matrix (i &lt; j, row by row), in float64.</summary>
    /// <remarks>Provided code (graded through <see cref="RdmPearson"/> and <see cref="RdmSpearman"/>).</remarks>
    /// <param name="rdm">M [n, n].</param>
    /// <returns>The n(n − 1)/2 values M_ij, i &lt; j.</returns>
    public static double[] UpperTriangle(Tensor rdm)
    {
        ArgumentNullException.ThrowIfNull(rdm);
        var n = rdm.shape[0];
        using var scope = NewDisposeScope();
        var upper = new double[n * (n - 1) / 2];
        // Read the values in place (no managed copy of the n² matrix).
        var values = rdm.to(float64).cpu().contiguous();
        var all = MemoryMarshal.Cast<byte, double>(values.bytes);
        for (long i = 0, k = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                upper[k++] = all[(int)((i * n) + j)]; // row-major: i < j, row by row
            }
        }

        return upper;
    }

    /// <summary>Pearson's r = Σ (a − ā)(b − b̄) / √(Σ (a − ā)² Σ (b − b̄)²), in float64; NaN (0/0) when a or b is constant.</summary>
    /// <remarks>Graded by <c>deep-learning-neuro/RsaChecks.Similarity</c> (tie_pearson_f64; 1e-6 absolute).</remarks>
    /// <param name="a">a.</param>
    /// <param name="b">b, as long as a.</param>
    /// <returns>r.</returns>
    public static double Pearson(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        throw new NotImplementedException("Rsa.Pearson: centre both, then the sum of products over the square root of the product of the sums of squares; see its XML doc.");
    }

    /// <summary>
    /// Ranks 1…n with ties given their average rank (scipy's rankdata 'average'): the values sorted ascending; a run of k
    /// equal values at sorted positions s…s + k − 1 (0-based) all get rank s + (k + 1)/2.
    /// </summary>
    /// <remarks>
    /// Graded by <c>deep-learning-neuro/RsaChecks.Similarity</c> (tie_spearman_f64) and
    /// <c>deep-learning-neuro/RsaChecks.SpearmanOfUntiedIsPearsonOfRanks</c>.
    /// </remarks>
    /// <param name="values">The values (no NaN).</param>
    /// <returns>The ranks (float64).</returns>
    public static double[] AverageRanks(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        throw new NotImplementedException("Rsa.AverageRanks: sort the indices by value; walk runs of equal values and give each member the run's average rank; see its XML doc.");
    }

    /// <summary>Spearman's ρ = Pearson's r of the average ranks (<see cref="AverageRanks"/>), in float64.</summary>
    /// <remarks>Graded by <c>deep-learning-neuro/RsaChecks.Similarity</c> (tie_spearman_f64; 1e-6 absolute).</remarks>
    /// <param name="a">a.</param>
    /// <param name="b">b, as long as a.</param>
    /// <returns>ρ.</returns>
    public static double Spearman(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        throw new NotImplementedException("Rsa.Spearman: Pearson of the two rank vectors; see its XML doc.");
    }

    /// <summary>The similarity of two RDMs: Pearson's r over their strict upper triangles (i &lt; j), in float64.</summary>
    /// <remarks>Graded by <c>deep-learning-neuro/RsaChecks.Similarity</c> (rdm_sim_pool_f64, rdm_sim_fc_f64; 1e-6 absolute).</remarks>
    /// <param name="a">An RDM [n, n].</param>
    /// <param name="b">Another RDM [n, n].</param>
    /// <returns>r.</returns>
    public static double RdmPearson(Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        throw new NotImplementedException("Rsa.RdmPearson: Pearson of the two upper triangles; see its XML doc.");
    }

    /// <summary>The similarity of two RDMs by Spearman's ρ over their strict upper triangles (ties: average ranks).</summary>
    /// <remarks>Graded by <c>deep-learning-neuro/RsaChecks.Similarity</c> (spearman_pool_f64, spearman_fc_f64; 1e-5 absolute).</remarks>
    /// <param name="a">An RDM [n, n].</param>
    /// <param name="b">Another RDM [n, n].</param>
    /// <returns>ρ.</returns>
    public static double RdmSpearman(Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        throw new NotImplementedException("Rsa.RdmSpearman: Spearman of the two upper triangles; see its XML doc.");
    }
}
