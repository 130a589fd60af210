using FluentAssertions;
using NeuroExercises.Week02.BurstCreditAssignment;
using static TorchSharp.torch;

namespace NeuroExercises.Solutions.Tests.Week02;

/// <summary>
/// The solutions' fused CPU float32 update of the gradient rules (<c>BurstTrainer.FusedGradientUpdate</c>, column layout,
/// C# elementwise steps) against the same equations as tensor operations (<see cref="Gradients"/>, scaled by −η_l), on
/// odd sizes, more layers, transposed views and per-layer rates; and that <see cref="BurstTrainer.Update"/> takes it.
/// </summary>
public sealed class FusedUpdateTests
{
    public static TheoryData<int[], int, bool> Cases() => new()
    {
        { [7, 5, 3], 1, true },
        { [7, 5, 3], 5, false },
        { [9, 6, 4, 3], 33, true },
        { [9, 6, 4, 3], 33, false },
        { [3, 4, 4, 4, 2], 8, true },
        { [784, 256, 256, 10], 32, true },
        { [784, 256, 256, 10], 32, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void FusedEqualsTheScaledGradientsOfTheTensorPath(int[] sizes, int batch, bool backprop)
    {
        using var scope = NewDisposeScope();
        manual_seed(sizes.Sum() + batch);
        using var network = BurstNetwork.Create(sizes, new NetworkInit(BiasStd: 0.1), FeedbackKind.Burstprop);
        var x = rand(batch, sizes[0]);
        var target = nn.functional.one_hot(randint(sizes[^1], [batch]), sizes[^1]).to(float32);
        var options = new TrainingOptions(LearningRule.Backprop) { GradientLearningRates = [.. Enumerable.Range(0, sizes.Length - 1).Select(l => 0.5 + l)] };
        var feedback = backprop ? network.W.Skip(1).ToArray() : network.Y;

        var fused = BurstTrainer.FusedGradientUpdate(network, x, target, feedback, options);
        var g = backprop ? Gradients.Backprop(network, x, target) : Gradients.FeedbackAlignment(network, x, target);

        fused.Should().NotBeNull("CPU float32 tensors that record no gradient take the fused path");
        fused!.Y.Should().BeEmpty();
        fused.Delta.Should().BeEmpty();
        for (var l = 0; l < network.Layers; l++)
        {
            var rate = -options.GradientLearningRateOf(l);
            Close(fused.W[l], g.W[l] * rate, $"ΔW_{l}");
            Close(fused.Bias[l], g.Bias[l] * rate, $"Δb_{l}");
        }
    }

    [Fact]
    public void UpdateTakesTheFusedPathAndViewsGiveTheSameUpdate()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var network = BurstNetwork.Create([11, 6, 4], new NetworkInit(BiasStd: 0.1), FeedbackKind.Burstprop);
        var x = rand(9, 11);
        var target = nn.functional.one_hot(randint(4, [9]), 4).to(float32);
        var options = new TrainingOptions(LearningRule.FeedbackAlignment, GradientLearningRate: 1.7);

        var update = BurstTrainer.Update(LearningRule.FeedbackAlignment, network, x, target, options);
        var fused = BurstTrainer.FusedGradientUpdate(network, x, target, network.Y, options)!;
        // x and T as transposed views of sample-minor copies: the same numbers, other strides.
        var views = BurstTrainer.FusedGradientUpdate(network, x.t().contiguous().t(), target.t().contiguous().t(), network.Y, options)!;

        for (var l = 0; l < network.Layers; l++)
        {
            update.W[l].eq(fused.W[l]).all().item<bool>().Should().BeTrue($"Update's ΔW_{l} is the fused one");
            update.Bias[l].eq(fused.Bias[l]).all().item<bool>().Should().BeTrue($"Update's Δb_{l} is the fused one");
            Close(views.W[l], fused.W[l], $"ΔW_{l} from views");
            Close(views.Bias[l], fused.Bias[l], $"Δb_{l} from views");
        }
    }

    [Fact]
    public void DeclinesWhatItDoesNotCover()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        using var network = BurstNetwork.Create([5, 4, 3], new NetworkInit(), FeedbackKind.Burstprop);
        var target = nn.functional.one_hot(randint(3, [2]), 3).to(float32);
        var options = new TrainingOptions(LearningRule.Backprop);
        var feedback = network.W.Skip(1).ToArray();

        BurstTrainer.FusedGradientUpdate(network, rand(2, 5, dtype: float64), target, feedback, options).Should().BeNull("float64 input");
        BurstTrainer.FusedGradientUpdate(network, rand(2, 5).requires_grad_(), target, feedback, options).Should().BeNull("an input that records gradients");
        BurstTrainer.FusedGradientUpdate(network, rand(5), target, feedback, options).Should().BeNull("a 1-D input");
        using (no_grad())
        {
            BurstTrainer.FusedGradientUpdate(network, rand(2, 5).requires_grad_(), target, feedback, options).Should().NotBeNull("no graph is recorded under no_grad");
        }
    }

    public static TheoryData<int[], int, bool> CcnCases() => new()
    {
        { [7, 5, 3], 1, false },
        { [7, 5, 3], 6, true },
        { [9, 6, 4, 3], 33, true },
        { [3, 4, 4, 4, 2], 8, false },
        { [784, 256, 256, 10], 32, false },
        { [784, 256, 256, 10], 32, true },
    };

    [Theory]
    [MemberData(nameof(CcnCases))]
    public void BurstCcnFusedStepEqualsTheTensorPath(int[] sizes, int batch, bool learnFeedback)
    {
        using var scope = NewDisposeScope();
        manual_seed((sizes.Sum() * 7) + batch);
        using var network = BurstNetwork.Create(sizes, new NetworkInit(BiasStd: 0.1), FeedbackKind.BurstCcn);
        var x = rand(batch, sizes[0]);
        var target = nn.functional.one_hot(randint(sizes[^1], [batch]), sizes[^1]).to(float32);
        var options = new BurstCcnOptions(PBaseline: 0.4, Beta: 3.0, LearningRates: [.. Enumerable.Range(0, sizes.Length - 1).Select(l => 0.5 + l)],
            LearningRateY: learnFeedback ? 0.3 : 0, LearningRateQ: learnFeedback ? 0.2 : 0);

        var fused = BurstCcn.FusedStep(network, x, target, options, [.. Enumerable.Range(0, network.Layers).Select(l => options.LearningRate(l) / batch)]);
        var stepped = BurstCcn.Step(network, x, target, options);
        // An input that records gradients sends Step down the tensor path (the same equations as tensor operations).
        var tensorPath = BurstCcn.Step(network, x.detach().requires_grad_(), target, options);

        fused.Should().NotBeNull();
        fused!.R.Should().BeEmpty();
        fused.Y.Should().HaveCount(learnFeedback ? network.Layers - 1 : 0);
        fused.Q.Should().HaveCount(learnFeedback ? network.Layers - 1 : 0);
        for (var l = 0; l < network.Layers; l++)
        {
            stepped.W[l].eq(fused.W[l]).all().item<bool>().Should().BeTrue($"Step's ΔW_{l} is the fused one");
            Close(fused.W[l], tensorPath.W[l].detach(), $"ΔW_{l}");
            Close(fused.Bias[l], tensorPath.Bias[l].detach(), $"Δb_{l}");
            Close(fused.Delta[l], tensorPath.Delta[l].detach(), $"δ_{l}");
        }

        for (var h = 0; h < fused.Y.Count; h++)
        {
            Close(fused.Y[h], tensorPath.Y[h].detach(), $"ΔY_{h}");
            Close(fused.Q[h], tensorPath.Q[h].detach(), $"ΔQ_{h}");
        }
    }

    public static TheoryData<int[], int, bool, double> BurstpropCases() => new()
    {
        { [7, 5, 3], 1, false, 1e-4 },
        { [7, 5, 3], 6, true, 0.0 },
        { [9, 6, 4, 3], 33, true, 1e-3 },
        { [3, 4, 4, 4, 2], 8, false, 1e-2 },
        { [784, 256, 256, 10], 32, false, 1e-4 },
        { [784, 256, 256, 10], 32, true, 1e-4 },
    };

    [Theory]
    [MemberData(nameof(BurstpropCases))]
    public void BurstpropFusedStepEqualsTheTensorPath(int[] sizes, int batch, bool learnFeedback, double rateR)
    {
        using var scope = NewDisposeScope();
        manual_seed((sizes.Sum() * 11) + batch);
        using var network = BurstNetwork.Create(sizes, new NetworkInit(BiasStd: 0.1, RecurrentRange: 0.3), FeedbackKind.Burstprop);
        var x = rand(batch, sizes[0]);
        var target = nn.functional.one_hot(randint(sizes[^1], [batch]), sizes[^1]).to(float32);
        var options = new BurstpropOptions(PBaseline: 0.3, LearningRates: [.. Enumerable.Range(0, sizes.Length - 1).Select(l => 0.5 + l)], LearningRateR: rateR,
            LearnFeedback: learnFeedback);

        var fused = Burstprop.FusedStep(network, x, target, options, [.. Enumerable.Range(0, network.Layers).Select(l => options.LearningRate(l, network.Layers))]);
        var stepped = Burstprop.Step(network, x, target, options);
        // An input that records gradients sends Step down the tensor path (the same equations as tensor operations).
        var tensorPath = Burstprop.Step(network, x.detach().requires_grad_(), target, options);

        fused.Should().NotBeNull();
        fused!.Q.Should().BeEmpty();
        fused.Y.Should().HaveCount(learnFeedback ? network.Layers - 1 : 0);
        fused.R.Should().HaveCount(rateR != 0 ? network.Layers - 1 : 0);
        for (var l = 0; l < network.Layers; l++)
        {
            stepped.W[l].eq(fused.W[l]).all().item<bool>().Should().BeTrue($"Step's ΔW_{l} is the fused one");
            // δ = B^t − B cancels (bursts of order 1, their difference small deep in the net): the error is float32 rounding of
            // the bursts, so the bound has a floor of 1e-6 per δ entry, times rate · N for the sums over the batch.
            var floor = 1e-6f * (float)options.LearningRate(l, network.Layers) * batch;
            Close(fused.W[l], tensorPath.W[l].detach(), $"ΔW_{l}", floor);
            Close(fused.Bias[l], tensorPath.Bias[l].detach(), $"Δb_{l}", floor);
            Close(fused.Delta[l], tensorPath.Delta[l].detach(), $"δ_{l}", 1e-6f);
        }

        for (var h = 0; h < fused.Y.Count; h++)
        {
            Close(fused.Y[h], tensorPath.Y[h].detach(), $"ΔY_{h}", 1e-6f * (float)options.LearningRate(h + 1, network.Layers) * batch);
        }

        for (var h = 0; h < fused.R.Count; h++)
        {
            Close(fused.R[h], tensorPath.R[h].detach(), $"ΔR_{h}");
        }
    }

    private static void Close(Tensor actual, Tensor expected, string what, float floor = 0)
    {
        actual.shape.Should().Equal(expected.shape, what);
        var scale = Math.Max(expected.abs().max().item<float>(), 1e-30f);
        var error = (actual - expected).abs().max().item<float>();
        error.Should().BeLessThanOrEqualTo((2e-6f * scale) + floor, $"{what}: the same equations, only the products' and sums' order differs (largest |value| {scale:G3})");
    }
}
