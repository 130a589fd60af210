using FluentAssertions;
using NeuroExercises.Core.Kernels;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroExercises.Core.Tests.Kernels;

public sealed class ConvMaxPoolTests
{
    [Theory]
    [InlineData(6, 7, 48, 64)] // the week-5 tilt CNN's layer
    [InlineData(4, 5, 16, 32)] // a block of fewer than six filters
    [InlineData(8, 3, 8, 16)] // one block of six and two more
    [InlineData(1, 9, 24, 48)] // k > 8: the backward's scalar path
    public void MatchesConv2dThenMaxPool(int channels, int k, int height, int width)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(11);
        var x = randn([5, 1, height, width], generator: generator);
        var weight = (randn([channels, 1, k, k], generator: generator) * 0.2).requires_grad_();
        var bias = (randn([channels], generator: generator) * 0.1).requires_grad_();
        var reference = nn.functional.max_pool2d_with_indices(nn.functional.conv2d(x, weight, bias, padding: [k / 2, k / 2]), [8, 8]);
        var upstream = randn(reference.output.shape, generator: generator) * (rand(reference.output.shape, generator: generator) > 0.3);
        var expected = autograd.grad([reference.output], [weight, bias], [upstream]);

        ConvMaxPool.Serves(x, weight, bias).Should().BeTrue();
        var pooled = ConvMaxPool.Apply(x, weight, bias);
        var gradients = autograd.grad([pooled], [weight, bias], [upstream]);
        var (values, indices) = ConvMaxPool.Forward(x, weight.detach(), bias.detach());

        pooled.shape.Should().Equal(reference.output.shape);
        (pooled - reference.output).abs().max().item<float>().Should().BeLessThan(5e-6f, "the same sums in another order");
        values.Equals(pooled.detach()).Should().BeTrue();
        indices.dtype.Should().Be(ScalarType.Int64);
        indices.Equals(reference.indices).Should().BeTrue("libtorch's first maximum in row-major order");
        RelativeError(gradients[0], expected[0]).Should().BeLessThan(1e-5);
        RelativeError(gradients[1], expected[1]).Should().BeLessThan(1e-5);
    }

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 0; seed < 12; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void SmallIntegerOperandsGiveLibtorchsValuesIndicesAndGradientsExactly(int seed)
    {
        // Inputs in {0, 1} and weights in {−1, 0, 1}: every sum is an exact small integer in any order, so the values must be
        // equal to the bit and ties are everywhere; only the tie rule decides the indices, and the gradients are exact too.
        using var scope = NewDisposeScope();
        var generator = new Generator((ulong)seed);
        var channels = (int)randint(1, 14, [1], generator: generator).item<long>();
        var k = 1 + (2 * (int)randint(0, 5, [1], generator: generator).item<long>());
        var height = 8 * (int)randint(1, 4, [1], generator: generator).item<long>();
        var width = 16 * (int)randint(1, 4, [1], generator: generator).item<long>();
        var x = randint(0, 2, [3, 1, height, width], generator: generator).to(float32);
        var weight = randint(-1, 2, [channels, 1, k, k], generator: generator).to(float32).requires_grad_();
        var bias = randint(-2, 3, [channels], generator: generator).to(float32).requires_grad_();
        var reference = nn.functional.max_pool2d_with_indices(nn.functional.conv2d(x, weight, bias, padding: [k / 2, k / 2]), [8, 8]);
        var upstream = randint(-3, 4, reference.output.shape, generator: generator).to(float32);
        var expected = autograd.grad([reference.output], [weight, bias], [upstream]);

        var (values, indices) = ConvMaxPool.Forward(x, weight.detach(), bias.detach());
        var gradients = autograd.grad([ConvMaxPool.Apply(x, weight, bias)], [weight, bias], [upstream]);

        values.Equals(reference.output.detach()).Should().BeTrue($"seed {seed}: C {channels}, k {k}, {height} × {width}");
        indices.Equals(reference.indices).Should().BeTrue($"seed {seed}: the first maximum in row-major order");
        gradients[0].Equals(expected[0]).Should().BeTrue($"seed {seed}: ∂L/∂w");
        gradients[1].Equals(expected[1]).Should().BeTrue($"seed {seed}: ∂L/∂b");
    }

    [Fact]
    public void TiesGoToTheFirstMaximumAndBordersSeeZeroPadding()
    {
        using var scope = NewDisposeScope();
        var x = zeros(1, 1, 8, 16); // every window a tie of the bias alone; the gradient reads only padding and zeros
        var weight = ones(1, 1, 3, 3).requires_grad_();
        var bias = tensor(new[] { 0.5f }).requires_grad_();

        var (values, indices) = ConvMaxPool.Forward(x, weight.detach(), bias.detach());
        var pooled = ConvMaxPool.Apply(x, weight, bias);
        pooled.sum().backward();

        values.data<float>().ToArray().Should().Equal(0.5f, 0.5f);
        indices.data<long>().ToArray().Should().Equal(0L, 8L);
        weight.grad!.abs().sum().item<float>().Should().Be(0f);
        bias.grad!.item<float>().Should().Be(2f);
    }

    [Fact]
    public void ANaNWinsItsWindowAsInLibtorch()
    {
        using var scope = NewDisposeScope();
        var x = rand(2, 1, 8, 16);
        x[1, 0, 3, 12] = tensor(float.NaN);
        var weight = zeros(1, 1, 1, 1);
        weight[0, 0, 0, 0] = tensor(1f);
        var bias = zeros(1);
        var reference = nn.functional.max_pool2d_with_indices(nn.functional.conv2d(x, weight, bias), [8, 8]);

        var (values, indices) = ConvMaxPool.Forward(x, weight, bias);

        indices.Equals(reference.indices).Should().BeTrue();
        float.IsNaN(values[1, 0, 0, 1].item<float>()).Should().BeTrue();
        values[0].Equals(reference.output[0]).Should().BeTrue();
    }

    [Fact]
    public void DeclinesWhatItDoesNotServe()
    {
        using var scope = NewDisposeScope();
        var x = randn(2, 1, 48, 64);
        var weight = randn(6, 1, 7, 7);
        var bias = randn(6);

        ConvMaxPool.Serves(x, weight, bias).Should().BeTrue();
        ConvMaxPool.Serves(randn(2, 3, 48, 64), weight, bias).Should().BeFalse("three input channels");
        ConvMaxPool.Serves(randn(0, 1, 48, 64), weight, bias).Should().BeFalse("an empty batch");
        ConvMaxPool.Serves(randn(2, 1, 44, 64), weight, bias).Should().BeFalse("H not a multiple of 8");
        ConvMaxPool.Serves(randn(2, 1, 48, 56), weight, bias).Should().BeFalse("W not a multiple of 16");
        ConvMaxPool.Serves(x, randn(6, 1, 6, 6), bias).Should().BeFalse("an even kernel");
        ConvMaxPool.Serves(x, weight, randn(5)).Should().BeFalse("a bias per filter");
        ConvMaxPool.Serves(x.to(float64), weight.to(float64), bias.to(float64)).Should().BeFalse("float64");
        ConvMaxPool.Serves(x.transpose(2, 3).transpose(2, 3).contiguous().transpose(0, 0), weight, bias).Should().BeTrue();
        ConvMaxPool.Serves(randn(2, 1, 64, 48).transpose(2, 3), weight, bias).Should().BeFalse("not contiguous");
        using var needsGradient = x.clone().requires_grad_();
        ConvMaxPool.Serves(needsGradient, weight, bias).Should().BeFalse("x would need a gradient");

        var act = () => ConvMaxPool.Apply(randn(2, 1, 44, 64), weight, bias);
        act.Should().Throw<ArgumentException>().WithMessage("*H % 8 == 0*[2, 1, 44, 64]*conv2d and max_pool2d otherwise*");
    }

    private static double RelativeError(Tensor actual, Tensor expected) =>
        ((actual - expected).abs().max() / expected.abs().max()).item<float>();
}
