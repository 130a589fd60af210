using static TorchSharp.torch;

namespace NeuroExercises.Week06.LearningRules;

/// <summary>The network's weights and the feedback weights (float64, bias last column).</summary>
/// <param name="Wh">W_h [N, 785].</param>
/// <param name="Wy">W_y [10, N + 1].</param>
/// <param name="B">B [N, 10] (feedback alignment and Kolen–Pollack).</param>
public sealed record MlpWeights(Tensor Wh, Tensor Wy, Tensor B)
{
    /// <summary>The course's initialisation: W_h, W_y, B each N(0, scale²), drawn in that order, float64.</summary>
    /// <param name="hidden">N.</param>
    /// <param name="seed">The generator's seed.</param>
    /// <param name="scale">The standard deviation (0.1 in the course).</param>
    /// <param name="inputs">Input units without the bias (784).</param>
    /// <param name="outputs">Output units (10).</param>
    /// <returns>New weights.</returns>
    public static MlpWeights Random(int hidden, ulong seed, double scale = 0.1, int inputs = 784, int outputs = 10)
    {
        using var generator = new Generator(seed);
        using var scope = NewDisposeScope();
        var wh = randn([hidden, inputs + 1], dtype: float64, generator: generator) * scale;
        var wy = randn([outputs, hidden + 1], dtype: float64, generator: generator) * scale;
        var b = randn([hidden, outputs], dtype: float64, generator: generator) * scale;
        return new MlpWeights(wh.MoveToOuterDisposeScope(), wy.MoveToOuterDisposeScope(), b.MoveToOuterDisposeScope());
    }
}
