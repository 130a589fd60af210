using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro;

/// <summary>The encoding model's loss and its parts (0-d tensors; <see cref="Total"/> is differentiable).</summary>
/// <param name="Total">MSE + L2 term + L1 term.</param>
/// <param name="Mse">mean over stimuli and neurons of (ŷ − y)².</param>
/// <param name="L2Term">λ₂ Σ W_out².</param>
/// <param name="L1Term">λ₁ Σ |W_out|.</param>
public sealed record EncodingLoss(Tensor Total, Tensor Mse, Tensor L2Term, Tensor L1Term);
