using FluentAssertions;
using NeuroExercises.Week01.TaskDrivenRnn;
using static TorchSharp.torch;

namespace NeuroExercises.Solutions.Tests.Week01;

/// <summary>One Euler step and the nonlinearity against the PyTorch references (tolerance 1e-6 abs, penalty rtol 1e-6).</summary>
public sealed class RnnStepTests
{
    [Theory]
    [InlineData("rnn_small_chaotic")] // H = 10, g = 4
    [InlineData("rnn_full_chaotic")] // H = 150, g = 4
    [InlineData("rnn_full_edge")] // H = 150, g = 1.5
    public void OneStepMatchesPyTorch(string file)
    {
        using var scope = NewDisposeScope();
        using var model = Goldens.Model(file);
        var step = model.forward(Goldens.Tensor(file, "step_input"), Goldens.Tensor(file, "step_hidden"));
        Close.Within(step.Output, Goldens.Tensor(file, "step_output"), 1e-6, $"{file} step_output");
        Close.Within(step.Hidden, Goldens.Tensor(file, "step_next_hidden"), 1e-6, $"{file} step_next_hidden");
        step.RatePenalty.dim().Should().Be(0);
        Close.Relative(step.RatePenalty.item<float>(), Goldens.Scalar(file, "step_rate_penalty"), 1e-6, $"{file} step_rate_penalty");
    }

    [Fact]
    public void RectifiedTanhIsTanhAbovezeroAndZeroElsewhere()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { -2f, -0.5f, 0f, 0.5f, 2f });
        var r = RnnMath.RectifiedTanh(x);
        r.data<float>().ToArray().Should().Equal(0f, 0f, 0f, MathF.Tanh(0.5f), MathF.Tanh(2f));
        x.data<float>().ToArray().Should().Equal(new[] { -2f, -0.5f, 0f, 0.5f, 2f }, "the argument is not changed");
    }

    [Fact]
    public void SeededGeneratorEqualsPyTorch()
    {
        using var scope = NewDisposeScope();
        manual_seed(0);
        Close.Within(randn(5), Goldens.Tensor("torch_rng_seed0", "randn_5"), 0, "randn(5)");
        Close.Within(randn(4, 20), Goldens.Tensor("torch_rng_seed0", "randn_4x20"), 0, "randn(4, 20)");
        Close.Within(rand(5), Goldens.Tensor("torch_rng_seed0", "rand_5"), 0, "rand(5)");
    }

    [Theory]
    [InlineData(150, 16, 4.0, 1.0, 7)]
    [InlineData(10, 16, 1.5, 1.0, 0)]
    public void InitialWeightsAreWhatPyTorchDraws(int hidden, int inputs, double g, double h, long seed)
    {
        using var scope = NewDisposeScope();
        manual_seed(seed);
        var (j, b, bx) = RateRnn.InitialWeights(inputs, hidden, g, h);
        manual_seed(seed);
        // The course: torch.randn(H, H) * (g / torch.sqrt(torch.tensor(H, dtype=torch.float))), then B likewise.
        var expectedJ = randn(hidden, hidden) * (tensor((float)g) / sqrt(tensor((float)hidden)));
        var expectedB = randn(hidden, inputs) * (tensor((float)h) / sqrt(tensor((float)inputs)));
        Close.Within(j, expectedJ, 0, "J");
        Close.Within(b, expectedB, 0, "B");
        bx.shape.Should().Equal(hidden);
        bx.abs().max().item<float>().Should().Be(0);
        j.dtype.Should().Be(ScalarType.Float32);
        // The scale is the course's: the std of J's entries is near g/√H.
        j.std().item<float>().Should().BeApproximately((float)(g / Math.Sqrt(hidden)), (float)(0.1 * g / Math.Sqrt(hidden)));
    }

    [Fact]
    public void ConstructorDrawsReadOutFirstThenJAndB()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var model = new RegularizedRNN(hiddenSize: 20);
        manual_seed(3);
        using var linear = TorchSharp.torch.nn.Linear(20, 2);
        var (j, b, _) = RateRnn.InitialWeights(16, 20, RegularizedRNN.DefaultG, 1.0);
        Close.Within(model.Weights.W, linear.weight!, 0, "W");
        Close.Within(model.Weights.J, j, 0, "J");
        Close.Within(model.Weights.B, b, 0, "B");
    }
}
