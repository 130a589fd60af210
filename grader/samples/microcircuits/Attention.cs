using static TorchSharp.torch;

namespace NeuroExercises.Week03.Microcircuits;

/// <summary>Tutorial 3: softmax with gain, gained attention, positional encoding and self-attention from matrix products.</summary>
public static class Attention
{
    /// <summary>Softmax with gain β along the last axis: softmax(β·s)_i = exp(β s_i) / Σ_j exp(β s_j) (each row sums to 1).</summary>
    /// <remarks>
    /// Graded by <c>microcircuits/AttentionChecks.SoftmaxWithGain</c> (<c>sm_out</c> for β = 0 … 1000; 1e-6 of max |golden|)
    /// and <c>microcircuits/AttentionChecks.SoftmaxProperties</c> (hidden: rows sum to 1, β = 0 is uniform, a large β
    /// tends to the argmax).
    /// </remarks>
    /// <param name="scores">s [..., n].</param>
    /// <param name="beta">β ≥ 0.</param>
    /// <returns>The shape of <paramref name="scores"/>.</returns>
    public static Tensor SoftmaxWithGain(Tensor scores, double beta)
    {
        ArgumentNullException.ThrowIfNull(scores);
        using var scope = NewDisposeScope();
        return (scores * beta).softmax(-1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Gained dot-product attention over positions: w = softmax(z₁q₁ + z₂q₂) over the n positions, and the attended
    /// value y = w·x.
    /// </summary>
    /// <remarks>
    /// Graded by <c>microcircuits/AttentionChecks.GainedAttention</c>: <c>att_w</c> [7, 20] and <c>att_y</c> [7] for every
    /// gain pair (1e-6 of max |golden|); zero gain gives 1/n everywhere.
    /// </remarks>
    /// <param name="x">The values x [n].</param>
    /// <param name="q1">The first query q₁ [n].</param>
    /// <param name="q2">The second query q₂ [n].</param>
    /// <param name="z1">The gain z₁ of q₁.</param>
    /// <param name="z2">The gain z₂ of q₂.</param>
    /// <returns>The weights w [n] and y (0-d).</returns>
    public static (Tensor Weights, Tensor Value) GainedAttention(Tensor x, Tensor q1, Tensor q2, double z1, double z2)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(q1);
        ArgumentNullException.ThrowIfNull(q2);
        using var scope = NewDisposeScope();
        var w = ((q1 * z1) + (q2 * z2)).softmax(-1);
        var y = w.dot(x);
        return (w.MoveToOuterDisposeScope(), y.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Sinusoidal positional encoding [T, d], interleaved: with d_e = d + (d mod 2) and
    /// ω_k = exp(2k·(−ln 10000)/d_e), k = 0 … d_e/2 − 1: PE[t, 2k] = sin(t·ω_k), PE[t, 2k + 1] = cos(t·ω_k); keep the first
    /// d columns. For odd d the exponent divides by d_e, not by d.
    /// </summary>
    /// <remarks>
    /// Graded by <c>microcircuits/AttentionChecks.PositionalEncoding</c>: <c>pe_T7_d5</c>, <c>pe_T8_d4</c>,
    /// <c>pe_T17_d2</c>, <c>pe_T11_d3</c> (1e-6 of max |golden|).
    /// </remarks>
    /// <param name="length">T.</param>
    /// <param name="dim">d.</param>
    /// <returns>PE [T, d], float32.</returns>
    public static Tensor PositionalEncoding(long length, long dim)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dim, 1);
        using var scope = NewDisposeScope();
        var even = dim + (dim % 2);
        var position = arange(length, dtype: ScalarType.Float32).unsqueeze(1);
        var omega = (arange(0, even, 2, dtype: ScalarType.Float32) * (-Math.Log(10000.0) / even)).exp();
        var angle = position * omega;
        var pe = stack([angle.sin(), angle.cos()], 2).reshape(length, even);
        return pe.narrow(1, 0, dim).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Scaled dot-product self-attention written out from matrix products (no library attention call): Q = x W_qᵀ,
    /// K = x W_kᵀ, V = x W_vᵀ, S = Q Kᵀ / √d_k (d_k = the rows of W_q), weights = softmax over each row of S (over the
    /// keys), A = weights·V.
    /// </summary>
    /// <remarks>
    /// Graded by <c>microcircuits/AttentionChecks.SelfAttention</c> (<c>sdpa_Q</c>, <c>sdpa_K</c>, <c>sdpa_V</c>,
    /// <c>sdpa_S</c>, <c>sdpa_S_softmax</c>, <c>sdpa_A</c> on x + PE(7, 5); 1e-6 of max |golden|) and
    /// <c>microcircuits/AttentionChecks.IdenticalKeys</c> (hidden: <c>sdpa_A_zero_keys</c>, W_k = 0 averages V).
    /// </remarks>
    /// <param name="x">Tokens x [n, d_model] (positional encoding already added).</param>
    /// <param name="queryWeight">W_q [d_k, d_model].</param>
    /// <param name="keyWeight">W_k [d_k, d_model].</param>
    /// <param name="valueWeight">W_v [d_v, d_model].</param>
    /// <returns>Every intermediate, new tensors.</returns>
    public static SelfAttentionPass SelfAttention(Tensor x, Tensor queryWeight, Tensor keyWeight, Tensor valueWeight)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(queryWeight);
        ArgumentNullException.ThrowIfNull(keyWeight);
        ArgumentNullException.ThrowIfNull(valueWeight);
        using var scope = NewDisposeScope();
        var q = x.matmul(queryWeight.t());
        var k = x.matmul(keyWeight.t());
        var v = x.matmul(valueWeight.t());
        var s = q.matmul(k.t());
        var w = s.softmax(-1);
        var a = w.matmul(v);
        return new SelfAttentionPass(
            q.MoveToOuterDisposeScope(), k.MoveToOuterDisposeScope(), v.MoveToOuterDisposeScope(),
            s.MoveToOuterDisposeScope(), w.MoveToOuterDisposeScope(), a.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// The multi-head helper of the course's solution (Tutorial 3), kept with its quirk: for Q, K, V of shape [B, H, d, n]
    /// the scores contract the LAST axis, S[b, h, i, j] = Σ_n Q[b, h, i, n]·K[b, h, j, n] / √d, and are scaled by √d with
    /// d = Q.shape[2], the axis that is NOT contracted (not √n); the output is A[b, h, i, n] = Σ_j softmax_j(S)[b, h, i, j]·V[b, h, j, n]
    /// (softmax over j, the last axis of S).
    /// </summary>
    /// <remarks>
    /// Graded by <c>microcircuits/AttentionChecks.MultiHeadHelper</c> (hidden: <c>legacy_S</c> [2, 2, 4, 4] and
    /// <c>legacy_A</c> [2, 2, 4, 3] of attention.npz for its Q, K, V [2, 2, 4, 3]; 1e-6 of max |golden|).
    /// </remarks>
    /// <param name="q">Q [B, H, d, n].</param>
    /// <param name="k">K [B, H, d, n].</param>
    /// <param name="v">V [B, H, d, n].</param>
    /// <returns>S [B, H, d, d] (before the softmax) and A [B, H, d, n], new tensors.</returns>
    public static (Tensor Scores, Tensor Output) MultiHeadHelper(Tensor q, Tensor k, Tensor v)
    {
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(k);
        ArgumentNullException.ThrowIfNull(v);
        if (q.dim() != 4 || !q.shape.SequenceEqual(k.shape) || !q.shape.SequenceEqual(v.shape))
        {
            throw new ArgumentException($"Attention.MultiHeadHelper: Q, K and V must share one [B, H, d, n] shape; got [{string.Join(", ", q.shape)}], [{string.Join(", ", k.shape)}], [{string.Join(", ", v.shape)}].", nameof(q));
        }

        using var scope = NewDisposeScope();
        var scores = q.matmul(k.transpose(-1, -2)).div_(Math.Sqrt(q.shape[2]));
        var output = scores.softmax(-1).matmul(v);
        return (scores.MoveToOuterDisposeScope(), output.MoveToOuterDisposeScope());
    }
}
