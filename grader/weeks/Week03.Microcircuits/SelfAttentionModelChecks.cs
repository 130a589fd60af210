using static TorchSharp.torch;

namespace NeuroExercises.Week03.Microcircuits.Checks;

/// <summary>Checks of <see cref="SelfAttentionModel"/> with randn weights (sat_rand_* of models.npz). Tolerance 1e-6 × max |golden|.</summary>
[WeekChecks(CheckKit.Week)]
public static class SelfAttentionModelChecks
{
    /// <summary>Every intermediate for the first 4 validation rows.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>sat_rand_logits, sat_rand_scores [4, 17, 17], sat_rand_attention [4, 17], sat_rand_out [4, 1].</returns>
    [Check(3, Description = "SelfAttentionModel.Pass: E = tokenizer[X] + positioner, logits = QKᵀ·d^{−1/2}, softmax over keys, attention = scores·V, σ(attention·linearᵀ)", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("sat_rand_logits", 5.91e-06)] // 1e-06 × max|models:sat_rand_logits| = 1e-06 × 5.914
    [Tolerance("sat_rand_scores", 9.19e-07)] // 1e-06 × 0.9193
    [Tolerance("sat_rand_attention", 4.09e-06)] // 1e-06 × 4.089
    [Tolerance("sat_rand_out", 1e-06)] // 1e-06 × 1.0
    public static IReadOnlyDictionary<string, Tensor> Forward(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var m = ctx.LoadInputs(CheckKit.Models);
        var x = ctx.LoadInputs(CheckKit.SparseAnd)["sparse_X_valid"].narrow(0, 0, 4);
        using var model = new SelfAttentionModel();
        model.load_state_dict(CheckKit.State(m, "sat_rand", CheckKit.SatKeys));
        var pass = model.Pass(x);
        return CheckKit.Results(
            ("sat_rand_logits", pass.Logits), ("sat_rand_scores", pass.Scores),
            ("sat_rand_attention", pass.Attention), ("sat_rand_out", pass.Output));
    }
}
