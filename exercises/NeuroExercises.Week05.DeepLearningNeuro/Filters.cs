using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro;

/// <summary>The course's six 7 × 7 convolutional filters: two centre-surround and four Gabor filters (Tutorial 2).</summary>
public static class Filters
{
    /// <summary>
    /// Grid g = linspace(−K/2, K/2, K) as NumPy computes it: g_i = −K/2 + i·K/(K − 1) in double with real division
    /// (K/2 = 3.5 for K = 7, not C#'s integer 3), the last point exactly K/2 and the middle one exactly 0, then cast to
    /// float32 (TorchSharp's float32 linspace puts the middle point at ≈ 2e-7, which moves the θ = 0 Gabor's centre past
    /// the tolerance); X[a, b] = g_a, Y[a, b] = g_b (the first index is X); R = √(X² + Y²).
    /// Note exp of −R, not −R²: G_σ = exp(−R/(2σ²)) with σ = 1.1. Centre-surround C = G_σ − 0.5·G_{2σ}; channels 0, 1 = C,
    /// −C; channels 2…5 = Gabors G_{0.4σ}·cos(2π(X cos θ + Y sin θ)/10 + π/2) for θ = 0°, 45°, 90°, 135°. Each filter is
    /// divided by its own max |value| (the "t3" filters); <paramref name="zeroMean"/> then subtracts each filter's own mean
    /// (the "t2" filters). Computed in float32.
    /// </summary>
    /// <remarks>
    /// Graded by <c>deep-learning-neuro/FiltersChecks.Make</c> (conv.npz: filters_t2, filters_t3; 1e-6 of max |golden|).
    /// </remarks>
    /// <param name="zeroMean">True for the Tutorial 2/4 filters (each minus its mean).</param>
    /// <param name="kernelSize">K (7).</param>
    /// <returns>[6, 1, K, K] (float32).</returns>
    public static Tensor Make(bool zeroMean, int kernelSize = 7)
    {
        throw new NotImplementedException("Filters.Make: build X, Y, R on the float32 grid; the Gaussians exp(−R/(2σ²)); C, −C and four Gabors; normalise; optionally centre; see its XML doc.");
    }
}
