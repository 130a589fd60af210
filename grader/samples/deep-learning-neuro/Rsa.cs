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
        using var scope = NewDisposeScope();
        var m = x.shape[1];
        var z = (x - x.mean([1], keepdim: true)) / x.std(1, unbiased: false, keepdim: true);
        return (1 - (z.matmul(z.t()) / m)).MoveToOuterDisposeScope();
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
        var meanA = a.Average();
        var meanB = b.Average();
        double sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Count; i++)
        {
            var da = a[i] - meanA;
            var db = b[i] - meanB;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }

        return sab / Math.Sqrt(saa * sbb);
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
        // An LSD radix sort of the positions by the doubles' bits made order-preserving (negative: all bits flipped;
        // positive: the sign bit set), 8 bits per pass, a pass skipped when every value has the same byte there: O(n),
        // where Array.Sort(keys, items) took 1.8 ms for 16 290 values. Equal values have equal keys.
        var n = values.Count;
        var keys = System.Buffers.ArrayPool<ulong>.Shared.Rent(n);
        var keysOut = System.Buffers.ArrayPool<ulong>.Shared.Rent(n);
        var order = System.Buffers.ArrayPool<int>.Shared.Rent(n);
        var orderOut = System.Buffers.ArrayPool<int>.Shared.Rent(n);
        try
        {
            for (var i = 0; i < n; i++)
            {
                var bits = (ulong)BitConverter.DoubleToInt64Bits(values[i] == 0 ? 0.0 : values[i]); // −0 ties with +0
                keys[i] = (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
                order[i] = i;
            }

            Span<int> counts = stackalloc int[256];
            for (var shift = 0; shift < 64 && n > 0; shift += 8)
            {
                counts.Clear();
                for (var i = 0; i < n; i++)
                {
                    counts[(int)(keys[i] >> shift) & 0xFF]++;
                }

                if (counts[(int)(keys[0] >> shift) & 0xFF] == n)
                {
                    continue; // every value has this byte: the pass would move nothing
                }

                for (int b = 0, total = 0; b < 256; b++)
                {
                    (counts[b], total) = (total, total + counts[b]);
                }

                for (var i = 0; i < n; i++)
                {
                    var slot = counts[(int)(keys[i] >> shift) & 0xFF]++;
                    keysOut[slot] = keys[i];
                    orderOut[slot] = order[i];
                }

                (keys, keysOut) = (keysOut, keys);
                (order, orderOut) = (orderOut, order);
            }

            // Walk the runs of equal values: sorted positions s … e − 1 (0-based) share the rank (s + 1 + e) / 2.
            var ranks = new double[n];
            var start = 0;
            while (start < n)
            {
                var end = start + 1;
                while (end < n && keys[end] == keys[start])
                {
                    end++;
                }

                var average = (start + end + 1) / 2.0;
                for (var k = start; k < end; k++)
                {
                    ranks[order[k]] = k + 1;
                }

                start = end;
            }

            return ranks;
        }
        finally
        {
            System.Buffers.ArrayPool<ulong>.Shared.Return(keys);
            System.Buffers.ArrayPool<ulong>.Shared.Return(keysOut);
            System.Buffers.ArrayPool<int>.Shared.Return(order);
            System.Buffers.ArrayPool<int>.Shared.Return(orderOut);
        }
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
        return Pearson(AverageRanks(a), AverageRanks(b));
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
        return Pearson(UpperTriangle(a), UpperTriangle(b));
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
        return Spearman(UpperTriangle(a), UpperTriangle(b));
    }
}
