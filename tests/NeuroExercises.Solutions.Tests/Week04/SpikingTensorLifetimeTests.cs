using FluentAssertions;
using NeuroExercises.Week04.SpikingNetworks;
using TorchSharp;
using static TorchSharp.torch;
using LifNeuron = NeuroExercises.Week04.SpikingNetworks.Lif;
using SurrogateFunctions = NeuroExercises.Week04.SpikingNetworks.Surrogate;

namespace NeuroExercises.Solutions.Tests.Week04;

/// <summary>
/// The week-4 methods leave no tensor behind besides what they return (disposed here by the caller's scope): the training loop
/// (Gradients, Adam, Train) runs for many batches in the experiments, so one leaked tensor per step or per time step adds up.
/// Tiny shapes (D = 20, H = 8, C = 3, T = 6), so the whole class takes well under a second.
/// </summary>
public sealed class SpikingTensorLifetimeTests
{
    public static TheoryData<string> Methods => new()
    {
        "Step", "StepNoDelayZero", "Simulate", "Measure", "Rate", "LinearLatency", "LogLatency", "SpyTorchLatency", "SpikeBackward",
        "Derivative", "Smooth", "Forward", "MembraneLoss", "SpikeLosses", "Gradients", "AdamStep", "Train", "InitializeDispose",
    };

    [Theory]
    [MemberData(nameof(Methods))]
    public void LeavesNoLiveTensorsBehind(string method)
    {
        var options = SnnOptions.Default with { Steps = 6 };
        using var network = SpikingNetwork.Initialize(20, 8, 3, 7);
        using var generator = new Generator(3);
        using var x = rand([5, 20], generator: generator) * 4;
        using var labels = tensor(new long[] { 0, 1, 2, 0, 1 });
        using var mem = randn([5, 8], generator: generator) + 0.8f;
        using var current = randn([5, 8], generator: generator) * 0.5f;
        using var trace = randn([30, 4], generator: generator) * 0.3f + 0.1f;
        using var currents = linspace(0, 1.5, 16, dtype: ScalarType.Float32);
        using var u = randn([40], generator: generator);
        using var adam = new SnnAdam(1e-3);
        var neuron = options.Neuron;
        Action call = method switch
        {
            "Step" => () => { using var s = NewDisposeScope(); LifNeuron.Step(mem, current, neuron); },
            "StepNoDelayZero" => () => { using var s = NewDisposeScope(); LifNeuron.Step(mem, current, neuron with { Reset = ResetMechanism.Zero, ResetDelay = false }); },
            "Simulate" => () => { using var s = NewDisposeScope(); LifNeuron.Simulate(trace, new LifParameters(0.95)); },
            "Measure" => () => { using var s = NewDisposeScope(); FrequencyCurrent.Measure(currents, 50, new LifParameters(0.95)); },
            "Rate" => () => { using var s = NewDisposeScope(); SpikeCodes.Rate(x / 4, 6, 1234, 0.5); },
            "LinearLatency" => () => { using var s = NewDisposeScope(); SpikeCodes.LinearLatency(x / 4, 6); },
            "LogLatency" => () => { using var s = NewDisposeScope(); SpikeCodes.LogLatency(x / 4, 6); },
            "SpyTorchLatency" => () => { using var s = NewDisposeScope(); SpikeCodes.SpyTorchLatency(x / 4, 6); },
            "SpikeBackward" => () =>
            {
                using var s = NewDisposeScope();
                var leaf = u.detach().requires_grad_(true);
                var spike = SurrogateFunctions.Spike(leaf, SurrogateGradient.Atan(2));
                autograd.grad([spike.sum()], [leaf]);
            },
            "Derivative" => () => { using var s = NewDisposeScope(); SurrogateFunctions.Derivative(u, SurrogateGradient.Sigmoid(25), u); },
            "Smooth" => () => { using var s = NewDisposeScope(); SurrogateFunctions.Smooth(u, SurrogateGradient.FastSigmoid(25)); },
            "Forward" => () => { using var s = NewDisposeScope(); network.Forward(x, options); },
            "MembraneLoss" => () => { using var s = NewDisposeScope(); SnnTraining.MembraneLoss(network.Forward(x, options).Mem2, labels); },
            "SpikeLosses" => () => { using var s = NewDisposeScope(); SnnTraining.SpikeLosses(network.Forward(x, options).Spk2, labels); },
            "Gradients" => () => { using var s = NewDisposeScope(); SnnTraining.Gradients(network, x, labels, options); },
            "AdamStep" => () => { using var s = NewDisposeScope(); adam.Step(network, SnnTraining.Gradients(network, x, labels, options)); },
            "Train" => () => SnnTraining.Train(network, x, labels, options, 3, 1e-3),
            "InitializeDispose" => () => SpikingNetwork.Initialize(20, 8, 3, 1).Dispose(),
            _ => throw new ArgumentException(method),
        };

        call();
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        call();
        call();
        DisposeScopeManager.Statistics.ThreadTotalLiveCount.Should().Be(before, $"{method} leaves no live tensors");
    }

    [Fact]
    public void ATrainingLoopOverManyBatchesLeavesNoTensorPerBatch()
    {
        // The experiments' loop: per batch a scope, Gradients, Adam.Step; the count after 2 batches equals the count after 12.
        var options = SnnOptions.Default with { Steps = 5 };
        using var network = SpikingNetwork.Initialize(20, 8, 3, 7);
        using var generator = new Generator(5);
        using var x = rand([40, 20], generator: generator) * 4;
        using var labels = randint(0, 3, [40], generator: generator);
        using var adam = new SnnAdam(1e-3);
        void Batch(int b)
        {
            using var scope = NewDisposeScope();
            var idx = arange(b % 8 * 5, (b % 8 * 5) + 5);
            adam.Step(network, SnnTraining.Gradients(network, x.index_select(0, idx), labels.index_select(0, idx), options));
        }

        Batch(0);
        Batch(1);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (var b = 2; b < 12; b++)
        {
            Batch(b);
        }

        DisposeScopeManager.Statistics.ThreadTotalLiveCount.Should().Be(before, "a training loop over many batches keeps only the weights and Adam's m and v alive");
        adam.StepCount.Should().Be(12);
    }
}
