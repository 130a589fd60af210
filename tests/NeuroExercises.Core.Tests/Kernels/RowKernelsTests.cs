using FluentAssertions;
using NeuroExercises.Core.Kernels;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroExercises.Core.Tests.Kernels;

public sealed class RowKernelsTests
{
    public static TheoryData<int, int, double> Float32Cases()
    {
        var data = new TheoryData<int, int, double>();
        // Widths below, at and between the vector widths (8 floats, 32 in the unrolled loop) exercise every tail.
        foreach (var cols in new[] { 1, 7, 8, 9, 31, 32, 33, 100, 256 })
        {
            foreach (var p in new[] { 1.0, 2.0, 3.0, 4.0 })
            {
                data.Add(5, cols, p);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Float32Cases))]
    public void Float32RowSumsEqualTheTensorOperations(int rows, int cols, double p)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(17);
        var x = randn([rows, cols], generator: generator) * 3;

        var sums = RowKernels.TrySumOfAbsPower(x, p, [1]);

        sums.Should().NotBeNull();
        sums!.shape.Should().Equal(rows, 1);
        sums.dtype.Should().Be(ScalarType.Float32);
        var expected = x.to(float64).abs().pow(p).sum([1], keepdim: true);
        var relative = ((sums.to(float64) - expected).abs() / expected).max().item<double>();
        relative.Should().BeLessThan(1e-6, "a float32 sum of ≤ 256 positive terms");
    }

    [Fact]
    public void Float64RowSumsAreExactToRounding()
    {
        using var scope = NewDisposeScope();
        var x = randn([64, 129], dtype: float64, generator: new Generator(3));

        var sums = RowKernels.TrySumOfAbsPower(x, 3, [-1]);

        sums.Should().NotBeNull();
        sums!.dtype.Should().Be(ScalarType.Float64);
        var expected = x.abs().pow(3).sum([1], keepdim: true);
        ((sums - expected).abs() / expected).max().item<double>().Should().BeLessThan(1e-14);
    }

    [Fact]
    public void KnownAnswer()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { -1, 2, -3, 0, 0.5f, -0.5f }).reshape(2, 3);

        var cubes = RowKernels.TrySumOfAbsPower(x, 3, [1])!;
        var firsts = RowKernels.TrySumOfAbsPower(x, 1, [1])!;

        cubes.data<float>().ToArray().Should().Equal(36f, 0.25f);
        firsts.data<float>().ToArray().Should().Equal(6f, 1f);
    }

    [Fact]
    public void ReadsAViewWithAnOffset()
    {
        using var scope = NewDisposeScope();
        var x = arange(40, dtype: float32).reshape(4, 10);
        var lower = x.narrow(0, 2, 2); // contiguous, starts 20 floats in

        var sums = RowKernels.TrySumOfAbsPower(lower, 1, [1])!;

        sums.data<float>().ToArray().Should().Equal(245f, 345f);
    }

    [Fact]
    public void DeclinesWhatItDoesNotServe()
    {
        using var scope = NewDisposeScope();
        var x = randn(4, 6);

        RowKernels.TrySumOfAbsPower(x, 2.5, [1]).Should().BeNull("not an integer power");
        RowKernels.TrySumOfAbsPower(x, 5, [1]).Should().BeNull("above MaxPower");
        RowKernels.TrySumOfAbsPower(x, 0, [1]).Should().BeNull("p < 1");
        RowKernels.TrySumOfAbsPower(x, 3, [0]).Should().BeNull("another dimension");
        RowKernels.TrySumOfAbsPower(x, 3, [0, 1]).Should().BeNull("two dimensions");
        RowKernels.TrySumOfAbsPower(x.t(), 3, [1]).Should().BeNull("not contiguous");
        RowKernels.TrySumOfAbsPower(x.reshape(2, 2, 6), 3, [2]).Should().BeNull("not 2-D");
        RowKernels.TrySumOfAbsPower(x.to(float16), 3, [1]).Should().BeNull("float16");
        RowKernels.TrySumOfAbsPower(x.to(int32), 3, [1]).Should().BeNull("integers");
        RowKernels.TrySumOfAbsPower(zeros(0, 6), 3, [1]).Should().BeNull("no rows");
        RowKernels.TrySumOfAbsPower(zeros(4, 0), 3, [1]).Should().BeNull("no columns");
        using var leaf = x.clone().requires_grad_();
        RowKernels.TrySumOfAbsPower(leaf, 3, [1]).Should().BeNull("a gradient must be recorded");
        using (no_grad())
        {
            RowKernels.TrySumOfAbsPower(leaf, 3, [1]).Should().NotBeNull("autograd is off");
        }
    }
}
