using static TorchSharp.torch;

namespace NeuroExercises.Week06.LearningRules;

/// <summary>
/// One update of each learning rule on the <see cref="Mlp"/> network (float64, column layout, bias last column), returned
/// as a Δ that is ADDED: W ← W + η Δ. With e = t − y and δ_y = e ⊙ y ⊙ (1 − y). Batch conventions differ by rule:
/// backprop, feedback alignment and Kolen–Pollack SUM over the batch; node perturbation AVERAGES; weight perturbation
/// uses the batch-mean loss. No argument is changed.
/// </summary>
public static class LearningRules
{
    /// <summary>
    /// Backprop: δ_h = (W_y[:, :N]ᵀ δ_y) ⊙ h ⊙ (1 − h); ΔW_h = δ_h x̃ᵀ [N, 785], ΔW_y = δ_y h̃ᵀ [10, N + 1]. Summed over the
    /// batch (no 1/m): ΔW = −(m/2) ∂L/∂W.
    /// </summary>
    /// <remarks>
    /// Graded by <c>learning-rules/LearningRulesChecks.Backprop</c> (bp_dW_h, bp_dW_y, the output and loss after one step
    /// of η = 0.05; 1e-12 of each array's largest |value|) and <c>learning-rules/RuleTrainerChecks.TrainBackprop</c>.
    /// </remarks>
    /// <param name="wH">W_h [N, 785].</param>
    /// <param name="wY">W_y [10, N + 1].</param>
    /// <param name="x">x [784, m].</param>
    /// <param name="t">One-hot targets [10, m].</param>
    /// <returns>ΔW_h, ΔW_y (new tensors, float64).</returns>
    public static WeightUpdate Backprop(Tensor wH, Tensor wY, Tensor x, Tensor t)
    {
        ArgumentNullException.ThrowIfNull(wH);
        ArgumentNullException.ThrowIfNull(wY);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(t);
        using var scope = NewDisposeScope();
        var hidden = wH.shape[0];
        var update = SigmoidUpdate(wH, wY, wY[.., ..(int)hidden].t(), x, t);
        return new WeightUpdate(update.DeltaWh.MoveToOuterDisposeScope(), update.DeltaWy.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Feedback alignment: backprop with the fixed random B [N, 10] in place of W_y[:, :N]ᵀ: δ_h = (B δ_y) ⊙ h ⊙ (1 − h),
    /// ΔW_h = δ_h x̃ᵀ; ΔW_y is backprop's (δ_y h̃ᵀ). Summed over the batch.
    /// </summary>
    /// <remarks>
    /// Graded by <c>learning-rules/LearningRulesChecks.FeedbackAlignment</c> (fa_dW_h, fa_dW_y, the step's output and loss) and
    /// <c>learning-rules/RuleTrainerChecks.TrainFeedbackAlignment</c>.
    /// </remarks>
    /// <param name="wH">W_h [N, 785].</param>
    /// <param name="wY">W_y [10, N + 1].</param>
    /// <param name="b">B [N, 10].</param>
    /// <param name="x">x [784, m].</param>
    /// <param name="t">One-hot targets [10, m].</param>
    /// <returns>ΔW_h, ΔW_y.</returns>
    public static WeightUpdate FeedbackAlignment(Tensor wH, Tensor wY, Tensor b, Tensor x, Tensor t)
    {
        ArgumentNullException.ThrowIfNull(wH);
        ArgumentNullException.ThrowIfNull(wY);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(t);
        using var scope = NewDisposeScope();
        var update = SigmoidUpdate(wH, wY, b, x, t);
        return new WeightUpdate(update.DeltaWh.MoveToOuterDisposeScope(), update.DeltaWy.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Kolen–Pollack with decay λ: ΔW_h is feedback alignment's with B as it is BEFORE this step's update; D = δ_y h̃ᵀ;
    /// ΔW_y = D − λ W_y (the whole W_y, bias column included); ΔB = D[:, :N]ᵀ − λ B; B_after = B + η_back ΔB (the course
    /// uses η_back = η). No decay on W_h. Since W_y and B receive the same D, after the step (W ← W + η Δ) W_y[:, :N]ᵀ − B
    /// shrinks by exactly (1 − η λ).
    /// </summary>
    /// <remarks>
    /// Graded by <c>learning-rules/LearningRulesChecks.KolenPollack</c> (ΔW_h = fa_dW_h, kp_dW_y, kp_dB, kp_B_after),
    /// <c>learning-rules/LearningRulesChecks.KolenPollackConverges</c> ((1 − ηλ)^k after k steps) and
    /// <c>learning-rules/RuleTrainerChecks.TrainKolenPollack</c>.
    /// </remarks>
    /// <param name="wH">W_h [N, 785].</param>
    /// <param name="wY">W_y [10, N + 1].</param>
    /// <param name="b">B [N, 10] (not changed: the new B is returned).</param>
    /// <param name="x">x [784, m].</param>
    /// <param name="t">One-hot targets [10, m].</param>
    /// <param name="decay">λ (kp_decay = 0.1).</param>
    /// <param name="etaBack">η_back, the feedback weights' learning rate (0 leaves B unchanged).</param>
    /// <returns>ΔW_h, ΔW_y, ΔB and B_after.</returns>
    public static KolenPollackUpdate KolenPollack(Tensor wH, Tensor wY, Tensor b, Tensor x, Tensor t, double decay, double etaBack)
    {
        ArgumentNullException.ThrowIfNull(wH);
        ArgumentNullException.ThrowIfNull(wY);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(t);
        using var scope = NewDisposeScope();
        var n = (int)wH.shape[0];
        var pass = Mlp.Forward(wH, wY, x);
        var deltaY = (t - pass.Output) * pass.Output * (1.0 - pass.Output);
        var d = deltaY.matmul(Mlp.Augment(pass.Hidden).t());
        var deltaWy = d - (wY * decay);
        var deltaB = d[.., ..n].t() - (b * decay);
        var bAfter = b + (deltaB * etaBack);
        var deltaH = b.matmul(deltaY) * pass.Hidden * (1.0 - pass.Hidden);
        var deltaWh = deltaH.matmul(Mlp.Augment(x).t());
        return new KolenPollackUpdate(deltaWh.MoveToOuterDisposeScope(), deltaWy.MoveToOuterDisposeScope(), deltaB.MoveToOuterDisposeScope(), bAfter.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Weight perturbation: one draw ψ_h [N, 785], ψ_y [10, N + 1] (each N(0, σ²)) perturbs all weights at once;
    /// L_now = L(W_h, W_y), L_per = L(W_h + ψ_h, W_y + ψ_y) (batch means, <see cref="Mlp.Loss"/>); ΔL = L_now − L_per
    /// (positive when the perturbation helped); ΔW = ΔL ψ / σ².
    /// </summary>
    /// <remarks>
    /// Graded by <c>learning-rules/LearningRulesChecks.WeightPerturbation</c> (wp_dW_h, wp_dW_y, wp_loss_now, wp_loss_per,
    /// wp_delta_loss) and <c>learning-rules/RuleTrainerChecks.TrainWeightPerturbation</c>.
    /// </remarks>
    /// <param name="wH">W_h [N, 785].</param>
    /// <param name="wY">W_y [10, N + 1].</param>
    /// <param name="x">x [784, m].</param>
    /// <param name="t">One-hot targets [10, m].</param>
    /// <param name="psiH">ψ_h [N, 785], already N(0, σ²).</param>
    /// <param name="psiY">ψ_y [10, N + 1], already N(0, σ²).</param>
    /// <param name="sigma">σ, the noise's standard deviation.</param>
    /// <returns>ΔW_h, ΔW_y and the losses (0-d).</returns>
    public static PerturbationUpdate WeightPerturbation(Tensor wH, Tensor wY, Tensor x, Tensor t, Tensor psiH, Tensor psiY, double sigma)
    {
        ArgumentNullException.ThrowIfNull(wH);
        ArgumentNullException.ThrowIfNull(wY);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(psiH);
        ArgumentNullException.ThrowIfNull(psiY);
        using var scope = NewDisposeScope();
        var lossNow = Mlp.Loss(Mlp.Forward(wH, wY, x).Output, t);
        var lossPer = Mlp.Loss(Mlp.Forward(wH + psiH, wY + psiY, x).Output, t);
        var deltaLoss = lossNow - lossPer;
        var scale = deltaLoss / (sigma * sigma);
        return new PerturbationUpdate(
            (psiH * scale).MoveToOuterDisposeScope(), (psiY * scale).MoveToOuterDisposeScope(),
            lossNow.MoveToOuterDisposeScope(), lossPer.MoveToOuterDisposeScope(), deltaLoss.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Node perturbation: noise ξ_h [N, m], ξ_y [10, m] (each N(0, σ²)) is added AFTER the nonlinearity, and the output
    /// layer sees the noisy hidden activity: h_p = σ(W_h x̃) + ξ_h, y_p = σ(W_y [h_p; 1]) + ξ_y. Per sample
    /// Δℓ_b = ℓ_b(y) − ℓ_b(y_p); ΔW_h = (1/m) Σ_b Δℓ_b (h_p − h)_b x̃_bᵀ / σ²; ΔW_y = (1/m) Σ_b Δℓ_b (y_p − y)_b [h_p; 1]_bᵀ / σ².
    /// (h_p − h) and (y_p − y) are differences: (y_p − y) is NOT ξ_y (it carries the hidden noise through W_y). Averaged
    /// over the batch, unlike backprop. Intended, not a slip: with the noise after the sigmoid, ΔW_y's expectation is
    /// (2/m) Σ_b (t − y)_b h̃_bᵀ, without backprop's y(1 − y) factor, so it aligns with backprop closely (cos ≈ 0.999 at y ≈ ½)
    /// but not exactly.
    /// </summary>
    /// <remarks>
    /// Graded by <c>learning-rules/LearningRulesChecks.NodePerturbation</c> (np_dW_h, np_dW_y, np_hidden_p, np_output_p and
    /// the per-sample losses), <c>learning-rules/LearningRulesChecks.NodePerturbationExpectation</c> (the mean update over
    /// many draws aligns with backprop) and <c>learning-rules/RuleTrainerChecks.TrainNodePerturbation</c>.
    /// </remarks>
    /// <param name="wH">W_h [N, 785].</param>
    /// <param name="wY">W_y [10, N + 1].</param>
    /// <param name="x">x [784, m].</param>
    /// <param name="t">One-hot targets [10, m].</param>
    /// <param name="xiH">ξ_h [N, m], already N(0, σ²).</param>
    /// <param name="xiY">ξ_y [10, m], already N(0, σ²).</param>
    /// <param name="sigma">σ.</param>
    /// <returns>ΔW_h, ΔW_y, h_p, y_p and the per-sample losses [m].</returns>
    public static NodePerturbationUpdate NodePerturbation(Tensor wH, Tensor wY, Tensor x, Tensor t, Tensor xiH, Tensor xiY, double sigma)
    {
        ArgumentNullException.ThrowIfNull(wH);
        ArgumentNullException.ThrowIfNull(wY);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(xiH);
        ArgumentNullException.ThrowIfNull(xiY);
        using var scope = NewDisposeScope();
        var m = x.shape[1];
        var pass = Mlp.Forward(wH, wY, x);
        var hiddenP = pass.Hidden + xiH;
        var hiddenPAug = Mlp.Augment(hiddenP);
        var outputP = Mlp.Sigmoid(wY.matmul(hiddenPAug)) + xiY;
        var lossClean = Mlp.Losses(pass.Output, t);
        var lossNoisy = Mlp.Losses(outputP, t);
        var deltaLoss = lossClean - lossNoisy;
        var scale = deltaLoss / (m * sigma * sigma);
        var outputDiff = outputP - pass.Output;
        var deltaWh = ((hiddenP - pass.Hidden) * scale).matmul(Mlp.Augment(x).t());
        var deltaWy = (outputDiff * scale).matmul(hiddenPAug.t());
        return new NodePerturbationUpdate(
            deltaWh.MoveToOuterDisposeScope(), deltaWy.MoveToOuterDisposeScope(), hiddenP.MoveToOuterDisposeScope(), outputP.MoveToOuterDisposeScope(),
            lossClean.MoveToOuterDisposeScope(), lossNoisy.MoveToOuterDisposeScope(), deltaLoss.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Backprop for the ReLU variant (<see cref="Mlp.ForwardRelu"/>, ReLU in both layers) with the TRUE derivative
    /// 1[activity &gt; 0] in place of y(1 − y) and h(1 − h): δ_y = e ⊙ 1[y &gt; 0], δ_h = (W_y[:, :N]ᵀ δ_y) ⊙ 1[h &gt; 0];
    /// ΔW_h = δ_h x̃ᵀ, ΔW_y = δ_y h̃ᵀ (summed). The course's code uses 1[activity &gt; 1]: do not.
    /// </summary>
    /// <remarks>Graded by <c>learning-rules/LearningRulesChecks.BackpropRelu</c> (relu_bp_dW_h, relu_bp_dW_y; 1e-12 of the largest value).</remarks>
    /// <param name="wH">W_h [N, 785].</param>
    /// <param name="wY">W_y [10, N + 1].</param>
    /// <param name="x">x [784, m].</param>
    /// <param name="t">One-hot targets [10, m].</param>
    /// <returns>ΔW_h, ΔW_y.</returns>
    public static WeightUpdate BackpropRelu(Tensor wH, Tensor wY, Tensor x, Tensor t)
    {
        ArgumentNullException.ThrowIfNull(wH);
        ArgumentNullException.ThrowIfNull(wY);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(t);
        using var scope = NewDisposeScope();
        var n = (int)wH.shape[0];
        var pass = Mlp.ForwardRelu(wH, wY, x);
        var deltaY = (t - pass.Output) * ReluDerivative(pass.Output);
        var deltaH = wY[.., ..n].t().matmul(deltaY) * ReluDerivative(pass.Hidden);
        return new WeightUpdate(deltaH.matmul(Mlp.Augment(x).t()).MoveToOuterDisposeScope(), deltaY.matmul(Mlp.Augment(pass.Hidden).t()).MoveToOuterDisposeScope());
    }

    private static WeightUpdate SigmoidUpdate(Tensor wH, Tensor wY, Tensor feedback, Tensor x, Tensor t)
    {
        var pass = Mlp.Forward(wH, wY, x);
        var deltaY = (t - pass.Output) * pass.Output * (1.0 - pass.Output);
        var deltaH = feedback.matmul(deltaY) * pass.Hidden * (1.0 - pass.Hidden);
        return new WeightUpdate(deltaH.matmul(Mlp.Augment(x).t()), deltaY.matmul(Mlp.Augment(pass.Hidden).t()));
    }

    private static Tensor ReluDerivative(Tensor activity) => activity.gt(0.0).to(activity.dtype);
}
