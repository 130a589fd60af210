using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro;

/// <summary>Smoothed tuning curves and preferred orientations of the population (the bonus tutorial's tuning summary).</summary>
public static class TuningCurves
{
    /// <summary>
    /// scipy's gaussian_filter1d along the stimuli (axis 0) with σ = 5: weights w_k ∝ exp(−k²/(2σ²)) for k = −20…20
    /// (radius ⌊4σ + 0.5⌋), normalised to sum 1; out[s] = Σ_k w_k x[s + k] with the boundary 'reflect' (x[−1] = x[0],
    /// x[−2] = x[1], …, x[n] = x[n − 1]; for fewer rows than the radius the reflection repeats, scipy's symmetric extension
    /// of period 2n); computed in float64, returned as float32.
    /// </summary>
    /// <remarks>Graded by <c>deep-learning-neuro/TuningCurvesChecks.Smooth</c> (decoding_bonus.npz: resp_smoothed_cols, 1e-6 of max |golden|).</remarks>
    /// <param name="resp">resp [n stimuli, m neurons].</param>
    /// <param name="sigma">σ in bins (5).</param>
    /// <returns>The smoothed responses [n, m] (float32).</returns>
    public static Tensor Smooth(Tensor resp, double sigma = 5)
    {
        ArgumentNullException.ThrowIfNull(resp);
        using var scope = NewDisposeScope();
        var radius = (int)((4 * sigma) + 0.5);
        var w = Enumerable.Range(-radius, (2 * radius) + 1).Select(k => Math.Exp(-0.5 * k * k / (sigma * sigma))).ToArray();
        var total = w.Sum();
        var x = resp.to(float64);
        var n = x.shape[0];
        var index = Enumerable.Range(-radius, (int)n + (2 * radius)).Select(i => (long)Reflect(i, (int)n)).ToArray();
        var padded = x.index_select(0, tensor(index, device: resp.device));
        var result = zeros_like(x);
        for (var k = 0; k < w.Length; k++)
        {
            result.add_(padded[TensorIndex.Slice(k, k + n)], alpha: w[k] / total);
        }

        return result.to(float32).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Each neuron's preferred stimulus: the index of the largest value of its smoothed curve (the first one on ties).
    /// </summary>
    /// <remarks>Graded by <c>deep-learning-neuro/TuningCurvesChecks.Smooth</c> (preferred_orientation of all 160 neurons, exactly).</remarks>
    /// <param name="smoothed">The smoothed responses [n stimuli, m neurons].</param>
    /// <returns>[m] (int64 stimulus indices).</returns>
    public static Tensor PreferredOrientation(Tensor smoothed)
    {
        ArgumentNullException.ThrowIfNull(smoothed);
        return smoothed.argmax(0);
    }

    private static int Reflect(int i, int n)
    {
        while (i < 0 || i >= n)
        {
            i = i < 0 ? -i - 1 : (2 * n) - i - 1;
        }

        return i;
    }

}
