using FluentAssertions;
using NeuroExercises.Week06.LearningRules;
using Xunit;
using static TorchSharp.torch;

namespace NeuroExercises.Solutions.Tests.Week06;

/// <summary>
/// The solutions compute the sigmoid rules' updates on CPU float64 in one C# pass between two libtorch products; these
/// cases hold that pass to the week's equations written as plain tensor operations, on shapes the goldens do not have
/// (batches that are not a multiple of 4 or 16, hidden sizes not a multiple of 4) and with the batch and targets given as
/// transposed views, as the training loops pass them.
/// </summary>
public sealed class FusedUpdateTests
{
    public static TheoryData<int, int, int, int> Shapes() => new()
    {
        { 7, 13, 5, 3 },
        { 12, 20, 19, 10 },
        { 5, 9, 33, 10 },
        { 1, 4, 1, 2 },
        { 100, 784, 32, 10 },
    };

    private static Tensor Sigmoid(Tensor a) => (a.clamp(-500.0, 500.0).neg().exp() + 1.0).reciprocal();

    private static Tensor Ones(Tensor x) => cat([x, ones(1, x.shape[1], dtype: float64)], 0);

    private static (Tensor DeltaWh, Tensor DeltaWy) Equations(Tensor wH, Tensor wY, Tensor feedback, Tensor x, Tensor t)
    {
        var h = Sigmoid(wH.matmul(Ones(x)));
        var y = Sigmoid(wY.matmul(Ones(h)));
        var deltaY = (t - y) * y * (1.0 - y);
        var deltaH = feedback.matmul(deltaY) * h * (1.0 - h);
        return (deltaH.matmul(Ones(x).t()), deltaY.matmul(Ones(h).t()));
    }

    private static void ShouldMatch(Tensor actual, Tensor expected, string what)
    {
        actual.shape.Should().Equal(expected.shape, what);
        var scale = expected.abs().max().item<double>();
        (actual - expected).abs().max().item<double>().Should().BeLessThanOrEqualTo(1e-12 * scale, what);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void UpdatesEqualTheEquationsWrittenAsTensorOperations(int hidden, int inputs, int batch, int outputs)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator((ulong)(hidden * 1000 + batch));
        var wH = randn([hidden, inputs + 1], dtype: float64, generator: generator) * 0.3;
        var wY = randn([outputs, hidden + 1], dtype: float64, generator: generator) * 0.5;
        var b = randn([hidden, outputs], dtype: float64, generator: generator) * 0.5;
        // Sample-major rows transposed into the column layout (views), as the benchmark and the trainer build a batch.
        var x = rand([batch, inputs], dtype: float64, generator: generator).t();
        var t = eye(outputs, dtype: float64).index_select(0, randint(outputs, [batch], generator: generator)).t();

        var bp = LearningRules.Backprop(wH, wY, x, t);
        var (bpH, bpY) = Equations(wH, wY, wY[.., ..hidden].t(), x, t);
        ShouldMatch(bp.DeltaWh, bpH, "backprop ΔW_h");
        ShouldMatch(bp.DeltaWy, bpY, "backprop ΔW_y");

        var fa = LearningRules.FeedbackAlignment(wH, wY, b, x, t);
        var (faH, faY) = Equations(wH, wY, b, x, t);
        ShouldMatch(fa.DeltaWh, faH, "feedback alignment ΔW_h");
        ShouldMatch(fa.DeltaWy, faY, "feedback alignment ΔW_y");

        var kp = LearningRules.KolenPollack(wH, wY, b, x, t, 0.1, 0.05);
        ShouldMatch(kp.DeltaWh, faH, "Kolen–Pollack ΔW_h (feedback alignment's with the old B)");
        ShouldMatch(kp.DeltaWy, faY - (wY * 0.1), "Kolen–Pollack ΔW_y");
        ShouldMatch(kp.DeltaB, faY[.., ..hidden].t() - (b * 0.1), "Kolen–Pollack ΔB");

        // The tensor path (taken when autograd records, and on other devices) gives the same numbers.
        var tracked = wH.detach().requires_grad_(true);
        var viaTensors = LearningRules.Backprop(tracked, wY, x, t);
        ShouldMatch(viaTensors.DeltaWh.detach(), bpH, "backprop ΔW_h through the tensor path");
        foreach (var a in new[] { bp.DeltaWh, bp.DeltaWy, fa.DeltaWh, kp.DeltaWh })
        {
            a.isnan().any().item<bool>().Should().BeFalse("every column is written (β = 0 over uninitialised memory)");
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void NodePerturbationEqualsItsTensorPath(int hidden, int inputs, int batch, int outputs)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator((ulong)(hidden * 1000 + batch + 7));
        var wH = randn([hidden, inputs + 1], dtype: float64, generator: generator) * 0.3;
        var wY = randn([outputs, hidden + 1], dtype: float64, generator: generator) * 0.5;
        var x = rand([batch, inputs], dtype: float64, generator: generator).t();
        var t = eye(outputs, dtype: float64).index_select(0, randint(outputs, [batch], generator: generator)).t();
        var xiH = randn([hidden, batch], dtype: float64, generator: generator) * 0.1;
        var xiY = randn([outputs, batch], dtype: float64, generator: generator) * 0.1;

        var fused = LearningRules.NodePerturbation(wH, wY, x, t, xiH, xiY, 0.1);
        // A weight that records gradients sends the call down the tensor operations (the path other devices take).
        var viaTensors = LearningRules.NodePerturbation(wH.detach().requires_grad_(true), wY, x, t, xiH, xiY, 0.1);

        ShouldMatch(fused.DeltaWh, viaTensors.DeltaWh.detach(), "ΔW_h");
        ShouldMatch(fused.DeltaWy, viaTensors.DeltaWy.detach(), "ΔW_y");
        ShouldMatch(fused.HiddenPerturbed, viaTensors.HiddenPerturbed.detach(), "h_p");
        ShouldMatch(fused.OutputPerturbed, viaTensors.OutputPerturbed.detach(), "y_p");
        ShouldMatch(fused.LossNow, viaTensors.LossNow.detach(), "ℓ");
        ShouldMatch(fused.LossPerturbed, viaTensors.LossPerturbed.detach(), "ℓ_p");
        ShouldMatch(fused.DeltaLoss, viaTensors.DeltaLoss.detach(), "Δℓ");
        fused.DeltaWh.isnan().any().item<bool>().Should().BeFalse();
    }

    [Fact]
    public void SigmoidClipsAndMatchesTheTensorFormulaOnCpuFloat64()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new[] { -800.0, -500.0, -40.0, -1.0, 0.0, 0.3, 2.0, 36.0, 600.0 });
        var expected = (a.clamp(-500.0, 500.0).neg().exp() + 1.0).reciprocal();

        var actual = Mlp.Sigmoid(a);

        (actual - expected).abs().max().item<double>().Should().BeLessThan(1e-15);
        var clipped = expected[0].item<double>();
        actual[0].item<double>().Should().BeApproximately(clipped, 1e-14 * clipped, "clipped at −500 (7.1e-218), not underflowed to 0");
    }
}
