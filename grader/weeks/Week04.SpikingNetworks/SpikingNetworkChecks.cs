using NeuroExercises.Week04.SpikingNetworks;
using static TorchSharp.torch;

namespace NeuroExercises.Week04.SpikingNetworks.Checks;

/// <summary>Checks of <see cref="SpikingNetwork"/>: the 784 → 32 → 10 network of snn_net.npz unrolled over T = 25 steps.</summary>
[WeekChecks(CheckKit.Week)]
public static class SpikingNetworkChecks
{
    /// <summary>The forward pass on test images 0–7 (spikes exact, membranes 2e-5 / 2e-6 abs).</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>spk1, mem1, spk2, mem2 [25, 8, ·], spike_count [8, 10].</returns>
    [Check(2, Description = "SpikingNetwork.Forward: C1 = x W1ᵀ + b1 every step, two LIF layers by subtraction (reset delayed), C2_t = S¹_t W2ᵀ + b2", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 30,
        Hint = "The same current C1 enters every step; layer 2 is driven by this step's hidden spikes; both membranes start at 0.")]
    [Tolerance("mem1", 2e-5)]
    [Tolerance("mem2", 2e-6)]
    public static IReadOnlyDictionary<string, Tensor> Forward(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var net = ctx.LoadInputs(CheckKit.Net);
        using var network = CheckKit.Network(net);
        var recording = network.Forward(net["x"], CheckKit.NetOptions(net, SurrogateGradient.Atan(2)));
        return CheckKit.Results(
            ("spk1", recording.Spk1), ("mem1", recording.Mem1), ("spk2", recording.Spk2), ("mem2", recording.Mem2),
            ("spike_count", recording.Spk2.sum(dim: 0)));
    }
}
