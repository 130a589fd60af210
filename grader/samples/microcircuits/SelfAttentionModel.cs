using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NeuroExercises.Week03.Microcircuits;

/// <summary>
/// The course's one-head SelfAttention(T = 17, d = 2) for the sparse-AND task: E = tokenizer[X] + positioner,
/// Q = E W_qᵀ, K = E W_kᵀ, V = E W_vᵀ, logits = Q Kᵀ·d^{−1/2}, scores = softmax over keys, attention = scores·V,
/// ŷ = σ(attention·linearᵀ). Parameters are named as PyTorch's state dict: tokenizer.weight, positioner, Wq.weight,
/// Wk.weight, Wv.weight, linear.weight (65 in all).
/// </summary>
public sealed class SelfAttentionModel : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // names follow the PyTorch state-dict keys
    private readonly Embedding tokenizer;
    private readonly Parameter positioner;
    private readonly Linear Wq;
    private readonly Linear Wk;
    private readonly Linear Wv;
    private readonly Linear linear;
#pragma warning restore IDE1006

    /// <summary>Creates the model with every parameter drawn N(0, 0.001²), as the course does.</summary>
    /// <param name="length">T, the tokens per sequence (17).</param>
    /// <param name="dim">d, the embedding size (2).</param>
    public SelfAttentionModel(int length = 17, int dim = 2) : base(nameof(SelfAttentionModel))
    {
        Dim = dim;
        tokenizer = nn.Embedding(2, dim);
        positioner = new Parameter(rand(1, length, dim));
        Wq = nn.Linear(dim, dim, hasBias: false);
        Wk = nn.Linear(dim, dim, hasBias: false);
        Wv = nn.Linear(dim, 1, hasBias: false);
        linear = nn.Linear(length, 1, hasBias: false);
        using (no_grad())
        {
            foreach (var p in new[] { linear.weight!, tokenizer.weight!, positioner, Wq.weight!, Wk.weight!, Wv.weight! })
            {
                p.normal_(0, 0.001);
            }
        }

        RegisterComponents();
    }

    /// <summary>d, the embedding size.</summary>
    public int Dim { get; }

    /// <summary>ŷ = σ(attention·linearᵀ) [B, 1] (see <see cref="Pass"/>).</summary>
    /// <param name="x">X [B, T], tokens 0/1 (int64).</param>
    /// <returns>ŷ [B, 1].</returns>
    public override Tensor forward(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var pass = Pass(x);
        return pass.Output;
    }

    /// <summary>
    /// Every intermediate: E = tokenizer[X] + positioner [B, T, d]; Q = E W_qᵀ, K = E W_kᵀ [B, T, d]; V = E W_vᵀ [B, T, 1];
    /// logits = Q Kᵀ·d^{−1/2}; scores = softmax over the last axis (keys); attention = (scores·V) squeezed [B, T];
    /// ŷ = σ(attention·linearᵀ) [B, 1].
    /// </summary>
    /// <remarks>
    /// Graded by <c>microcircuits/SelfAttentionModelChecks.Forward</c>: <c>sat_rand_logits</c>, <c>sat_rand_scores</c>,
    /// <c>sat_rand_attention</c>, <c>sat_rand_out</c> with randn weights (1e-6 of max |golden|).
    /// </remarks>
    /// <param name="x">X [B, T], tokens 0/1 (int64).</param>
    /// <returns>The intermediates, new tensors.</returns>
    public SelfAttentionModelPass Pass(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var scope = NewDisposeScope();
        // Q, K, V = (tokenizer[X] + positioner)·[W_q; W_k; W_v]ᵀ are linear in E, so project the two token embeddings and the T
        // positions first ([2, 2d + 1] and [1, T, 2d + 1]) and gather: the same values to float rounding, without the
        // [B·T, d] × [d, 2d + 1] product and its two backward GEMMs.
        var w = cat([Wq.weight!, Wk.weight!, Wv.weight!]);
        var tokens = nn.functional.linear(tokenizer.weight!, w);
        var positions = nn.functional.linear(positioner, w);
        var index = x.to(ScalarType.Int64);
        var qkv = (tokens.index_select(0, index.flatten()).view(index.shape[0], index.shape[1], -1) + positions).split([Dim, Dim, 1], -1);
        var (q, k, v) = (qkv[0], qkv[1], qkv[2]);
        var logits = q.matmul(k.transpose(1, 2)).div_(Math.Sqrt(Dim));
        var scores = logits.softmax(-1);
        var attention = scores.matmul(v).squeeze(-1);
        var output = linear.call(attention).sigmoid();
        return new SelfAttentionModelPass(
            logits.MoveToOuterDisposeScope(), scores.MoveToOuterDisposeScope(), attention.MoveToOuterDisposeScope(), output.MoveToOuterDisposeScope());
    }
}
