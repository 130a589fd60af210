using static TorchSharp.torch;

namespace NeuroExercises.Week04.SpikingNetworks;

/// <summary>One LIF step's results (every tensor the shape of the input current).</summary>
/// <param name="Mem">U_t, the membrane before its own reset (it can exceed θ).</param>
/// <param name="Spk">S_t = H(U_t − θ), 0 or 1.</param>
/// <param name="Reset">R_t = H(U_{t−1} − θ), the reset applied in this step (detached).</param>
public sealed record LifState(Tensor Mem, Tensor Spk, Tensor Reset);
