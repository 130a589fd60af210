using static TorchSharp.torch;

namespace NeuroExercises.Week04.SpikingNetworks;

/// <summary>A whole simulation: membranes and spikes, time-major.</summary>
/// <param name="Mem">U_t for t = 0 … T−1, [T, …].</param>
/// <param name="Spk">S_t, [T, …].</param>
public sealed record LifTrace(Tensor Mem, Tensor Spk);
