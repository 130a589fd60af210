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
        throw new NotImplementedException("TuningCurves.Smooth: build the normalised Gaussian weights, pad the rows by reflection (half-sample) and correlate in float64; see its XML doc.");
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
        throw new NotImplementedException("TuningCurves.PreferredOrientation: argmax over the stimuli (dim 0); see its XML doc.");
    }

}
