using static TorchSharp.torch;

namespace NeuroExercises.Week06.LearningRules;

/// <summary>One node-perturbation step: the Δ to add, the noisy activities and the per-sample losses.</summary>
/// <param name="DeltaWh">ΔW_h [N, 785].</param>
/// <param name="DeltaWy">ΔW_y [10, N + 1].</param>
/// <param name="HiddenPerturbed">h_p = σ(W_h x̃) + ξ_h [N, m].</param>
/// <param name="OutputPerturbed">y_p = σ(W_y [h_p; 1]) + ξ_y [10, m].</param>
/// <param name="LossNow">ℓ_b(y) [m].</param>
/// <param name="LossPerturbed">ℓ_b(y_p) [m].</param>
/// <param name="DeltaLoss">Δℓ_b = ℓ_b(y) − ℓ_b(y_p) [m].</param>
public sealed record NodePerturbationUpdate(Tensor DeltaWh, Tensor DeltaWy, Tensor HiddenPerturbed, Tensor OutputPerturbed, Tensor LossNow, Tensor LossPerturbed, Tensor DeltaLoss);
