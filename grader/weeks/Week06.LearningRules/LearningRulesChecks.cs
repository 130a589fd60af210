using NeuroExercises.Week06.LearningRules;
using static TorchSharp.torch;

namespace NeuroExercises.Week06.LearningRules.Checks;

/// <summary>
/// Checks of <see cref="LearningRules"/> on mlp_rules.npz (N = 12, m = 8, η = 0.05, σ = 0.1, λ = 0.1): each rule's Δ,
/// the network after one step of η Δ (forward through the submission's <see cref="Mlp"/>), the cosine to backprop's Δ
/// (computed by the check in double against the golden backprop update of arguments.npz), and two properties whose
/// verdicts the grader derives: Kolen–Pollack's (1 − ηλ)^k convergence and node perturbation's expected update. Float64,
/// 1e-12 of each array's largest |value|.
/// </summary>
[WeekChecks(CheckKit.Week)]
public static class LearningRulesChecks
{
    /// <summary>Backprop's Δ and the step's output and loss.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>bp_dW_h, bp_dW_y, bp_output_after, bp_loss_after.</returns>
    [Check(2, Description = "LearningRules.Backprop: δ_y = (t − y) y (1 − y), δ_h through W_y[:, :N]ᵀ (no bias column), ΔW = δ [x̃ or h̃]ᵀ summed over the batch (no 1/m), returned as the Δ that is ADDED", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 30,
        Hint = "Δ is a descent direction (t − y, not y − t) summed over the batch; δ_h uses W_y without its last (bias) column.")]
    [Tolerance("bp_dW_h", 1.1e-13)]
    [Tolerance("bp_dW_y", 1.1e-12)]
    [Tolerance("bp_output_after", 5.5e-13)]
    [Tolerance("bp_loss_after", 2.1e-12)]
    public static IReadOnlyDictionary<string, Tensor> Backprop(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var r = ctx.LoadInputs(CheckKit.Rules);
        var u = LearningRules.Backprop(r["W_h"], r["W_y"], r["x"], r["t"]);
        return Step(ctx, r, "bp", u.DeltaWh, u.DeltaWy);
    }

    /// <summary>Feedback alignment's Δ, the step's output and loss, and the cosine of each Δ to backprop's.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>fa_dW_h, fa_dW_y, fa_output_after, fa_loss_after, cos_fa_bp.</returns>
    [Check(1, Description = "LearningRules.FeedbackAlignment: δ_h = (B δ_y) ⊙ h (1 − h) with the fixed B [N, 10]; ΔW_y is backprop's", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 30)]
    [Tolerance("fa_dW_h", 8.9e-14)]
    [Tolerance("fa_dW_y", 1.1e-12)]
    [Tolerance("fa_output_after", 5.5e-13)]
    [Tolerance("fa_loss_after", 2.2e-12)]
    [Tolerance("cos_fa_bp", 1e-12)]
    public static IReadOnlyDictionary<string, Tensor> FeedbackAlignment(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var r = ctx.LoadInputs(CheckKit.Rules);
        var u = LearningRules.FeedbackAlignment(r["W_h"], r["W_y"], r["B"], r["x"], r["t"]);
        return Step(ctx, r, "fa", u.DeltaWh, u.DeltaWy);
    }

    /// <summary>Kolen–Pollack's Δ (ΔW_h is feedback alignment's with the old B), ΔB and B after, the step, the cosines.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>kp_dW_h, kp_dW_y, kp_dB, kp_B_after, kp_output_after, kp_loss_after, cos_kp_bp.</returns>
    [Check(2, Description = "LearningRules.KolenPollack (λ = 0.1, η_back = η): ΔW_h with B BEFORE its update, ΔW_y = D − λ W_y (bias column included), ΔB = D[:, :N]ᵀ − λ B, no decay on W_h", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 30,
        Hint = "Compute ΔW_h with the B you were given (not B_after); decay W_y (whole) and B, never W_h; B's D drops the bias column.")]
    [Tolerance("kp_dW_h", 8.9e-14)]
    [Tolerance("kp_dW_y", 1.1e-12)]
    [Tolerance("kp_dB", 8.4e-13)]
    [Tolerance("kp_B_after", 2.7e-13)]
    [Tolerance("kp_output_after", 5.5e-13)]
    [Tolerance("kp_loss_after", 2.2e-12)]
    [Tolerance("cos_kp_bp", 1e-12)]
    public static IReadOnlyDictionary<string, Tensor> KolenPollack(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var r = ctx.LoadInputs(CheckKit.Rules);
        var u = LearningRules.KolenPollack(r["W_h"], r["W_y"], r["B"], r["x"], r["t"], CheckKit.Scalar(r, "kp_decay"), CheckKit.Scalar(r, "lr"));
        var results = Step(ctx, r, "kp", u.DeltaWh, u.DeltaWy).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        results["kp_dB"] = u.DeltaB.detach().MoveToOuterDisposeScope();
        results["kp_B_after"] = u.BAfter.detach().MoveToOuterDisposeScope();
        return results;
    }

    /// <summary>
    /// <see cref="ConvergenceSteps"/> Kolen–Pollack steps on mlp_rules.npz's batch (W ← W + η Δ, B ← B_after); RAW weights
    /// only, <see cref="KolenPollackConvergesVerdict"/> decides in the grader's process.
    /// </summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>W_y [k, 10, 13], B [k, 12, 10] after each step, W_h [12, 785] after the last.</returns>
    [Check(1, Description = "Kolen–Pollack converges: after k steps W_y[:, :N]ᵀ − B equals (1 − ηλ)^k times its start (k = 1 … 8), and W_h learns", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 30, Derive = nameof(KolenPollackConvergesVerdict))]
    public static IReadOnlyDictionary<string, Tensor> KolenPollackConverges(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var r = ctx.LoadInputs(CheckKit.Rules);
        var eta = CheckKit.Scalar(r, "lr");
        var (wH, wY, b) = (r["W_h"].clone(), r["W_y"].clone(), r["B"].clone());
        var wYs = new List<Tensor>();
        var bs = new List<Tensor>();
        for (var k = 0; k < ConvergenceSteps; k++)
        {
            var u = LearningRules.KolenPollack(wH, wY, b, r["x"], r["t"], CheckKit.Scalar(r, "kp_decay"), eta);
            wH = wH + (u.DeltaWh * eta);
            wY = wY + (u.DeltaWy * eta);
            b = u.BAfter.clone();
            wYs.Add(wY);
            bs.Add(b);
        }

        return CheckKit.Results(("W_y", stack(wYs)), ("B", stack(bs)), ("W_h", wH));
    }

    /// <summary>
    /// The trusted verdict of <see cref="KolenPollackConverges"/>: shrinks_exactly (for every k, W_y[:, :N]ᵀ − B is
    /// (1 − ηλ)^k times the archive's, within 1e-12 of its largest |value|), w_h_learns (W_h moved and its batch loss with
    /// the returned W_y fell), finite.
    /// </summary>
    /// <param name="ctx">The grader's context (inputs only).</param>
    /// <param name="raw">The arrays the check returned.</param>
    /// <returns>The flags (1 = holds).</returns>
    public static IReadOnlyDictionary<string, Tensor> KolenPollackConvergesVerdict(CheckContext ctx, IReadOnlyDictionary<string, Tensor> raw)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(raw);
        using var scope = NewDisposeScope();
        var r = ctx.LoadInputs(CheckKit.Rules).ToDictionary(kv => kv.Key, kv => kv.Value.cpu(), StringComparer.Ordinal);
        var wYs = CheckKit.Raw(raw, "W_y", [ConvergenceSteps, 10, 13], float64);
        var bs = CheckKit.Raw(raw, "B", [ConvergenceSteps, 12, 10], float64);
        var wH = CheckKit.Raw(raw, "W_h", [12, 785], float64);
        var shrink = 1 - (CheckKit.Scalar(r, "lr") * CheckKit.Scalar(r, "kp_decay"));
        var start = r["W_y"][.., ..12].t() - r["B"];
        var scale = start.abs().max().item<double>();
        var exact = true;
        for (var k = 0; k < ConvergenceSteps; k++)
        {
            var mismatch = wYs[k][.., ..12].t() - bs[k];
            exact &= (mismatch - (start * Math.Pow(shrink, k + 1))).abs().max().item<double>() <= 1e-12 * scale;
        }

        double Loss(Tensor h, Tensor y)
        {
            var out_ = Reference.Sigmoid(y.matmul(Reference.Augment(Reference.Sigmoid(h.matmul(Reference.Augment(r["x"]))))));
            return (r["t"] - out_).square().sum(dim: 0).mean().item<double>();
        }

        var learns = !wH.eq(r["W_h"]).all().item<bool>() && Loss(wH, wYs[ConvergenceSteps - 1]) < Loss(r["W_h"], r["W_y"]);
        var finite = wYs.isfinite().all().item<bool>() && bs.isfinite().all().item<bool>() && wH.isfinite().all().item<bool>();
        return CheckKit.Results(("shrinks_exactly", CheckKit.Flag(exact)), ("w_h_learns", CheckKit.Flag(learns)), ("finite", CheckKit.Flag(finite)));
    }

    /// <summary>Weight perturbation's Δ, its losses, the step and the cosines.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>wp_dW_h, wp_dW_y, wp_loss_now, wp_loss_per, wp_delta_loss, wp_output_after, wp_loss_after, cos_wp_bp.</returns>
    [Check(1, Description = "LearningRules.WeightPerturbation: ΔL = L_now − L_per (batch means; negative here: this ψ raised the loss), ΔW = ΔL ψ / σ²", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 30,
        Hint = "ΔL = L(W) − L(W + ψ), positive when the perturbation helped; the loss is the batch mean.")]
    [Tolerance("wp_dW_h", 4.3e-12)]
    [Tolerance("wp_dW_y", 4.0e-12)]
    [Tolerance("wp_loss_now", 2.5e-12)]
    [Tolerance("wp_loss_per", 2.6e-12)]
    [Tolerance("wp_delta_loss", 8.5e-14)]
    [Tolerance("wp_output_after", 6.0e-13)]
    [Tolerance("wp_loss_after", 2.5e-12)]
    [Tolerance("cos_wp_bp", 1e-12)]
    public static IReadOnlyDictionary<string, Tensor> WeightPerturbation(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var r = ctx.LoadInputs(CheckKit.Rules);
        var u = LearningRules.WeightPerturbation(r["W_h"], r["W_y"], r["x"], r["t"], r["psi_h"], r["psi_y"], CheckKit.Scalar(r, "sigma"));
        var results = Step(ctx, r, "wp", u.DeltaWh, u.DeltaWy).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        results["wp_loss_now"] = u.LossNow.detach().MoveToOuterDisposeScope();
        results["wp_loss_per"] = u.LossPerturbed.detach().MoveToOuterDisposeScope();
        results["wp_delta_loss"] = u.DeltaLoss.detach().MoveToOuterDisposeScope();
        return results;
    }

    /// <summary>Node perturbation's Δ, noisy activities, per-sample losses, the step and the cosines.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>np_dW_h, np_dW_y, np_hidden_p, np_output_p, np_loss_now, np_loss_per, np_delta_loss, np_output_after, np_loss_after, cos_np_bp.</returns>
    [Check(2, Description = "LearningRules.NodePerturbation: noise after the sigmoid, the output layer fed the noisy hidden activity, (y_p − y) and [h_p; 1] in ΔW_y (not ξ_y, not [h; 1]), averaged over the batch", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 30,
        Hint = "y_p = σ(W_y [h_p; 1]) + ξ_y; use the difference y_p − y (it carries the hidden noise), divide by m σ².")]
    [Tolerance("np_dW_h", 2.7e-12)]
    [Tolerance("np_dW_y", 3.2e-12)]
    [Tolerance("np_hidden_p", 9.6e-13)]
    [Tolerance("np_output_p", 7.8e-13)]
    [Tolerance("np_loss_now", 2.6e-12)]
    [Tolerance("np_loss_per", 3.0e-12)]
    [Tolerance("np_delta_loss", 5.7e-13)]
    [Tolerance("np_output_after", 5.7e-13)]
    [Tolerance("np_loss_after", 2.2e-12)]
    [Tolerance("cos_np_bp", 1e-12)]
    public static IReadOnlyDictionary<string, Tensor> NodePerturbation(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var r = ctx.LoadInputs(CheckKit.Rules);
        var u = LearningRules.NodePerturbation(r["W_h"], r["W_y"], r["x"], r["t"], r["xi_h"], r["xi_y"], CheckKit.Scalar(r, "sigma"));
        var results = Step(ctx, r, "np", u.DeltaWh, u.DeltaWy).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        results["np_hidden_p"] = u.HiddenPerturbed.detach().MoveToOuterDisposeScope();
        results["np_output_p"] = u.OutputPerturbed.detach().MoveToOuterDisposeScope();
        results["np_loss_now"] = u.LossNow.detach().MoveToOuterDisposeScope();
        results["np_loss_per"] = u.LossPerturbed.detach().MoveToOuterDisposeScope();
        results["np_delta_loss"] = u.DeltaLoss.detach().MoveToOuterDisposeScope();
        return results;
    }

    /// <summary>
    /// The mean node-perturbation update over <see cref="Draws"/> independent noise draws (seed 20253), as ONE call on the
    /// batch repeated <see cref="Draws"/> times (node perturbation averages over the columns, so this is the mean of that many
    /// single-batch updates); RAW means only, <see cref="NodePerturbationExpectationVerdict"/> decides.
    /// </summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>mean_dW_h [12, 785], mean_dW_y [10, 13].</returns>
    [Check(1, Description = "Node perturbation estimates the gradient: the mean update over 2000 noise draws aligns with backprop's (cosine > 0.7 for W_h, > 0.99 for W_y; measured 0.82 and 0.9996)", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 60, Derive = nameof(NodePerturbationExpectationVerdict))]
    public static IReadOnlyDictionary<string, Tensor> NodePerturbationExpectation(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var r = ctx.LoadInputs(CheckKit.Rules);
        var sigma = CheckKit.Scalar(r, "sigma");
        var m = r["x"].shape[1];
        using var generator = new Generator(20253);
        var xiH = randn([12, m * Draws], dtype: float64, generator: generator) * sigma;
        var xiY = randn([10, m * Draws], dtype: float64, generator: generator) * sigma;
        var u = LearningRules.NodePerturbation(r["W_h"], r["W_y"], r["x"].repeat(1, Draws), r["t"].repeat(1, Draws), xiH.to(ctx.Device), xiY.to(ctx.Device), sigma);
        return CheckKit.Results(("mean_dW_h", u.DeltaWh), ("mean_dW_y", u.DeltaWy));
    }

    /// <summary>
    /// The trusted verdict of <see cref="NodePerturbationExpectation"/>: aligned_w_h (cosine of mean_dW_h to this method's
    /// backprop ΔW_h &gt; 0.7), aligned_w_y (&gt; 0.99), finite.
    /// </summary>
    /// <param name="ctx">The grader's context (inputs only).</param>
    /// <param name="raw">The arrays the check returned.</param>
    /// <returns>The flags (1 = holds).</returns>
    public static IReadOnlyDictionary<string, Tensor> NodePerturbationExpectationVerdict(CheckContext ctx, IReadOnlyDictionary<string, Tensor> raw)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(raw);
        using var scope = NewDisposeScope();
        var r = ctx.LoadInputs(CheckKit.Rules).ToDictionary(kv => kv.Key, kv => kv.Value.cpu(), StringComparer.Ordinal);
        var h = CheckKit.Raw(raw, "mean_dW_h", [12, 785], float64);
        var y = CheckKit.Raw(raw, "mean_dW_y", [10, 13], float64);
        var (bpH, bpY) = Reference.Backprop(r["W_h"], r["W_y"], r["x"], r["t"]);
        var finite = h.isfinite().all().item<bool>() && y.isfinite().all().item<bool>();
        return CheckKit.Results(
            ("aligned_w_h", CheckKit.Flag(finite && Reference.Cosine(h, bpH) > 0.7)),
            ("aligned_w_y", CheckKit.Flag(finite && Reference.Cosine(y, bpY) > 0.99)),
            ("finite", CheckKit.Flag(finite)));
    }

    /// <summary>The ReLU network's activities and backprop's Δ with the true derivative 1[a &gt; 0].</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>relu_hidden, relu_output, relu_bp_dW_h, relu_bp_dW_y.</returns>
    [Check(1, Description = "Mlp.ForwardRelu and LearningRules.BackpropRelu: ReLU in both layers, derivative 1[activity > 0] (the course's code uses 1[a > 1], about 70 % off)", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 30)]
    [Tolerance("relu_hidden", 2.8e-12)]
    [Tolerance("relu_output", 1.1e-12)]
    [Tolerance("relu_bp_dW_h", 7.0e-13)]
    [Tolerance("relu_bp_dW_y", 4.2e-12)]
    public static IReadOnlyDictionary<string, Tensor> BackpropRelu(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var r = ctx.LoadInputs(CheckKit.Rules);
        var pass = Mlp.ForwardRelu(r["W_h"], r["W_y"], r["x"]);
        var u = LearningRules.BackpropRelu(r["W_h"], r["W_y"], r["x"], r["t"]);
        return CheckKit.Results(("relu_hidden", pass.Hidden), ("relu_output", pass.Output), ("relu_bp_dW_h", u.DeltaWh), ("relu_bp_dW_y", u.DeltaWy));
    }

    private const int ConvergenceSteps = 8;

    private const int Draws = 2000;

    /// <summary>
    /// The update's outputs: Δ, the output and loss after one step of η Δ (through the submission's <see cref="Mlp"/>), and
    /// for every rule but backprop the cosines of its ΔW_h and ΔW_y to backprop's on the same batch. Backprop's update is
    /// read from <see cref="CheckKit.Arguments"/> (the golden bp_dW_h, bp_dW_y: the expected values of the visible Backprop
    /// check above), not computed here, so no solution of LearningRules.Backprop ships with the checks; the cosine is
    /// TorchSharp's, in double.
    /// </summary>
    private static IReadOnlyDictionary<string, Tensor> Step(CheckContext ctx, IReadOnlyDictionary<string, Tensor> r, string prefix, Tensor dWh, Tensor dWy)
    {
        var lr = CheckKit.Scalar(r, "lr");
        var after = Mlp.Forward(r["W_h"] + (dWh * lr), r["W_y"] + (dWy * lr), r["x"]).Output;
        var results = new List<(string, Tensor)>
        {
            ($"{prefix}_dW_h", dWh), ($"{prefix}_dW_y", dWy), ($"{prefix}_output_after", after), ($"{prefix}_loss_after", Mlp.Loss(after, r["t"])),
        };
        if (prefix != "bp")
        {
            var a = ctx.LoadInputs(CheckKit.Arguments);
            results.Add(($"cos_{prefix}_bp", tensor(new[] { CosineToBackprop(dWh, a["bp_dW_h"]), CosineToBackprop(dWy, a["bp_dW_y"]) }, float64)));
        }

        return CheckKit.Results([.. results]);
    }

    /// <summary>TorchSharp's cosine similarity of the flattened arrays, in double.</summary>
    private static double CosineToBackprop(Tensor update, Tensor backprop) =>
        nn.functional.cosine_similarity(update.detach().cpu().to(float64).flatten(), backprop.cpu().to(float64).flatten(), dim: 0).item<double>();
}
