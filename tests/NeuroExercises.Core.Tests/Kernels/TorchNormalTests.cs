using FluentAssertions;
using NeuroExercises.Core.Kernels;
using static TorchSharp.torch;

namespace NeuroExercises.Core.Tests.Kernels;

public sealed class TorchNormalTests
{
    /// <summary>Largest difference in units of the last place of the expected value (0 for equal numbers).</summary>
    private static double Ulps(double actual, double expected)
    {
        if (actual == expected)
        {
            return 0;
        }

        var ulp = Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected);
        return Math.Abs(actual - expected) / ulp;
    }

    private static double[] TorchRandn(Generator generator, long n) => randn([n], dtype: float64, generator: generator).data<double>().ToArray();

    [Theory]
    [InlineData(0UL)]
    [InlineData(5UL)]
    [InlineData(20260608UL)]
    [InlineData(0x1_0000_0007UL)] // libtorch seeds MT19937 with the low 32 bits
    public void RawOutputsAndUniformsEqualLibtorchsGeneratorBitForBit(ulong seed)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(seed);
        // rand(float64) of ≥ 16… numbers is at::uniform_real_distribution<double>, one random64 (two MT outputs) each.
        var expected = rand([3000], dtype: float64, generator: generator).data<double>().ToArray();
        var ours = new TorchNormal(seed);
        var uniforms = new double[3000];
        ours.FillUniform(uniforms.AsSpan(0, 1000));
        for (var i = 1000; i < 1700; i++)
        {
            uniforms[i] = ours.NextUniform(); // the scalar path continues the same stream
        }

        ours.FillUniform(uniforms.AsSpan(1700));

        uniforms.Should().Equal(expected, "6000 MT19937 outputs cross nine twists, in bulk and one by one");
    }

    [Theory]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(320)]
    [InlineData(1010)]
    [InlineData(3200)]
    [InlineData(78500)]
    [InlineData(1_000_000)] // the test-set probe of node perturbation: [100, 10 000]
    [InlineData(1_000_007)]
    public void LargeDrawsMatchRandnToAnUlpOrTwo(int n)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(20260608);
        var ours = new TorchNormal(20260608);
        for (var draw = 0; draw < 3; draw++)
        {
            var expected = TorchRandn(generator, n);
            var actual = new double[n];
            ours.FillNormal(actual);

            var worst = expected.Zip(actual, Ulps).Max();
            worst.Should().BeLessThanOrEqualTo(8, $"draw {draw} of {n}: Box–Muller on the same uniforms, vectorised log and sincos");
            var equal = expected.Zip(actual, (e, a) => e == a).Count(x => x);
            equal.Should().BeGreaterThan(n / 2, "most numbers are bit for bit libtorch's");
        }
    }

    [Fact]
    public void SmallDrawsFollowTheOneAtATimeDistributionWithItsCachedSecondNumber()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(11);
        var ours = new TorchNormal(11);
        // Sizes below 16 go through normal_distribution (a cached r sin θ), mixed with block draws that leave the cache alone.
        foreach (var n in new[] { 1, 3, 15, 20, 1, 2, 7, 64, 5 })
        {
            var expected = TorchRandn(generator, n);
            var actual = new double[n];
            ours.FillNormal(actual);

            expected.Zip(actual, Ulps).Max().Should().BeLessThanOrEqualTo(8, $"a draw of {n}");
        }
    }

    [Fact]
    public void MomentsAreThoseOfAStandardNormal()
    {
        var ours = new TorchNormal(3);
        var draws = new double[1_000_000];
        ours.FillNormal(draws);
        var mean = draws.Average();
        var variance = draws.Select(x => (x - mean) * (x - mean)).Average();
        mean.Should().BeApproximately(0, 0.005);
        variance.Should().BeApproximately(1, 0.005);
        draws.Count(x => Math.Abs(x) > 1.959964).Should().BeInRange(48_500, 51_500, "5 % beyond ±1.96");
    }
}
