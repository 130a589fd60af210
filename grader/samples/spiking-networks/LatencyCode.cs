using static TorchSharp.torch;

namespace NeuroExercises.Week04.SpikingNetworks;

/// <summary>A latency code: each input's firing time, its spike step and the spike train.</summary>
/// <param name="Time">t, the continuous firing time (the shape of the input).</param>
/// <param name="Step">The spike's step (int64), −1 = no spike.</param>
/// <param name="Spikes">[T, …] with one 1 at <paramref name="Step"/> where it is ≥ 0.</param>
public sealed record LatencyCode(Tensor Time, Tensor Step, Tensor Spikes);
