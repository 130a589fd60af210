using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro;

/// <summary>The tilt CNN's layers for a batch (no gradients).</summary>
/// <param name="Conv">The convolution's output before the ReLU [B, 6, 48, 64].</param>
/// <param name="Pool">After ReLU and 8 × 8 max-pooling [B, 6, 6, 8].</param>
/// <param name="Fc">The fc layer before its ReLU [B, 10].</param>
/// <param name="OutPre">The output before the sigmoid [B, 1].</param>
/// <param name="Out">p = σ(OutPre) [B, 1].</param>
public sealed record TiltCnnActivations(Tensor Conv, Tensor Pool, Tensor Fc, Tensor OutPre, Tensor Out);
