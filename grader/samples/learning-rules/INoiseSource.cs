using static TorchSharp.torch;

namespace NeuroExercises.Week06.LearningRules;

/// <summary>Where the perturbation rules' noise comes from: each call is the next draw, already N(0, σ²), float64.</summary>
public interface INoiseSource
{
    /// <summary>The next draw of the given shape (a new tensor the caller owns).</summary>
    /// <param name="shape">The shape.</param>
    /// <returns>The noise.</returns>
    Tensor Draw(params long[] shape);
}
