using static TorchSharp.torch;

namespace NeuroExercises.Week06.LearningRules;

/// <summary>Fresh N(0, σ²) float64 draws from a seeded TorchSharp generator (CPU). Provided (not graded).</summary>
public sealed class GaussianNoise : INoiseSource, IDisposable
{
    private readonly Generator generator;
    private readonly double sigma;

    /// <summary>Creates the source.</summary>
    /// <param name="sigma">σ.</param>
    /// <param name="seed">The generator's seed.</param>
    public GaussianNoise(double sigma, ulong seed)
    {
        this.sigma = sigma;
        generator = new Generator(seed);
    }

    /// <inheritdoc />
    public Tensor Draw(params long[] shape)
    {
        using var scope = NewDisposeScope();
        return (randn(shape, dtype: float64, generator: generator) * sigma).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose() => generator.Dispose();
}
