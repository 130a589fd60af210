using static TorchSharp.torch;

namespace NeuroExercises.Week02.BurstCreditAssignment;

/// <summary>
/// Gradient rules on the same network and the same loss (<see cref="Feedforward.Loss"/>, the mean over N × n_L of
/// (E_L − T)²): exact backprop, and feedback alignment, which sends the error down through the fixed random Y_h.
/// </summary>
public static class Gradients
{
    /// <summary>
    /// Backprop: ∂loss/∂W_l and ∂loss/∂b_l, by the chain rule g_L = 2 (E_L − T) ⊙ E_L ⊙ (1 − E_L) / (N · n_L),
    /// g_h = (g_{h+1} W_{h+1}) ⊙ E_h ⊙ (1 − E_h), ∂loss/∂W_l = g_lᵀ E_{l−1}, ∂loss/∂b_l = Σₙ g_l.
    /// </summary>
    /// <remarks>
    /// Graded by <c>burst-credit-assignment/GradientsChecks.Backprop</c>: <c>bp_grad_W{l}</c> of both goldens (max |Δ|
    /// ≤ 1e-5 and 3e-5 of max |golden|), and through the cosines by
    /// <c>burst-credit-assignment/GradientsChecks.Cosines_BurstCcn</c> and
    /// <c>burst-credit-assignment/GradientsChecks.Cosines_Burstprop</c>.
    /// </remarks>
    /// <param name="network">The network (W and b are read).</param>
    /// <param name="x">X [N, n₋₁].</param>
    /// <param name="target">T [N, n_L].</param>
    /// <returns>The gradients of every layer (descend along −gradient).</returns>
    public static WeightGradients Backprop(BurstNetwork network, Tensor x, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(target);
        // BEGIN SOLUTION
        return ThroughFeedback(network, x, target, network.W.Skip(1).ToArray());
        // END SOLUTION
    }

    /// <summary>
    /// Feedback alignment: the backprop chain rule with Y_h in place of W_{h+1}ᵀ, i.e. g_h = (g_{h+1} Y_h) ⊙ E_h ⊙ (1 − E_h)
    /// (g_L, ∂/∂W_l = g_lᵀ E_{l−1} and ∂/∂b_l = Σₙ g_l as backprop). Equals <see cref="Backprop"/> when Y_h = W_{h+1}.
    /// </summary>
    /// <remarks>
    /// Graded by <c>burst-credit-assignment/GradientsChecks.FeedbackAlignment</c>: <c>fa_grad_W{l}</c> of both goldens
    /// (max |Δ| ≤ 1e-5 and 3e-5 of max |golden|), and <c>cos_fa_bp_rand</c> by
    /// <c>burst-credit-assignment/GradientsChecks.Cosines_BurstCcn</c> and
    /// <c>burst-credit-assignment/GradientsChecks.Cosines_Burstprop</c>.
    /// </remarks>
    /// <param name="network">The network (W, b and Y are read).</param>
    /// <param name="x">X [N, n₋₁].</param>
    /// <param name="target">T [N, n_L].</param>
    /// <returns>The pseudo-gradients of every layer (descend along −gradient).</returns>
    public static WeightGradients FeedbackAlignment(BurstNetwork network, Tensor x, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(target);
        // BEGIN SOLUTION
        return ThroughFeedback(network, x, target, network.Y);
        // END SOLUTION
    }

    /// <summary>
    /// Cosine similarity of two tensors taken as flat vectors, computed in float64: cos(u, v) = u·v / (|u| |v|).
    /// </summary>
    /// <remarks>
    /// Graded by <c>burst-credit-assignment/GradientsChecks.Cosine</c> (fixed pairs, absolute 1e-9) and by
    /// <c>burst-credit-assignment/GradientsChecks.Cosines_BurstCcn</c> and
    /// <c>burst-credit-assignment/GradientsChecks.Cosines_Burstprop</c> (<c>cos_burst_bp_sym</c>,
    /// <c>cos_burst_bp_rand</c>, <c>cos_fa_bp_rand</c>, <c>cos_burst_fa_rand</c>: absolute 1e-6; cos_burst_bp_rand
    /// 2e-5).
    /// </remarks>
    /// <param name="u">Any tensor.</param>
    /// <param name="v">A tensor with as many entries as <paramref name="u"/>.</param>
    /// <returns>The cosine, in [−1, 1]; NaN (0/0) when u or v is all zeros (not 0: an update that is zero has no
    /// direction).</returns>
    public static double Cosine(Tensor u, Tensor v)
    {
        ArgumentNullException.ThrowIfNull(u);
        ArgumentNullException.ThrowIfNull(v);
        // BEGIN SOLUTION
        using var scope = NewDisposeScope();
        var a = u.detach().reshape(-1).to(float64);
        var b = v.detach().reshape(-1).to(float64);
        return (a.dot(b) / (a.norm() * b.norm())).item<double>();
        // END SOLUTION
    }

    /// <summary>
    /// The chain rule with <paramref name="feedback"/>[h] ([n_{h+1}, n_h]) carrying the error from layer h+1 down to h:
    /// g_L = 2 (E_L − T) ⊙ E_L ⊙ (1 − E_L) / (N · n_L), g_h = (g_{h+1} feedback_h) ⊙ E_h ⊙ (1 − E_h),
    /// ∂/∂W_l = g_lᵀ E_{l−1}, ∂/∂b_l = Σₙ g_l. feedback_h = W_{h+1} is backprop, Y_h feedback alignment.
    /// </summary>
    /// <remarks>
    /// Graded through <see cref="Backprop"/> and <see cref="FeedbackAlignment"/> by
    /// <c>burst-credit-assignment/GradientsChecks.Backprop</c>,
    /// <c>burst-credit-assignment/GradientsChecks.FeedbackAlignment</c>.
    /// </remarks>
    /// <param name="network">The network (W and b are read).</param>
    /// <param name="x">X [N, n₋₁].</param>
    /// <param name="target">T [N, n_L].</param>
    /// <param name="feedback">One [n_{h+1}, n_h] matrix per hidden layer.</param>
    /// <returns>The (pseudo-)gradients of every layer.</returns>
    public static WeightGradients ThroughFeedback(BurstNetwork network, Tensor x, Tensor target, IReadOnlyList<Tensor> feedback)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(feedback);
        if (feedback.Count != network.Layers - 1)
        {
            throw new ArgumentException($"Gradients.ThroughFeedback: {feedback.Count} feedback matrices for {network.Layers - 1} hidden layers; give one per hidden layer.", nameof(feedback));
        }

        // BEGIN SOLUTION
        using var scope = NewDisposeScope();
        var events = Feedforward.EventRates(network, x);
        var top = network.Layers - 1;
        var output = events[top];
        var g = new Tensor[network.Layers];
        g[top] = (output - target) * output * (1 - output) * (2.0 / output.numel());
        for (var h = top - 1; h >= 0; h--)
        {
            g[h] = g[h + 1].matmul(feedback[h]) * events[h] * (1 - events[h]);
        }

        var w = Enumerable.Range(0, network.Layers).Select(l => g[l].t().matmul(l == 0 ? x : events[l - 1]).MoveToOuterDisposeScope()).ToArray();
        var b = g.Select(t => t.sum(dim: 0).MoveToOuterDisposeScope()).ToArray();
        return new WeightGradients(w, b);
        // END SOLUTION
    }
}
