using FluentAssertions;
using NeuroExercises.Week02.BurstCreditAssignment;
using static TorchSharp.torch;

namespace NeuroExercises.Solutions.Tests.Week02;

/// <summary>
/// The README's property numbers and the invariants a wrong implementation breaks: P = p̄ exactly without teaching (BurstCCN),
/// cosines with backprop, the loss before and after one step, batch averaging (BurstCCN) against summing (Burstprop).
/// </summary>
public sealed class BurstPropertyTests
{
    [Fact]
    public void BurstCcnWithoutTeachingHasZeroApicalInputAndBaselineBurstProbabilityExactly()
    {
        using var scope = NewDisposeScope();
        using var network = BurstGoldens.Network(BurstGoldens.Ccn);
        var events = Feedforward.EventRates(network, BurstGoldens.Tensor(BurstGoldens.Ccn, "x"));
        var pass = BurstCcn.BurstRates(network, events, tensor(0.5f), beta: 4);
        for (var h = 0; h < 2; h++)
        {
            pass.Apical[h].abs().max().item<float>().Should().Be(0f, $"A_{h} = B Y − E Q with Q = p̄ Y and B = p̄ E cancels exactly");
            pass.BurstProbability[h].eq(0.5f).all().item<bool>().Should().BeTrue($"P_{h} = σ(0) = p̄ = 0.5 everywhere");
        }
    }

    [Fact]
    public void BurstCcnWithTeachingMovesHiddenBurstProbabilities()
    {
        using var scope = NewDisposeScope();
        using var network = BurstGoldens.Network(BurstGoldens.Ccn);
        var x = BurstGoldens.Tensor(BurstGoldens.Ccn, "x");
        var events = Feedforward.EventRates(network, x);
        var teaching = Feedforward.TeachingSignal(events[2], BurstGoldens.Tensor(BurstGoldens.Ccn, "t"), 0.5);
        var pass = BurstCcn.BurstRates(network, events, teaching + 0.5, beta: 4);
        (pass.BurstProbability[0] - 0.5).abs().max().item<float>().Should().BeGreaterThan(1e-3f);
    }

    [Fact]
    public void BurstpropBurstProbabilitiesWithoutTeachingSpreadAroundAHalf()
    {
        // README: 0.197–0.703, mean 0.51 (U ≠ 0: recurrent inhibition has not yet learnt to cancel the feedback).
        using var scope = NewDisposeScope();
        using var network = BurstGoldens.Network(BurstGoldens.Prop);
        var events = Feedforward.EventRates(network, BurstGoldens.Tensor(BurstGoldens.Prop, "x"));
        var pass = Burstprop.BurstRates(network, events, tensor(0.2f));
        var all = cat([pass.BurstProbability[0].flatten(), pass.BurstProbability[1].flatten()]);
        all.min().item<float>().Should().BeApproximately(0.197f, 5e-4f);
        all.max().item<float>().Should().BeApproximately(0.703f, 5e-4f);
        all.mean().item<float>().Should().BeApproximately(0.51f, 5e-3f);
    }

    [Theory]
    [InlineData(BurstGoldens.Ccn, 0.339477, 0.337547)]
    [InlineData(BurstGoldens.Prop, 0.288191, 0.286640)]
    public void OneStepLowersTheLossByTheReadmesNumbers(string file, double before, double after)
    {
        using var scope = NewDisposeScope();
        var got = BurstGoldens.Recompute(file);
        got["loss_before"].item<float>().Should().BeApproximately((float)before, 1e-6f);
        got["loss_after"].item<float>().Should().BeApproximately((float)after, 1e-6f);
    }

    [Theory]
    [InlineData(BurstGoldens.Ccn, 0.99973, 0.99992)]
    [InlineData(BurstGoldens.Prop, 0.99996, 1.00000)]
    public void WithSymmetricFeedbackTheBurstUpdateFollowsBackprop(string file, double h0, double h1)
    {
        using var scope = NewDisposeScope();
        var cos = BurstGoldens.Recompute(file)["cos_burst_bp_sym"].data<double>().ToArray();
        cos[0].Should().BeApproximately(h0, 1e-5);
        cos[1].Should().BeApproximately(h1, 1e-5);
        cos.Should().OnlyContain(c => c > 0.999, "to first order the burst update is backprop with positive per-unit weights");
        cos[2].Should().BeApproximately(1, 1e-9, "the output layer's δ is proportional to backprop's by construction");
    }

    [Theory]
    [InlineData(BurstGoldens.Ccn, 0.1825, -0.1373, 0.1821, -0.1346, 0.99994, 0.99995)]
    [InlineData(BurstGoldens.Prop, 0.2306, 0.1076, 0.2293, 0.1077, 0.99726, 1.00000)]
    public void WithRandomFeedbackTheBurstUpdateFollowsFeedbackAlignment(string file, double bp0, double bp1, double fa0, double fa1, double bf0, double bf1)
    {
        using var scope = NewDisposeScope();
        var got = BurstGoldens.Recompute(file);
        var burstBp = got["cos_burst_bp_rand"].data<double>().ToArray();
        var faBp = got["cos_fa_bp_rand"].data<double>().ToArray();
        var burstFa = got["cos_burst_fa_rand"].data<double>().ToArray();
        burstBp[0].Should().BeApproximately(bp0, 1e-4);
        burstBp[1].Should().BeApproximately(bp1, 1e-4);
        faBp[0].Should().BeApproximately(fa0, 1e-4);
        faBp[1].Should().BeApproximately(fa1, 1e-4);
        burstFa[0].Should().BeApproximately(bf0, 1e-5);
        burstFa[1].Should().BeApproximately(bf1, 1e-5);
    }

    [Fact]
    public void BurstCcnAveragesOverTheBatch()
    {
        using var scope = NewDisposeScope();
        using var network = BurstGoldens.Network(BurstGoldens.Ccn);
        var x = BurstGoldens.Tensor(BurstGoldens.Ccn, "x");
        var t = BurstGoldens.Tensor(BurstGoldens.Ccn, "t");
        var once = BurstCcn.Step(network, x, t, BurstGoldens.CcnOptions());
        var twice = BurstCcn.Step(network, cat([x, x]), cat([t, t]), BurstGoldens.CcnOptions());
        for (var l = 0; l < 3; l++)
        {
            RelativeDiff(twice.W[l], once.W[l]).Should().BeLessThan(1e-6, $"ΔW{l} of the batch twice equals ΔW{l} of the batch (÷N)");
            RelativeDiff(twice.Bias[l], once.Bias[l]).Should().BeLessThan(1e-6);
        }

        RelativeDiff(twice.Q[0], once.Q[0]).Should().BeLessThan(1e-6);
        RelativeDiff(twice.Y[0], once.Y[0]).Should().BeLessThan(1e-6);
    }

    [Fact]
    public void BurstpropSumsOverTheBatch()
    {
        using var scope = NewDisposeScope();
        using var network = BurstGoldens.Network(BurstGoldens.Prop);
        var x = BurstGoldens.Tensor(BurstGoldens.Prop, "x");
        var t = BurstGoldens.Tensor(BurstGoldens.Prop, "t");
        var once = Burstprop.Step(network, x, t, BurstGoldens.PropOptions());
        var twice = Burstprop.Step(network, cat([x, x]), cat([t, t]), BurstGoldens.PropOptions());
        for (var l = 0; l < 3; l++)
        {
            RelativeDiff(twice.W[l], once.W[l] * 2).Should().BeLessThan(1e-5, $"ΔW{l} of the batch twice is twice ΔW{l} (no 1/N)");
            RelativeDiff(twice.Bias[l], once.Bias[l] * 2).Should().BeLessThan(1e-5);
        }

        RelativeDiff(twice.R[0], once.R[0] * 2).Should().BeLessThan(1e-5);
    }

    [Theory]
    [InlineData(BurstGoldens.Ccn)]
    [InlineData(BurstGoldens.Prop)]
    public void BackpropEqualsAutograd(string file)
    {
        using var scope = NewDisposeScope();
        using var network = BurstGoldens.Network(file);
        var x = BurstGoldens.Tensor(file, "x");
        var t = BurstGoldens.Tensor(file, "t");
        var w = network.W.Select(m => m.detach().clone().requires_grad_()).ToArray();
        var b = network.Bias.Select(v => v.detach().clone().requires_grad_()).ToArray();
        var e = x;
        for (var l = 0; l < 3; l++)
        {
            e = nn.functional.linear(e, w[l], b[l]).sigmoid();
        }

        nn.functional.mse_loss(e, t, nn.Reduction.Mean).backward();
        var grads = Gradients.Backprop(network, x, t);
        for (var l = 0; l < 3; l++)
        {
            RelativeDiff(grads.W[l], w[l].grad!).Should().BeLessThan(1e-5, $"∂loss/∂W{l}");
            RelativeDiff(grads.Bias[l], b[l].grad!).Should().BeLessThan(1e-5, $"∂loss/∂b{l}");
        }
    }

    [Fact]
    public void FeedbackAlignmentWithSymmetricFeedbackIsBackprop()
    {
        using var scope = NewDisposeScope();
        using var network = BurstGoldens.Network(BurstGoldens.Prop);
        using var sym = network.WithSymmetricFeedback(0.2);
        var x = BurstGoldens.Tensor(BurstGoldens.Prop, "x");
        var t = BurstGoldens.Tensor(BurstGoldens.Prop, "t");
        var fa = Gradients.FeedbackAlignment(sym, x, t);
        var bp = Gradients.Backprop(network, x, t);
        for (var l = 0; l < 3; l++)
        {
            RelativeDiff(fa.W[l], bp.W[l]).Should().BeLessThan(1e-6);
        }

        var faRandom = Gradients.FeedbackAlignment(network, x, t);
        RelativeDiff(faRandom.W[0], bp.W[0]).Should().BeGreaterThan(0.1, "random Y sends a different error down");
    }

    [Theory]
    [InlineData(LearningRule.Backprop, "bp_grad_W")]
    [InlineData(LearningRule.FeedbackAlignment, "fa_grad_W")]
    public void GradientRulesStepAgainstTheGradient(LearningRule rule, string golden)
    {
        using var scope = NewDisposeScope();
        using var network = BurstGoldens.Network(BurstGoldens.Ccn);
        var options = new TrainingOptions(rule, GradientLearningRate: 0.5);
        var update = BurstTrainer.Update(rule, network, BurstGoldens.Tensor(BurstGoldens.Ccn, "x"), BurstGoldens.Tensor(BurstGoldens.Ccn, "t"), options);
        for (var l = 0; l < 3; l++)
        {
            RelativeDiff(update.W[l], BurstGoldens.Tensor(BurstGoldens.Ccn, $"{golden}{l}") * -0.5).Should().BeLessThan(1e-5);
        }
    }

    [Theory]
    [InlineData(LearningRule.Backprop, "bp_grad_W")]
    [InlineData(LearningRule.FeedbackAlignment, "fa_grad_W")]
    public void GradientRulesTakeOneLearningRatePerLayerWhenGiven(LearningRule rule, string golden)
    {
        using var scope = NewDisposeScope();
        using var network = BurstGoldens.Network(BurstGoldens.Ccn);
        double[] rates = [3, 0.5, 2];
        var options = new TrainingOptions(rule, GradientLearningRate: 7) { GradientLearningRates = rates };
        var update = BurstTrainer.Update(rule, network, BurstGoldens.Tensor(BurstGoldens.Ccn, "x"), BurstGoldens.Tensor(BurstGoldens.Ccn, "t"), options);
        for (var l = 0; l < 3; l++)
        {
            options.GradientLearningRateOf(l).Should().Be(rates[l]);
            RelativeDiff(update.W[l], BurstGoldens.Tensor(BurstGoldens.Ccn, $"{golden}{l}") * -rates[l]).Should().BeLessThan(1e-5);
        }

        (options with { GradientLearningRates = null }).GradientLearningRateOf(2).Should().Be(7);
        (options with { GradientLearningRates = [4] }).GradientLearningRateOf(1).Should().Be(4);
        var tooFew = options with { GradientLearningRates = [1, 2] };
        FluentActions.Invoking(() => tooFew.GradientLearningRateOf(2)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*one rate per layer*");
    }

    [Fact]
    public void CosineIsComputedInDoubleOverAllEntries()
    {
        using var scope = NewDisposeScope();
        Gradients.Cosine(tensor(new float[,] { { 1, 0 }, { 0, 0 } }), tensor(new float[] { 1, 1, 0, 0 })).Should().BeApproximately(Math.Sqrt(0.5), 1e-15);
        Gradients.Cosine(tensor(new float[] { 1, 2, 3 }), tensor(new float[] { -2, -4, -6 })).Should().BeApproximately(-1, 1e-15);
    }

    private static double RelativeDiff(Tensor actual, Tensor expected)
    {
        using var scope = NewDisposeScope();
        var a = actual.to(float64);
        var e = expected.to(float64);
        return ((a - e).abs().max() / e.abs().max()).item<double>();
    }
}
