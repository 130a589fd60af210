using NeuroExercises.Week05.DeepLearningNeuro;
using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro.Checks;

/// <summary>Checks of <see cref="TuningCurves"/>: the Gaussian smoothing with reflecting boundaries and the preferred orientations.</summary>
[WeekChecks(CheckKit.Week)]
public static class TuningCurvesChecks
{
    /// <summary>The smoothed curves of the first 16 neurons and every neuron's preferred stimulus.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>resp_smoothed_cols [360, 16], preferred_orientation [160].</returns>
    [Check(1, Description = "TuningCurves.Smooth (gaussian_filter1d σ = 5, radius 20, 'reflect') and PreferredOrientation (argmax over stimuli)", Visibility = Visibility.Visible, Atol = 1.6e-6, TimeLimitSeconds = 30,
        Hint = "scipy's 'reflect' repeats the edge sample: x[−1] = x[0], x[−2] = x[1].")]
    [Tolerance("preferred_orientation", 0)]
    public static IReadOnlyDictionary<string, Tensor> Smooth(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var smoothed = TuningCurves.Smooth(CheckKit.Recording(ctx).Resp);
        return CheckKit.Results(("resp_smoothed_cols", smoothed[.., TensorIndex.Slice(0, 16)]), ("preferred_orientation", TuningCurves.PreferredOrientation(smoothed)));
    }
}
