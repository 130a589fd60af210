using static TorchSharp.torch;

namespace NeuroExercises.Week02.BurstCreditAssignment;

/// <summary>The top-down pass of Burstprop for one output burst probability (with or without teaching).</summary>
/// <param name="Feedback">F_h = B_{h+1} Y_h [N, n_h], h = 0 … L−1 (golden <c>feedback{h}</c> / <c>feedback{h}_noteach</c>).</param>
/// <param name="RecurrentInput">B^pre_h = σ(F_h) ⊙ E_h of the pass without teaching [N, n_h] (<c>burst_pre{h}</c>).</param>
/// <param name="Apical">U_h [N, n_h] (<c>apical{h}</c> / <c>apical{h}_noteach</c>).</param>
/// <param name="BurstProbability">P_l [N, n_l], l = 0 … L (<c>burstprob{l}</c>); the output's is the given P_L broadcast to [N, n_L] (a new tensor,
/// also when a 0-d p̄ was given).</param>
/// <param name="Burst">B_l = P_l ⊙ E_l [N, n_l], l = 0 … L (<c>burst{l}</c>).</param>
public sealed record BurstpropPass(
    IReadOnlyList<Tensor> Feedback,
    IReadOnlyList<Tensor> RecurrentInput,
    IReadOnlyList<Tensor> Apical,
    IReadOnlyList<Tensor> BurstProbability,
    IReadOnlyList<Tensor> Burst);
