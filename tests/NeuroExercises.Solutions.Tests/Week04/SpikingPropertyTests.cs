using FluentAssertions;
using NeuroExercises.Week04.SpikingNetworks;
using static TorchSharp.torch;
using LifNeuron = NeuroExercises.Week04.SpikingNetworks.Lif;
using SurrogateFunctions = NeuroExercises.Week04.SpikingNetworks.Surrogate;

namespace NeuroExercises.Solutions.Tests.Week04;

/// <summary>
/// Properties of the spiking week that a wrong implementation fails, beyond matching the goldens: the trap traces of
/// traps.npz are not reproduced, the LIF invariants of the README hold, codes have their rates, surrogates are the
/// derivatives of their smooth functions, and a training step lowers the loss.
/// </summary>
public sealed class SpikingPropertyTests
{
    public static TheoryData<string, string> Traps()
    {
        var data = new TheoryData<string, string>();
        foreach (var variant in new[] { "legacy_v07", "geq", "same_step", "tutorial3_manual" })
        {
            foreach (var reset in new[] { "subtract", "zero" })
            {
                if (SpikingGoldens.Members(SpikingGoldens.Traps).ContainsKey($"exact_mem_{variant}_{reset}"))
                {
                    data.Add(variant, reset);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Traps))]
    public void ExactTraceIsNotATrap(string variant, string reset)
    {
        using var scope = NewDisposeScope();
        var neuron = new LifParameters(SpikingGoldens.Scalar(SpikingGoldens.Lif, "exact_beta"), SpikingGoldens.Scalar(SpikingGoldens.Lif, "exact_threshold"),
            reset == "subtract" ? ResetMechanism.Subtract : ResetMechanism.Zero);
        var trace = LifNeuron.Simulate(SpikingGoldens.Tensor(SpikingGoldens.Lif, "exact_input"), neuron);
        var trapMem = SpikingGoldens.Tensor(SpikingGoldens.Traps, $"exact_mem_{variant}_{reset}");
        var trapSpk = SpikingGoldens.Tensor(SpikingGoldens.Traps, $"exact_spk_{variant}_{reset}");
        (Same(trace.Mem, trapMem) && Same(trace.Spk, trapSpk)).Should().BeFalse($"the {variant} convention is a bug the README names");
        Same(trace.Spk, SpikingGoldens.Tensor(SpikingGoldens.Lif, $"exact_spk_{reset}")).Should().BeTrue();
    }

    [Fact]
    public void MembraneAtThresholdNeverSpikesWhileGeqWould()
    {
        using var scope = NewDisposeScope();
        var lif = SpikingGoldens.Lif;
        var trace = LifNeuron.Simulate(SpikingGoldens.Tensor(lif, "equality_input"), new LifParameters(SpikingGoldens.Scalar(lif, "exact_beta"), SpikingGoldens.Scalar(lif, "exact_threshold")));
        trace.Mem.max().item<float>().Should().Be(1f, "the membrane reaches θ exactly");
        trace.Spk.sum().item<float>().Should().Be(0, "H is strict: U = θ does not spike");
        SpikingGoldens.Tensor(SpikingGoldens.Traps, "equality_spk_geq").sum().item<float>().Should().Be(1, "the ≥ trap spikes once");
    }

    [Fact]
    public void NoSpikeWhileTheMembraneStaysBelowThreshold()
    {
        using var scope = NewDisposeScope();
        var input = randn([300, 40], generator: new Generator(3)) * 0.02f + 0.03f; // U ≤ 0.05/(1 − β) < 1
        foreach (var reset in new[] { ResetMechanism.Subtract, ResetMechanism.Zero })
        {
            var trace = LifNeuron.Simulate(input, new LifParameters(0.95, 1.0, reset));
            trace.Mem.max().item<float>().Should().BeLessThan(1f);
            trace.Spk.sum().item<float>().Should().Be(0);
        }
    }

    [Fact]
    public void PostResetMembraneStaysAtMostThetaBelowTwoMinusBetaTheta()
    {
        using var scope = NewDisposeScope();
        const double beta = 0.95;
        var currents = linspace(0.0, 1.04, 105, dtype: float32); // below (2 − β)θ = 1.05
        var curve = FrequencyCurrent.Measure(currents, 200, new LifParameters(beta));
        curve.PostResetMax.max().item<float>().Should().BeLessThanOrEqualTo(1f);
        var above = FrequencyCurrent.Measure(tensor(new[] { 1.2f, 1.5f }), 200, new LifParameters(beta));
        above.Count.data<float>().ToArray().Should().Equal(200f, 200f);
        above.MemMax[1].item<float>().Should().BeApproximately(10f, 1e-3f, "U climbs towards (I − θ)/(1 − β) (β^200 of it is left)");
    }

    [Theory]
    [InlineData(ResetMechanism.Subtract)]
    [InlineData(ResetMechanism.Zero)]
    public void RateIsZeroAtRheobaseAndGrowsAboveIt(ResetMechanism reset)
    {
        using var scope = NewDisposeScope();
        const double beta = 0.95;
        var rheobase = (float)(1 - beta);
        var curve = FrequencyCurrent.Measure(tensor(new[] { 0f, rheobase / 2, rheobase }), 200, new LifParameters(beta, 1, reset));
        curve.Count.sum().item<float>().Should().Be(0);
        curve.FirstSpike.data<long>().ToArray().Should().Equal(-1, -1, -1);
        var rates = FrequencyCurrent.Measure(linspace(0.06, 1.5, 40, dtype: float32), 200, new LifParameters(beta, 1, reset)).Rate.data<float>().ToArray();
        rates.Zip(rates.Skip(1)).Should().OnlyContain(p => p.Second >= p.First, "the f-I curve is monotone");
        rates[^1].Should().BeGreaterThan(rates[0]);
    }

    [Fact]
    public void ZeroResetClosedFormMatchesTheSimulation()
    {
        using var scope = NewDisposeScope();
        var currents = linspace(0.0, 2.0, 81, dtype: float32);
        var curve = FrequencyCurrent.Measure(currents, 200, new LifParameters(0.9, 1.0, ResetMechanism.Zero));
        var simulated = curve.Count.data<float>().ToArray();
        var currentValues = currents.data<float>().ToArray();
        for (var i = 0; i < currentValues.Length; i++)
        {
            var k = FrequencyCurrent.ZeroResetPeriod(currentValues[i], (float)0.9, 1.0);
            (k == 0 ? 0f : 200 / k).Should().Be((long)simulated[i], $"I = {currentValues[i]}");
        }
    }

    [Fact]
    public void RateCodeHasTheRequestedMeanRate()
    {
        using var scope = NewDisposeScope();
        var p = linspace(0.0, 1.0, 11, dtype: float32).reshape(1, 11);
        var spikes = SpikeCodes.Rate(p, 4000, 11);
        spikes.shape.Should().Equal(4000, 1, 11);
        var mean = spikes.mean([0L]).flatten();
        (mean - p.flatten()).abs().max().item<float>().Should().BeLessThan(0.03f);
        mean[0].item<float>().Should().Be(0, "p = 0 never fires (u < p is strict)");
        mean[10].item<float>().Should().Be(1, "p = 1 always fires");
        var gained = SpikeCodes.Rate(p, 4000, 12, gain: 0.5, offset: 0.8).mean([0L]).flatten();
        gained[10].item<float>().Should().Be(1, "p is clamped to 1");
        Same(SpikeCodes.Rate(p, 50, 5), SpikeCodes.Rate(p, 50, 5)).Should().BeTrue("seeded");
    }

    [Fact]
    public void BrighterPixelsFireEarlierInBothLatencyCodes()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 0.2f, 0.4f, 0.6f, 0.8f, 1.0f });
        foreach (var code in new[] { SpikeCodes.LinearLatency(x, 25), SpikeCodes.LogLatency(x, 25) })
        {
            var steps = code.Step.data<long>().ToArray();
            steps.Zip(steps.Skip(1)).Should().OnlyContain(p => p.Second <= p.First);
            steps[^1].Should().Be(0);
            code.Spikes.sum([0L]).data<float>().ToArray().Should().OnlyContain(v => v == 1);
        }
    }

    [Theory]
    [InlineData("fast_sigmoid")]
    [InlineData("atan")]
    [InlineData("sigmoid")]
    [InlineData("superspike")]
    public void SurrogateIsTheDerivativeOfItsSmoothFunctionAndNotZero(string kind)
    {
        using var scope = NewDisposeScope();
        var surrogate = SpikingGoldens.Surrogate(kind);
        var x = linspace(-0.5, 0.5, 101, dtype: float64).add(1e-3);
        const double h = 1e-6;
        var central = (SurrogateFunctions.Smooth(x + h, surrogate) - SurrogateFunctions.Smooth(x - h, surrogate)) / (2 * h);
        var analytic = SurrogateFunctions.Derivative(x, surrogate, ones_like(x));
        (central - analytic).abs().max().item<double>().Should().BeLessThan(1e-5 * analytic.abs().max().item<double>() + 1e-9);
        var xf = x.to(float32).requires_grad_(true);
        SurrogateFunctions.Spike(xf, surrogate).sum().backward();
        xf.grad!.abs().min().item<float>().Should().BeGreaterThan(0, "the surrogate's backward is not the step's zero gradient");
    }

    [Fact]
    public void SurrogateSlopeMatters()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 0.1f });
        var g = ones_like(x);
        SurrogateFunctions.Derivative(x, SurrogateGradient.FastSigmoid(25), g).item<float>()
            .Should().NotBe(SurrogateFunctions.Derivative(x, SurrogateGradient.FastSigmoid(5), g).item<float>());
    }

    [Fact]
    public void InitializeDrawsTheGoldenWeights()
    {
        using var scope = NewDisposeScope();
        using var network = SpikingNetwork.Initialize(784, 32, 10, 7);
        foreach (var (name, value) in new[] { ("W1", network.W1), ("b1", network.B1), ("W2", network.W2), ("b2", network.B2) })
        {
            Same(value.detach(), SpikingGoldens.Tensor(SpikingGoldens.Net, name)).Should().BeTrue(name);
        }
    }

    [Fact]
    public void SurrogateGradientOfB1IsLargeWhereTheTrueDerivativeIsZero()
    {
        using var scope = NewDisposeScope();
        using var network = SpikingGoldens.Network();
        var x = SpikingGoldens.Tensor(SpikingGoldens.Net, "x");
        var y = SpikingGoldens.Tensor(SpikingGoldens.Net, "y");
        var options = SpikingGoldens.NetOptions();
        var gradients = SnnTraining.Gradients(network, x, y, options);
        gradients.B1.abs().max().item<float>().Should().BeGreaterThan(0.1f);
        using (no_grad())
        {
            var b1 = network.B1.detach().clone();
            network.Load([network.W1, b1 + 1e-6f, network.W2, network.B2]);
            var shifted = SnnTraining.MembraneLoss(network.Forward(x, options).Mem2, y).item<float>();
            shifted.Should().Be(gradients.Loss.item<float>(), "a small shift of b1 flips no spike: the loss is piecewise constant in b1");
        }
    }

    [Fact]
    public void OneAdamStepLowersTheLossOnAFixedBatch()
    {
        using var scope = NewDisposeScope();
        using var network = SpikingGoldens.Network();
        var x = SpikingGoldens.Tensor(SpikingGoldens.Net, "x");
        var y = SpikingGoldens.Tensor(SpikingGoldens.Net, "y");
        var losses = SnnTraining.Train(network, x, y, SpikingGoldens.NetOptions(), 1, 5e-4);
        losses[1].Should().BeLessThan(losses[0]);
    }

    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
}
