using static TorchSharp.torch;

namespace NeuroExercises.Week03.Microcircuits;

/// <summary>Tutorial 1: thresholding, differencing and kurtosis as a measure of sparsity.</summary>
public static class Sparsity
{
    /// <summary>
    /// The thresholded ReLU: r = max(x − θ, 0) elementwise (values above θ are shifted down by θ, not kept as they are).
    /// </summary>
    /// <remarks>
    /// Graded by <c>microcircuits/SparsityChecks.ThresholdedRelu</c>: <c>relu_all</c> for θ = 0, 20, …, 220 on the signal
    /// (exact).
    /// </remarks>
    /// <param name="x">Any shape.</param>
    /// <param name="theta">The threshold θ.</param>
    /// <returns>max(x − θ, 0), the shape of <paramref name="x"/>, a new tensor.</returns>
    public static Tensor ThresholdedRelu(Tensor x, double theta)
    {
        ArgumentNullException.ThrowIfNull(x);
        throw new NotImplementedException("Sparsity.ThresholdedRelu: write max(x − θ, 0); see its XML doc.");
    }

    /// <summary>
    /// Excess, biased kurtosis (scipy.stats.kurtosis defaults): k = m₄ / m₂² − 3 with the population moments
    /// m_j = mean((x − x̄)^j) (no n − 1 anywhere), over all entries, or along <paramref name="dim"/>. NaN where
    /// m₂ ≤ (10⁻¹⁵·x̄)² (a constant input; x̄ and m₂ of the same slice along <c>dim</c>). Accumulate in float64 and return
    /// float32.
    /// </summary>
    /// <remarks>
    /// Graded by <c>microcircuits/SparsityChecks.Kurtosis</c> (kurtosis_sig, kurtosis_relu, kurtosis_temporal_diff,
    /// lifetime_kurtosis [24] along time, population_kurtosis [120] along units; max |Δ| ≤ 1e-5·max(1, max |golden|)) and
    /// <c>microcircuits/SparsityChecks.KurtosisOfKnownDistributions</c> (hidden: ≈ 0 for a large Gaussian sample, ≈ 3 for a
    /// Laplacian, NaN for a constant).
    /// </remarks>
    /// <param name="x">Any shape.</param>
    /// <param name="dim">The axis to reduce, or null for all entries.</param>
    /// <returns>A 0-d float32 tensor (dim null) or the shape of <paramref name="x"/> without <paramref name="dim"/>.</returns>
    public static Tensor Kurtosis(Tensor x, long? dim = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        throw new NotImplementedException("Sparsity.Kurtosis: write k = m₄ / m₂² − 3 with population moments, NaN for a constant input; see its XML doc.");
    }

    /// <summary>
    /// Absolute differences at a lag: d[t] = |x[t] − x[t − τ]|, t = τ … T − 1 (τ = 1: the temporal differences).
    /// </summary>
    /// <remarks>
    /// Graded by <c>microcircuits/SparsityChecks.LaggedDifferences</c>: <c>temporal_diff</c> and every
    /// <c>lagdiff_tau{τ}</c>, τ = 1, 11, …, 91 (exact).
    /// </remarks>
    /// <param name="signal">x [T].</param>
    /// <param name="lag">τ ≥ 1.</param>
    /// <returns>d [T − τ].</returns>
    public static Tensor LaggedDifference(Tensor signal, long lag)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentOutOfRangeException.ThrowIfLessThan(lag, 1);
        throw new NotImplementedException("Sparsity.LaggedDifference: write |x[t] − x[t − τ]| for t = τ … T − 1; see its XML doc.");
    }

    /// <summary>
    /// The difference-of-boxes filter of length 2p + 2w + 1. Temporal taps [0×p, 0×w, 1, −1×w, 0×p]; symmetric
    /// (spatial) taps [0×p, −1×w, 1, −1×w, 0×p]. The taps are divided by their L2 norm, then the positive tap is scaled by
    /// Σ|negative| / Σpositive so that the filter sums to 0: temporal a = w/√(1+w), b = 1/√(1+w); symmetric
    /// a = 2w/√(1+2w), b = 1/√(1+2w) (a the positive tap, −b each negative one).
    /// </summary>
    /// <remarks>
    /// Graded by <c>microcircuits/SparsityChecks.DiffBoxFilter</c>: <c>diffbox_filter_w10</c> and
    /// <c>diffbox_spatial_filter_w10</c> (max |Δ| ≤ 5e-6 of max |golden|).
    /// </remarks>
    /// <param name="window">w ≥ 1.</param>
    /// <param name="symmetric">True for the spatial filter (negative boxes on both sides).</param>
    /// <param name="pad">p, the zeros at each end (4 in the course).</param>
    /// <returns>The filter [2p + 2w + 1], float32.</returns>
    public static Tensor DiffBoxFilter(int window, bool symmetric, int pad = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(pad);
        throw new NotImplementedException("Sparsity.DiffBoxFilter: build the taps, divide by their L2 norm, rescale the positive tap so that the filter sums to 0; see its XML doc.");
    }

    /// <summary>
    /// Applies a filter f of length L along the last axis as np.convolve's full convolution cut to the first T samples:
    /// out[t] = Σ_k f[k]·x[t − k] (x = 0 before the start), then out[0 … w − 1] = out[w]. Computed in float64 (returned
    /// as float32); the checks use 1 ≤ w &lt; T (out[w] must exist).
    /// </summary>
    /// <remarks>
    /// Graded by <c>microcircuits/SparsityChecks.DiffBoxTemporal</c> (<c>diffbox_all</c>, every window) and
    /// <c>microcircuits/SparsityChecks.DiffBoxSpatial</c> (hidden: <c>diffbox_spatial_{x,y}_w{2,92}</c>, the 193-tap
    /// filter longer than a row included); max |Δ| ≤ 5e-6 of max |golden|.
    /// </remarks>
    /// <param name="x">[T] or [N, T] (each row filtered).</param>
    /// <param name="filter">f [L] (L may exceed T).</param>
    /// <param name="window">w, the number of leading samples replaced by out[w].</param>
    /// <returns>The filtered signal, the shape of <paramref name="x"/>, float32.</returns>
    public static Tensor ApplyFilter(Tensor x, Tensor filter, int window)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(filter);
        throw new NotImplementedException("Sparsity.ApplyFilter: convolve (filter flipped, zeros before the start), keep the first T samples, fill out[0 … w − 1] with out[w]; see its XML doc.");
    }

    /// <summary>The hard threshold of a frame: x where x ≥ θ, else 0.</summary>
    /// <remarks>Graded by <c>microcircuits/SparsityChecks.HardThreshold</c>: <c>frame_ht</c> (θ = 150) and <c>frame_ht_pct</c> (exact).</remarks>
    /// <param name="frame">Any shape.</param>
    /// <param name="theta">θ (kept when equal).</param>
    /// <returns>The thresholded copy.</returns>
    public static Tensor HardThreshold(Tensor frame, double theta)
    {
        ArgumentNullException.ThrowIfNull(frame);
        throw new NotImplementedException("Sparsity.HardThreshold: keep x where x ≥ θ, else 0; see its XML doc.");
    }

    /// <summary>
    /// The q-th percentile by linear interpolation (NumPy's default): sorted v, h = (n − 1)·q/100,
    /// v[⌊h⌋] + (h − ⌊h⌋)(v[⌊h⌋ + 1] − v[⌊h⌋]).
    /// </summary>
    /// <remarks>Graded by <c>microcircuits/SparsityChecks.HardThreshold</c>: <c>frame_pct</c> (q = 80, exact: 189) and the 50th, 37.5th and 80th percentiles of the signal (1e-4).</remarks>
    /// <param name="x">Any shape (all entries).</param>
    /// <param name="q">0 ≤ q ≤ 100.</param>
    /// <returns>The percentile.</returns>
    public static double Percentile(Tensor x, double q)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 100);
        throw new NotImplementedException("Sparsity.Percentile: sort, h = (n − 1)·q/100, interpolate between v[⌊h⌋] and v[⌊h⌋ + 1]; see its XML doc.");
    }
}
