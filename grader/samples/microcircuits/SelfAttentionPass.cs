using static TorchSharp.torch;

namespace NeuroExercises.Week03.Microcircuits;

/// <summary>Every intermediate of one scaled dot-product self-attention.</summary>
/// <param name="Queries">Q = x W_qᵀ [n, d_k].</param>
/// <param name="Keys">K = x W_kᵀ [n, d_k].</param>
/// <param name="Values">V = x W_vᵀ [n, d_v].</param>
/// <param name="Scores">S = Q Kᵀ / √d_k [n, n] (row: query, column: key).</param>
/// <param name="Weights">softmax(S) over each row (over the keys) [n, n].</param>
/// <param name="Output">A = softmax(S) V [n, d_v].</param>
public sealed record SelfAttentionPass(Tensor Queries, Tensor Keys, Tensor Values, Tensor Scores, Tensor Weights, Tensor Output);
