using static TorchSharp.torch;

namespace NeuroExercises.Week03.Microcircuits;

/// <summary>Every intermediate of <see cref="SelfAttentionModel"/> on a batch.</summary>
/// <param name="Logits">Q Kᵀ·d^{−1/2} [B, T, T].</param>
/// <param name="Scores">softmax of the logits over the last axis (over keys s for each query t) [B, T, T].</param>
/// <param name="Attention">scores·V, squeezed [B, T].</param>
/// <param name="Output">ŷ = σ(attention·linearᵀ) [B, 1].</param>
public sealed record SelfAttentionModelPass(Tensor Logits, Tensor Scores, Tensor Attention, Tensor Output);
