using static TorchSharp.torch;

namespace NeuroExercises.Week04.SpikingNetworks;

/// <summary>The response of LIF neurons to constant currents, one entry per current.</summary>
/// <param name="Count">Σ_t S_t (float32).</param>
/// <param name="Rate">Count / T (float32).</param>
/// <param name="FirstSpike">The first step with S_t = 1 (int64), −1 if none.</param>
/// <param name="PostResetMax">max_t (U_t − S_t θ) over the trace as returned, for every reset mechanism and delay (the formula
/// decides: it is "the largest membrane after its reset" for subtraction with the delay, the course's case) (float32).</param>
/// <param name="MemMax">max_t U_t (float32).</param>
public sealed record FiCurve(Tensor Count, Tensor Rate, Tensor FirstSpike, Tensor PostResetMax, Tensor MemMax);
