using static TorchSharp.torch;

namespace NeuroExercises.Week06.LearningRules;

/// <summary>One update of the network's weights, to be ADDED: W ← W + η Δ (a descent direction, not a gradient).</summary>
/// <param name="DeltaWh">ΔW_h [N, 785] (bias last column).</param>
/// <param name="DeltaWy">ΔW_y [10, N + 1] (bias last column).</param>
public sealed record WeightUpdate(Tensor DeltaWh, Tensor DeltaWy);
