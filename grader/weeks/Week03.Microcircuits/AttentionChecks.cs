using static TorchSharp.torch;

namespace NeuroExercises.Week03.Microcircuits.Checks;

/// <summary>Checks of <see cref="Attention"/> on attention.npz. Tolerance: 1e-6 × max |golden| for every array.</summary>
[WeekChecks(CheckKit.Week)]
public static class AttentionChecks
{
    /// <summary>softmax(β·s) of the 4 × 9 scores for β = 0 … 1000.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>sm_out [7, 4, 9].</returns>
    [Check(1, Description = "Attention.SoftmaxWithGain: softmax(β·s) over the last axis for β = 0, 0.5, 1, 2, 10, 100, 1000", Visibility = Visibility.Visible, Atol = 1e-6, TimeLimitSeconds = 20)]
    public static IReadOnlyDictionary<string, Tensor> SoftmaxWithGain(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var a = ctx.LoadInputs(CheckKit.Attention);
        return CheckKit.Results(("sm_out", stack([.. CheckKit.Doubles(a["sm_betas"]).Select(b => Attention.SoftmaxWithGain(a["sm_scores"], b))])));
    }

    /// <summary>Rows sum to 1; β = 0 is uniform; a large β gives the one-hot argmax (on 5 × 6 random scores).</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>row_sums [5], uniform [5, 6], hard [5, 6].</returns>
    [Check(1, Description = "Attention.SoftmaxWithGain properties: rows sum to 1, β = 0 is uniform, β = 10⁴ is the one-hot argmax", Visibility = Visibility.Hidden, Atol = 1e-6, TimeLimitSeconds = 20)]
    public static IReadOnlyDictionary<string, Tensor> SoftmaxProperties(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var s = randn(5, 6, generator: new Generator(33));
        return CheckKit.Results(
            ("row_sums", Attention.SoftmaxWithGain(s, 3).sum(1)),
            ("uniform", Attention.SoftmaxWithGain(s, 0)),
            ("hard", Attention.SoftmaxWithGain(s, 1e4)));
    }

    /// <summary>w = softmax(z₁q₁ + z₂q₂) and y = w·x for the seven gain pairs.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>att_w [7, 20], att_y [7].</returns>
    [Check(2, Description = "Attention.GainedAttention: w = softmax(z₁q₁ + z₂q₂) over positions and y = w·x, for seven gain pairs (zero gain: uniform)", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("att_w", 1.17e-07)] // 1e-06 × max|attention:att_w| = 1e-06 × 0.1167
    [Tolerance("att_y", 2.74e-07)] // 1e-06 × 0.2736
    public static IReadOnlyDictionary<string, Tensor> GainedAttention(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var a = ctx.LoadInputs(CheckKit.Attention);
        var gains = a["att_gains"];
        var results = Enumerable.Range(0, (int)gains.shape[0])
            .Select(i => Attention.GainedAttention(a["att_x"], a["att_q1"], a["att_q2"], gains[i, 0].item<float>(), gains[i, 1].item<float>()))
            .ToArray();
        return CheckKit.Results(("att_w", stack([.. results.Select(r => r.Weights)])), ("att_y", stack([.. results.Select(r => r.Value)])));
    }

    /// <summary>PE for (T, d) = (7, 5), (8, 4), (17, 2), (11, 3).</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>pe_T{T}_d{d}.</returns>
    [Check(2, Description = "Attention.PositionalEncoding: interleaved sin/cos with ω_k = exp(2k·(−ln 10000)/d_e), d_e the even-rounded d (odd d included)", Visibility = Visibility.Visible, Atol = 1e-6, TimeLimitSeconds = 20)]
    public static IReadOnlyDictionary<string, Tensor> PositionalEncoding(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        return CheckKit.Results([.. new[] { (7, 5), (8, 4), (17, 2), (11, 3) }.Select(p => ($"pe_T{p.Item1}_d{p.Item2}", Attention.PositionalEncoding(p.Item1, p.Item2)))]);
    }

    /// <summary>Self-attention of x + PE(7, 5) (PE added by the check) with the goldens' weights.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>sdpa_Q, sdpa_K [7, 3], sdpa_V [7, 5], sdpa_S, sdpa_S_softmax [7, 7], sdpa_A [7, 5].</returns>
    [Check(3, Description = "Attention.SelfAttention: Q, K, V, S = QKᵀ/√d_k (d_k = 3, not d_model), softmax over the keys, A = softmax(S)·V", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("sdpa_Q", 1.09e-06)] // 1e-06 × 1.093
    [Tolerance("sdpa_K", 1.1e-06)] // 1e-06 × 1.102
    [Tolerance("sdpa_V", 1.48e-06)] // 1e-06 × 1.479
    [Tolerance("sdpa_S", 8.07e-07)] // 1e-06 × 0.8074
    [Tolerance("sdpa_S_softmax", 2.01e-07)] // 1e-06 × 0.2014
    [Tolerance("sdpa_A", 8.79e-07)] // 1e-06 × 0.8792
    public static IReadOnlyDictionary<string, Tensor> SelfAttention(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var a = ctx.LoadInputs(CheckKit.Attention);
        var pass = Attention.SelfAttention(ctx.LoadInputs(CheckKit.Arguments)["sdpa_x_pe"], a["sdpa_Wq"], a["sdpa_Wk"], a["sdpa_Wv"]);
        return CheckKit.Results(
            ("sdpa_Q", pass.Queries), ("sdpa_K", pass.Keys), ("sdpa_V", pass.Values),
            ("sdpa_S", pass.Scores), ("sdpa_S_softmax", pass.Weights), ("sdpa_A", pass.Output));
    }

    /// <summary>With W_k = 0 every key is identical: each row of A is the mean of V over the tokens.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>sdpa_A_zero_keys [7, 5].</returns>
    [Check(1, Description = "Attention.SelfAttention over identical keys (W_k = 0) averages the values", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("sdpa_A_zero_keys", 7.92e-07)] // 1e-06 × 0.7918
    public static IReadOnlyDictionary<string, Tensor> IdenticalKeys(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var a = ctx.LoadInputs(CheckKit.Attention);
        var pass = Attention.SelfAttention(ctx.LoadInputs(CheckKit.Arguments)["sdpa_x_pe"], a["sdpa_Wq"], zeros_like(a["sdpa_Wk"]), a["sdpa_Wv"]);
        return CheckKit.Results(("sdpa_A_zero_keys", pass.Output));
    }

    /// <summary>The course solution's multi-head helper on the goldens' Q, K, V [2, 2, 4, 3].</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>legacy_S [2, 2, 4, 4], legacy_A [2, 2, 4, 3].</returns>
    [Check(1, Description = "Attention.MultiHeadHelper: the course solution's scores over the last axis scaled by √d of the axis not contracted, softmax over the keys, times V", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("legacy_S", 2.44e-06)] // 1e-06 × 2.440
    [Tolerance("legacy_A", 1.32e-06)] // 1e-06 × 1.319
    public static IReadOnlyDictionary<string, Tensor> MultiHeadHelper(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var a = ctx.LoadInputs(CheckKit.Attention);
        var (scores, output) = Attention.MultiHeadHelper(a["legacy_Q"], a["legacy_K"], a["legacy_V"]);
        return CheckKit.Results(("legacy_S", scores), ("legacy_A", output));
    }
}
