using static TorchSharp.torch;

namespace NeuroExercises.Week06.LearningRules;

/// <summary>One Kolen–Pollack step: the forward weights' Δ (added, W ← W + η Δ) and the feedback weights' update.</summary>
/// <param name="DeltaWh">ΔW_h [N, 785]: feedback alignment's, with B as it was before this step.</param>
/// <param name="DeltaWy">ΔW_y = D − λ W_y [10, N + 1], D = δ_y h̃ᵀ.</param>
/// <param name="DeltaB">ΔB = D[:, :N]ᵀ − λ B [N, 10].</param>
/// <param name="BAfter">B + η_back ΔB [N, 10] (a new tensor; the argument B is not changed).</param>
public sealed record KolenPollackUpdate(Tensor DeltaWh, Tensor DeltaWy, Tensor DeltaB, Tensor BAfter);
