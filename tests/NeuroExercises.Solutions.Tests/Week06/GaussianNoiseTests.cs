using FluentAssertions;
using NeuroExercises.Week06.LearningRules;
using Xunit;
using static TorchSharp.torch;

namespace NeuroExercises.Solutions.Tests.Week06;

/// <summary>
/// The provided noise source is a fast stand-in for <c>torch.randn(…, generator=Generator(seed), dtype=float64) * σ</c>: the
/// benchmark's PyTorch side and the experiments rely on both drawing the same noise.
/// </summary>
public sealed class GaussianNoiseTests
{
    [Fact]
    public void DrawsAreLibtorchsRandnTimesSigmaDrawAfterDraw()
    {
        using var scope = NewDisposeScope();
        using var noise = new GaussianNoise(0.1, 20260608);
        var generator = new Generator(20260608);
        // The weight-perturbation shapes (100 × 785 and 10 × 101: 16 divides neither), node perturbation's, and a small one.
        foreach (var shape in new long[][] { [100, 785], [10, 101], [100, 32], [10, 32], [3, 4], [100, 785] })
        {
            var drawn = noise.Draw(shape);
            var expected = randn(shape, dtype: float64, generator: generator) * 0.1;

            drawn.shape.Should().Equal(shape);
            drawn.dtype.Should().Be(ScalarType.Float64);
            var scale = expected.abs().max().item<double>();
            (drawn - expected).abs().max().item<double>().Should().BeLessThan(4e-15 * scale, $"shape [{string.Join(", ", shape)}]");
        }
    }
}
