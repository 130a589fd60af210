using static TorchSharp.torch;

namespace NeuroExercises.Week03.Microcircuits;

/// <summary>A sparse code found by orthogonal matching pursuit.</summary>
/// <param name="Coefficients">γ [n_atoms] (float64): the least-squares weights at the active atoms, 0 elsewhere.</param>
/// <param name="Intercept">ȳ − x̄·γ.</param>
/// <param name="Order">The active atoms in selection order (at most k).</param>
public sealed record OmpResult(Tensor Coefficients, double Intercept, IReadOnlyList<long> Order);
