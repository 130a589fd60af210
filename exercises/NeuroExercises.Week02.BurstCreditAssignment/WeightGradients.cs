using static TorchSharp.torch;

namespace NeuroExercises.Week02.BurstCreditAssignment;

/// <summary>∂loss/∂W_l and ∂loss/∂b_l of every layer (exact for backprop; with Y in place of Wᵀ for feedback alignment).</summary>
/// <param name="W">∂loss/∂W_l [n_l, n_{l−1}], l = 0 … L.</param>
/// <param name="Bias">∂loss/∂b_l [n_l], l = 0 … L.</param>
public sealed record WeightGradients(IReadOnlyList<Tensor> W, IReadOnlyList<Tensor> Bias);
