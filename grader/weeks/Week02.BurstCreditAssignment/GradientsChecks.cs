using NeuroExercises.Week02.BurstCreditAssignment;
using static TorchSharp.torch;

namespace NeuroExercises.Week02.BurstCreditAssignment.Checks;

/// <summary>
/// Checks of <see cref="Gradients"/>: backprop and feedback alignment on both goldens' networks (outputs <c>ccn_…</c>,
/// <c>bp_…</c>), the cosine, and the cosines between the burst rules' updates and the gradients (README table
/// "Property numbers"). Tolerances: max |Δ| ≤ 1e-5 (BurstCCN), 3e-5 (Burstprop) of max |golden|; cosines absolute 1e-6,
/// cos_burst_bp_rand 2e-5.
/// </summary>
[WeekChecks(CheckKit.Week)]
public static class GradientsChecks
{
    /// <summary>∂loss/∂W_l (and ∂loss/∂b_l) of both networks; the network must stay unchanged.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>ccn_bp_grad_W0…2, ccn_bp_grad_b0…2, bp_bp_grad_W0…2, bp_bp_grad_b0…2, W0_after.</returns>
    [Check(2, Description = "Gradients.Backprop: ∂loss/∂W_l and ∂loss/∂b_l of the mean squared error over N × n_L (g_L = 2 (E_L − T) ⊙ E_L ⊙ (1 − E_L)/(N n_L))", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("ccn_bp_grad_W0", 1.38e-07)] // 1e-05 × max|burstccn:bp_grad_W0| = 1e-05 × 0.01379
    [Tolerance("ccn_bp_grad_W1", 1.99e-07)] // 1e-05 × max|burstccn:bp_grad_W1| = 1e-05 × 0.01984
    [Tolerance("ccn_bp_grad_W2", 2.18e-07)] // 1e-05 × max|burstccn:bp_grad_W2| = 1e-05 × 0.02175
    [Tolerance("ccn_bp_grad_b0", 1.38e-07)] // 1e-05 × max|burstccn:bp_grad_W0| = 1e-05 × 0.01379
    [Tolerance("ccn_bp_grad_b1", 1.99e-07)] // 1e-05 × max|burstccn:bp_grad_W1| = 1e-05 × 0.01984
    [Tolerance("ccn_bp_grad_b2", 2.18e-07)] // 1e-05 × max|burstccn:bp_grad_W2| = 1e-05 × 0.02175
    [Tolerance("bp_bp_grad_W0", 4.13e-08)] // 3e-05 × max|burstprop:bp_grad_W0| = 3e-05 × 0.001376
    [Tolerance("bp_bp_grad_W1", 1.38e-07)] // 3e-05 × max|burstprop:bp_grad_W1| = 3e-05 × 0.004598
    [Tolerance("bp_bp_grad_W2", 6.63e-07)] // 3e-05 × max|burstprop:bp_grad_W2| = 3e-05 × 0.02208
    [Tolerance("bp_bp_grad_b0", 4.13e-08)] // 3e-05 × max|burstprop:bp_grad_W0| = 3e-05 × 0.001376
    [Tolerance("bp_bp_grad_b1", 1.38e-07)] // 3e-05 × max|burstprop:bp_grad_W1| = 3e-05 × 0.004598
    [Tolerance("bp_bp_grad_b2", 6.63e-07)] // 3e-05 × max|burstprop:bp_grad_W2| = 3e-05 × 0.02208
    public static IReadOnlyDictionary<string, Tensor> Backprop(CheckContext ctx) => Rule(ctx, "bp", Gradients.Backprop);

    /// <summary>The feedback-alignment pseudo-gradients of both networks (Y_h in place of W_{h+1}ᵀ).</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>ccn_fa_grad_W0…2, ccn_fa_grad_b0…2, bp_fa_grad_W0…2, bp_fa_grad_b0…2, W0_after.</returns>
    [Check(2, Description = "Gradients.FeedbackAlignment: the backprop chain rule with the error sent down through Y_h (g_h = (g_{h+1} Y_h) ⊙ E_h ⊙ (1 − E_h))", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("ccn_fa_grad_W0", 4.92e-08)] // 1e-05 × max|burstccn:fa_grad_W0| = 1e-05 × 0.004917
    [Tolerance("ccn_fa_grad_W1", 6.84e-08)] // 1e-05 × max|burstccn:fa_grad_W1| = 1e-05 × 0.006836
    [Tolerance("ccn_fa_grad_W2", 2.18e-07)] // 1e-05 × max|burstccn:fa_grad_W2| = 1e-05 × 0.02175
    [Tolerance("ccn_fa_grad_b0", 4.92e-08)] // 1e-05 × max|burstccn:fa_grad_W0| = 1e-05 × 0.004917
    [Tolerance("ccn_fa_grad_b1", 6.84e-08)] // 1e-05 × max|burstccn:fa_grad_W1| = 1e-05 × 0.006836
    [Tolerance("ccn_fa_grad_b2", 2.18e-07)] // 1e-05 × max|burstccn:fa_grad_W2| = 1e-05 × 0.02175
    [Tolerance("bp_fa_grad_W0", 3.5e-07)] // 3e-05 × max|burstprop:fa_grad_W0| = 3e-05 × 0.01166
    [Tolerance("bp_fa_grad_W1", 3.47e-07)] // 3e-05 × max|burstprop:fa_grad_W1| = 3e-05 × 0.01154
    [Tolerance("bp_fa_grad_W2", 6.63e-07)] // 3e-05 × max|burstprop:fa_grad_W2| = 3e-05 × 0.02208
    [Tolerance("bp_fa_grad_b0", 3.5e-07)] // 3e-05 × max|burstprop:fa_grad_W0| = 3e-05 × 0.01166
    [Tolerance("bp_fa_grad_b1", 3.47e-07)] // 3e-05 × max|burstprop:fa_grad_W1| = 3e-05 × 0.01154
    [Tolerance("bp_fa_grad_b2", 6.63e-07)] // 3e-05 × max|burstprop:fa_grad_W2| = 3e-05 × 0.02208
    public static IReadOnlyDictionary<string, Tensor> FeedbackAlignment(CheckContext ctx) => Rule(ctx, "fa", Gradients.FeedbackAlignment);

    /// <summary>
    /// Cosines of fixed pairs: parallel, orthogonal, opposite, two shapes with the same number of entries, and a vector
    /// scaled by 1e-20 (its float32 squares underflow: the cosine must be computed in float64).
    /// </summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>cosines (float64 [5]).</returns>
    [Check(1, Description = "Gradients.Cosine: u·v/(|u||v|) over all entries in float64 (shapes may differ; tiny float32 vectors too)", Visibility = Visibility.Visible, Atol = 1e-9, TimeLimitSeconds = 20)]
    public static IReadOnlyDictionary<string, Tensor> Cosine(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var u = arange(20, float32, ctx.Device).mul(0.9).sin();
        var v = arange(20, float32, ctx.Device).mul(0.7).cos().reshape(4, 5);
        double[] cosines =
        [
            Gradients.Cosine(tensor(new float[] { 1, 2, 3 }, device: ctx.Device), tensor(new float[] { 2, 4, 6 }, device: ctx.Device)),
            Gradients.Cosine(tensor(new float[] { 1, 0 }, device: ctx.Device), tensor(new float[] { 0, 3 }, device: ctx.Device)),
            Gradients.Cosine(u, -u),
            Gradients.Cosine(u, v),
            Gradients.Cosine(u * 1e-20f, v),
        ];
        return CheckKit.Results(("cosines", tensor(cosines, float64)));
    }

    /// <summary>
    /// The cosines of the README's table on BurstCCN's network, through the student's BurstCcn.Step (random and
    /// symmetric feedback), Gradients.Backprop, FeedbackAlignment and Cosine; per layer 0, 1, 2 (the output's is 1).
    /// </summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>cos_burst_bp_sym, cos_burst_bp_rand, cos_fa_bp_rand, cos_burst_fa_rand (float32 [3] each).</returns>
    [Check(2, Description = "BurstCCN's alignment: cos(ΔW, −∇W) ≈ 1 with symmetric feedback, cos(ΔW, −∇W_FA) ≈ 1 with random Y, and the stored cosines to backprop", Visibility = Visibility.Visible, Atol = 1e-6, TimeLimitSeconds = 30)]
    [Tolerance("cos_burst_bp_rand", 2e-5)]
    public static IReadOnlyDictionary<string, Tensor> Cosines_BurstCcn(CheckContext ctx) =>
        Cosines(ctx, CheckKit.Ccn, a => (network, x, t) => BurstCcn.Step(network, x, t, CheckKit.CcnOptions(a)));

    /// <summary>The same cosines on Burstprop's network through the student's Burstprop.Step.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>cos_burst_bp_sym, cos_burst_bp_rand, cos_fa_bp_rand, cos_burst_fa_rand (float32 [3] each).</returns>
    [Check(2, Description = "Burstprop's alignment: cos(ΔW, −∇W) ≈ 1 with symmetric feedback, cos(ΔW, −∇W_FA) ≈ 1 with random Y, and the stored cosines to backprop", Visibility = Visibility.Hidden, Atol = 1e-6, TimeLimitSeconds = 30)]
    [Tolerance("cos_burst_bp_rand", 2e-5)]
    public static IReadOnlyDictionary<string, Tensor> Cosines_Burstprop(CheckContext ctx) =>
        Cosines(ctx, CheckKit.Bp, a => (network, x, t) => Burstprop.Step(network, x, t, CheckKit.BpOptions(a)));

    private static IReadOnlyDictionary<string, Tensor> Cosines(CheckContext ctx, string archive, Func<IReadOnlyDictionary<string, Tensor>, Func<BurstNetwork, Tensor, Tensor, NetworkUpdate>> rule)
    {
        using var scope = NewDisposeScope();
        var a = ctx.LoadInputs(archive);
        var step = rule(a);
        var (x, t) = (a["x"], a["t"]);
        using var network = CheckKit.Network(a);
        using var symmetric = network.WithSymmetricFeedback(CheckKit.PBaseline(a));
        var random = step(network, x, t);
        var sym = step(symmetric, x, t);
        var bp = Gradients.Backprop(network, x, t);
        var fa = Gradients.FeedbackAlignment(network, x, t);
        var layers = Enumerable.Range(0, CheckKit.Layers).ToArray();
        return CheckKit.Results(
            ("cos_burst_bp_sym", CheckKit.Vector(layers.Select(l => Gradients.Cosine(sym.W[l], -bp.W[l])))),
            ("cos_burst_bp_rand", CheckKit.Vector(layers.Select(l => Gradients.Cosine(random.W[l], -bp.W[l])))),
            ("cos_fa_bp_rand", CheckKit.Vector(layers.Select(l => Gradients.Cosine(fa.W[l], bp.W[l])))),
            ("cos_burst_fa_rand", CheckKit.Vector(layers.Select(l => Gradients.Cosine(random.W[l], -fa.W[l])))));
    }

    private static IReadOnlyDictionary<string, Tensor> Rule(CheckContext ctx, string rule, Func<BurstNetwork, Tensor, Tensor, WeightGradients> gradients)
    {
        using var scope = NewDisposeScope();
        var results = new List<(string Name, Tensor Value)>();
        var networks = new List<BurstNetwork>();
        try
        {
            foreach (var (prefix, file) in new[] { ("ccn_", CheckKit.Ccn), ("bp_", CheckKit.Bp) })
            {
                var a = ctx.LoadInputs(file);
                var network = CheckKit.Network(a);
                networks.Add(network);
                var g = gradients(network, a["x"], a["t"]);
                results.AddRange(CheckKit.Prefixed(prefix, [.. CheckKit.Each($"{rule}_grad_W", g.W), .. CheckKit.Each($"{rule}_grad_b", g.Bias)]));
            }

            results.Add(("W0_after", networks[0].W[0]));
            return CheckKit.Results([.. results]);
        }
        finally
        {
            networks.ForEach(n => n.Dispose());
        }
    }
}
