using FluentAssertions;
using static TorchSharp.torch;

namespace NeuroExercises.Solutions.Tests.Week01;

/// <summary>Elementwise comparisons with an absolute tolerance (trajectories cross zero: no relative tolerance there).</summary>
internal static class Close
{
    /// <summary>Asserts equal shapes and max |actual − expected| ≤ atol.</summary>
    public static void Within(Tensor actual, Tensor expected, double atol, string what)
    {
        actual.shape.Should().Equal(expected.shape, $"{what}: shape");
        var diff = MaxAbs(actual, expected);
        diff.Should().BeLessThanOrEqualTo(atol, $"{what}: max |actual − expected| is {diff:E3}, tolerance {atol:E1}");
    }

    /// <summary>max |a − b| in float64.</summary>
    public static double MaxAbs(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return (a.cpu().to(float64) - b.cpu().to(float64)).abs().max().item<double>();
    }

    /// <summary>Asserts |actual − expected| ≤ rtol·|expected|.</summary>
    public static void Relative(double actual, double expected, double rtol, string what) =>
        Math.Abs(actual - expected).Should().BeLessThanOrEqualTo(rtol * Math.Abs(expected), $"{what}: {actual} vs {expected}, rtol {rtol:E1}");
}
