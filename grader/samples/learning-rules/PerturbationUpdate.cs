using static TorchSharp.torch;

namespace NeuroExercises.Week06.LearningRules;

/// <summary>One weight-perturbation step: the Δ to add and the two batch-mean losses it came from (0-d each).</summary>
/// <param name="DeltaWh">ΔW_h = ΔL ψ_h / σ² [N, 785].</param>
/// <param name="DeltaWy">ΔW_y = ΔL ψ_y / σ² [10, N + 1].</param>
/// <param name="LossNow">L(W_h, W_y), 0-d.</param>
/// <param name="LossPerturbed">L(W_h + ψ_h, W_y + ψ_y), 0-d.</param>
/// <param name="DeltaLoss">ΔL = L_now − L_per, 0-d (positive when the perturbation helped).</param>
public sealed record PerturbationUpdate(Tensor DeltaWh, Tensor DeltaWy, Tensor LossNow, Tensor LossPerturbed, Tensor DeltaLoss);
