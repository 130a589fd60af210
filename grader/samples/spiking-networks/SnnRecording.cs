using static TorchSharp.torch;

namespace NeuroExercises.Week04.SpikingNetworks;

/// <summary>A forward pass of the two-layer spiking network, time-major.</summary>
/// <param name="Spk1">Hidden spikes S¹ [T, N, H].</param>
/// <param name="Mem1">Hidden membranes U¹ [T, N, H].</param>
/// <param name="Spk2">Output spikes S² [T, N, C].</param>
/// <param name="Mem2">Output membranes U² [T, N, C].</param>
public sealed record SnnRecording(Tensor Spk1, Tensor Mem1, Tensor Spk2, Tensor Mem2)
{
    /// <summary>The output spike count Σ_t S²_t [N, C].</summary>
    public Tensor SpikeCount => Spk2.sum(dim: 0);
}
