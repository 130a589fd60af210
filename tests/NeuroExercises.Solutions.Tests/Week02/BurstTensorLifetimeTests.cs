using FluentAssertions;
using NeuroExercises.Week02.BurstCreditAssignment;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroExercises.Solutions.Tests.Week02;

/// <summary>The week-2 methods leave no tensor behind besides what they return (disposed here by the caller's scope).</summary>
public sealed class BurstTensorLifetimeTests
{
    public static TheoryData<string> Methods => new() { "EventRates", "BurstCcnStep", "BurstpropStep", "Backprop", "FeedbackAlignment", "Cosine", "Clone" };

    [Theory]
    [MemberData(nameof(Methods))]
    public void LeavesNoLiveTensorsBehind(string method)
    {
        using var ccn = BurstGoldens.Network(BurstGoldens.Ccn);
        using var prop = BurstGoldens.Network(BurstGoldens.Prop);
        using var x = BurstGoldens.Tensor(BurstGoldens.Ccn, "x");
        using var t = BurstGoldens.Tensor(BurstGoldens.Ccn, "t");
        Action call = method switch
        {
            "EventRates" => () => { using var s = NewDisposeScope(); Feedforward.EventRates(ccn, x); },
            "BurstCcnStep" => () => { using var s = NewDisposeScope(); BurstCcn.Step(ccn, x, t, BurstGoldens.CcnOptions()); },
            "BurstpropStep" => () => { using var s = NewDisposeScope(); Burstprop.Step(prop, x, t, BurstGoldens.PropOptions()); },
            "Backprop" => () => { using var s = NewDisposeScope(); Gradients.Backprop(ccn, x, t); },
            "FeedbackAlignment" => () => { using var s = NewDisposeScope(); Gradients.FeedbackAlignment(ccn, x, t); },
            "Cosine" => () => Gradients.Cosine(x, x),
            "Clone" => () => ccn.Clone().Dispose(),
            _ => throw new ArgumentException(method),
        };

        call();
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        call();
        call();
        DisposeScopeManager.Statistics.ThreadTotalLiveCount.Should().Be(before, $"{method} leaves no live tensors");
    }
}
