using static TorchSharp.torch;

namespace NeuroExercises.Week02.BurstCreditAssignment;

/// <summary>The top-down pass of BurstCCN for one output burst probability (with or without teaching).</summary>
/// <param name="Apical">A_h [N, n_h], h = 0 … L−1 (golden <c>apical{h}</c> / <c>apical{h}_noteach</c>).</param>
/// <param name="BurstProbability">P_l [N, n_l], l = 0 … L (<c>burstprob{l}</c>); the output's is the given P_L broadcast to [N, n_L] (a new tensor,
/// also when a 0-d p̄ was given).</param>
/// <param name="Burst">B_l = P_l ⊙ E_l [N, n_l], l = 0 … L (<c>burst{l}</c>).</param>
public sealed record BurstCcnPass(IReadOnlyList<Tensor> Apical, IReadOnlyList<Tensor> BurstProbability, IReadOnlyList<Tensor> Burst);
