using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
        var update = SigmoidUpdate(wH, wY, null, x, t);
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
        // Feedback alignment with the old B gives ΔW_h and D = δ_y h̃ᵀ (its ΔW_y).
        var fa = SigmoidUpdate(wH, wY, b, x, t);
        var d = fa.DeltaWy;
        using var minusDecay = TorchSharp.ScalarExtensionMethods.ToScalar(-decay);
        using var rateBack = TorchSharp.ScalarExtensionMethods.ToScalar(etaBack);
        var deltaWy = d.add(wY, minusDecay);
        var deltaB = d.narrow(1, 0, n).t().add(b, minusDecay);
        var bAfter = b.add(deltaB, rateBack);
        var deltaWh = fa.DeltaWh;
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
        var lossNow = Mlp.Loss(Forward(wH, wY, x).Output, t);
        var lossPer = Mlp.Loss(Forward(wH + psiH, wY + psiY, x).Output, t);
        var deltaLoss = lossNow - lossPer;
        // A Scalar made implicitly from a double is freed only by the finalizer; kept for thousands of steps, such small
        // native blocks fragment the heap between the large per-step tensors (1.4 GB of fresh pages in one epoch here).
        using var variance = TorchSharp.ScalarExtensionMethods.ToScalar(sigma * sigma);
        var scale = deltaLoss / variance;
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
        if (FusedNodePerturbation(wH, wY, x, t, xiH, xiY, sigma) is { } fused)
        {
            return fused;
        }

        using var scope = NewDisposeScope();
        var m = x.shape[1];
        var pass = Forward(wH, wY, x);
        var hiddenP = pass.Hidden + xiH;
        var hiddenPAug = Mlp.Augment(hiddenP);
        var outputP = Mlp.Sigmoid(wY.matmul(hiddenPAug)) + xiY;
        var lossClean = Mlp.Losses(pass.Output, t);
        var lossNoisy = Mlp.Losses(outputP, t);
        var deltaLoss = lossClean - lossNoisy;
        var scale = deltaLoss / (m * sigma * sigma);
        var outputDiff = outputP - pass.Output;
        var deltaWh = TimesAugmented((hiddenP - pass.Hidden) * scale, x);
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

    /// <summary>
    /// Backprop (feedback = W_y[:, :N]ᵀ) and feedback alignment (feedback = B) on the sigmoid network. On CPU float64 the
    /// two big products run in libtorch (a_h = W_h[:, :784] x + W_h[:, 784] and ΔW_h[:, :784] = δ_h xᵀ, both without
    /// building x̃) and everything between them in <see cref="FusedMiddle"/>: one C# pass instead of about 30 small tensor
    /// operations (≈ 2 µs each in TorchSharp). The same equations as the tensor path below, which serves other devices and
    /// dtypes; the goldens hold both to 1e-12.
    /// </summary>
    private static WeightUpdate SigmoidUpdate(Tensor wH, Tensor wY, Tensor? b, Tensor x, Tensor t)
    {
        if (FusedSigmoidUpdate(wH, wY, b, x, t) is { } fused)
        {
            return fused;
        }

        var feedback = b ?? wY[.., ..(int)wH.shape[0]].t();
        var pass = Mlp.Forward(wH, wY, x);
        var deltaY = (t - pass.Output) * pass.Output * (1.0 - pass.Output);
        var deltaH = feedback.matmul(deltaY) * pass.Hidden * (1.0 - pass.Hidden);
        return new WeightUpdate(deltaH.matmul(Mlp.Augment(x).t()), deltaY.matmul(Mlp.Augment(pass.Hidden).t()));
    }

    private static WeightUpdate? FusedSigmoidUpdate(Tensor wH, Tensor wY, Tensor? feedback, Tensor x, Tensor t)
    {
        Tensor[] all = feedback is null ? [wH, wY, x, t] : [wH, wY, feedback, x, t];
        foreach (var a in all)
        {
            if (a.device_type != TorchSharp.DeviceType.CPU || a.dtype != ScalarType.Float64 || a.dim() != 2 || (a.requires_grad && is_grad_enabled()))
            {
                return null;
            }
        }

        var (hidden, inputs, batch, outputs) = (wH.shape[0], x.shape[0], x.shape[1], wY.shape[0]);
        if (wH.shape[1] != inputs + 1 || wY.shape[1] != hidden + 1 || (feedback is not null && (feedback.shape[0] != hidden || feedback.shape[1] != outputs))
            || t.shape[0] != outputs || t.shape[1] != batch || batch == 0 || hidden == 0 || hidden * (inputs + 1) > int.MaxValue / 8)
        {
            return null;
        }

        var hiddenPre = wH.narrow(1, 0, inputs).mm(x); // W_h[:, :784] x; FusedMiddle adds the bias column
        var deltaH = empty(hidden, batch, dtype: float64);
        var deltaWy = empty(outputs, hidden + 1, dtype: float64);
        var deltaWh = empty(hidden, inputs + 1, dtype: float64);
        using (var inputsScope = NewDisposeScope())
        {
            var wYc = wY.is_contiguous() ? wY : wY.contiguous();
            // t is often a transposed view of sample-major rows: read it through its strides rather than copying it.
            var (tBase, tRow, tCol) = t.is_contiguous() ? (t, (int)batch, 1) : t.t().is_contiguous() ? (t.t(), 1, (int)outputs) : (t.contiguous(), (int)batch, 1);
            var b = feedback is null ? [] : Doubles(feedback.is_contiguous() ? feedback : feedback.contiguous());
            var wHc = wH.is_contiguous() ? wH : wH.contiguous();
            FusedMiddle(Doubles(hiddenPre), Doubles(wHc), Doubles(wYc), b, Doubles(tBase), tRow, tCol, Doubles(deltaH), Doubles(deltaWy), Doubles(deltaWh), (int)hidden, (int)batch, (int)outputs, (int)inputs);
        }

        // β = 0: the uninitialised columns are not read (BLAS), only overwritten; the last column holds Σ_b δ_h already.
        deltaWh.narrow(1, 0, inputs).addmm_(deltaH, x.t(), 0f, 1f);
        hiddenPre.Dispose();
        deltaH.Dispose();
        return new WeightUpdate(deltaWh, deltaWy);
    }

    /// <summary>
    /// <see cref="Mlp.Forward"/> without building x̃ and h̃: a = W[:, :d] x + W[:, d] in one addmm each (the same sums; x̃
    /// would copy the [785, m] batch once more per pass).
    /// </summary>
    private static MlpPass Forward(Tensor wH, Tensor wY, Tensor x)
    {
        var (hidden, inputs) = (wH.shape[0], x.shape[0]);
        var hiddenPre = addmm(wH.narrow(1, inputs, 1), wH.narrow(1, 0, inputs), x, 1f, 1f);
        var hiddenOut = Mlp.Sigmoid(hiddenPre);
        var outputPre = addmm(wY.narrow(1, hidden, 1), wY.narrow(1, 0, hidden), hiddenOut, 1f, 1f);
        return new MlpPass(hiddenPre, hiddenOut, outputPre, Mlp.Sigmoid(outputPre));
    }

    /// <summary>δ x̃ᵀ = [δ xᵀ, Σ_b δ] [rows, d + 1] without building x̃ (β = 0: the new tensor's columns are written, not read).</summary>
    private static Tensor TimesAugmented(Tensor delta, Tensor x)
    {
        var inputs = x.shape[0];
        var product = empty(delta.shape[0], inputs + 1, dtype: delta.dtype, device: delta.device);
        product.narrow(1, 0, inputs).addmm_(delta, x.t(), 0f, 1f);
        product.narrow(1, inputs, 1).copy_(delta.sum(1, keepdim: true));
        return product;
    }

    internal static Span<double> Doubles(Tensor contiguous) => MemoryMarshal.Cast<byte, double>(contiguous.bytes);

    /// <summary>
    /// From W_h[:, :784] x [N, m] (row-major, the batch along rows): h = σ(W_h[:, :784] x + W_h[:, 784]); a_y = W_y[:, :N] h + W_y[:, N]; y = σ(a_y);
    /// δ_y = (t − y) y (1 − y); ΔW_y = [δ_y hᵀ, Σ_b δ_y]; δ_h = (F δ_y) ⊙ h ⊙ (1 − h) into <paramref name="deltaH"/> with
    /// F = B [N, 10] or, when <paramref name="feedbackB"/> is empty, W_y[:, :N]ᵀ; and ΔW_h's bias column Σ_b δ_h into
    /// <paramref name="deltaWh"/> (row stride inputs + 1). t[r, b] is read at r·tRow + b·tCol. The loops keep four
    /// independent sums in flight (four columns' vectors, or four rows' dot products) so that no chain of dependent
    /// multiply-adds waits on the one before it.
    /// </summary>
    private static void FusedMiddle(ReadOnlySpan<double> product, ReadOnlySpan<double> wH, ReadOnlySpan<double> wY, ReadOnlySpan<double> feedbackB, ReadOnlySpan<double> t, int tRow, int tCol,
        Span<double> deltaH, Span<double> deltaWy, Span<double> deltaWh, int hidden, int batch, int outputs, int inputs)
    {
        var h = deltaH; // h first; each row becomes δ_h once ΔW_y has read it
        for (var k = 0; k < hidden; k++)
        {
            SigmoidInto(product.Slice(k * batch, batch), h.Slice(k * batch, batch), wH[(k * (inputs + 1)) + inputs]);
        }

        var stride = hidden + 1;
        // F [N, outputs] row-major: B, or W_y[:, :N]ᵀ for backprop.
        var feedback = new double[hidden * outputs];
        for (var k = 0; k < hidden; k++)
        {
            for (var r = 0; r < outputs; r++)
            {
                feedback[(k * outputs) + r] = feedbackB.IsEmpty ? wY[(r * stride) + k] : feedbackB[(k * outputs) + r];
            }
        }

        var deltaY = new double[outputs * batch];
        var vectorEnd = Vector256.IsHardwareAccelerated ? batch - (batch % 4) : 0;
        Affine(wY, h, deltaY, hidden, batch, outputs);
        SigmoidInto(deltaY, deltaY);
        for (var r = 0; r < outputs; r++)
        {
            for (var b = 0; b < batch; b++)
            {
                var y = deltaY[(r * batch) + b];
                deltaY[(r * batch) + b] = (t[(r * tRow) + (b * tCol)] - y) * y * (1.0 - y);
            }
        }

        Outer(deltaY, h, deltaWy, hidden, batch, outputs);
        for (var k = 0; k < hidden; k++)
        {
            var hk = h.Slice(k * batch, batch);
            var f = feedback.AsSpan(k * outputs, outputs);
            var b = 0;
            for (; b + 16 <= vectorEnd; b += 16)
            {
                var (g0, g1, g2, g3) = (Vector256<double>.Zero, Vector256<double>.Zero, Vector256<double>.Zero, Vector256<double>.Zero);
                for (var r = 0; r < outputs; r++)
                {
                    var fr = Vector256.Create(f[r]);
                    var dy = deltaY.AsSpan((r * batch) + b, 16);
                    g0 = Vector256.FusedMultiplyAdd(fr, Vector256.Create((ReadOnlySpan<double>)dy[..4]), g0);
                    g1 = Vector256.FusedMultiplyAdd(fr, Vector256.Create((ReadOnlySpan<double>)dy.Slice(4, 4)), g1);
                    g2 = Vector256.FusedMultiplyAdd(fr, Vector256.Create((ReadOnlySpan<double>)dy.Slice(8, 4)), g2);
                    g3 = Vector256.FusedMultiplyAdd(fr, Vector256.Create((ReadOnlySpan<double>)dy.Slice(12, 4)), g3);
                }

                HiddenDelta(g0, hk.Slice(b, 4));
                HiddenDelta(g1, hk.Slice(b + 4, 4));
                HiddenDelta(g2, hk.Slice(b + 8, 4));
                HiddenDelta(g3, hk.Slice(b + 12, 4));
            }

            for (; b + 4 <= vectorEnd; b += 4)
            {
                var g = Vector256<double>.Zero;
                for (var r = 0; r < outputs; r++)
                {
                    g = Vector256.FusedMultiplyAdd(Vector256.Create(f[r]), Vector256.Create(deltaY, (r * batch) + b), g);
                }

                HiddenDelta(g, hk.Slice(b, 4));
            }

            for (; b < batch; b++)
            {
                var g = 0.0;
                for (var r = 0; r < outputs; r++)
                {
                    g = Math.FusedMultiplyAdd(f[r], deltaY[(r * batch) + b], g);
                }

                hk[b] = g * hk[b] * (1.0 - hk[b]);
            }

            deltaWh[(k * (inputs + 1)) + inputs] = Sum(hk);
        }
    }

    /// <summary>h ← g ⊙ h ⊙ (1 − h) on four numbers.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void HiddenDelta(Vector256<double> g, Span<double> h)
    {
        var hv = Vector256.Create((ReadOnlySpan<double>)h);
        (g * hv * (Vector256<double>.One - hv)).CopyTo(h);
    }

    /// <summary>
    /// Node perturbation on CPU float64: the two big products in libtorch (W_h[:, :784] x and ΔW_h[:, :784] = δ xᵀ), the
    /// rest in <see cref="NodeMiddle"/>. The same equations as the tensor path in <see cref="NodePerturbation"/>.
    /// </summary>
    private static NodePerturbationUpdate? FusedNodePerturbation(Tensor wH, Tensor wY, Tensor x, Tensor t, Tensor xiH, Tensor xiY, double sigma)
    {
        foreach (var a in (Tensor[])[wH, wY, x, t, xiH, xiY])
        {
            if (a.device_type != TorchSharp.DeviceType.CPU || a.dtype != ScalarType.Float64 || a.dim() != 2 || (a.requires_grad && is_grad_enabled()))
            {
                return null;
            }
        }

        var (hidden, inputs, batch, outputs) = (wH.shape[0], x.shape[0], x.shape[1], wY.shape[0]);
        if (wH.shape[1] != inputs + 1 || wY.shape[1] != hidden + 1 || t.shape[0] != outputs || t.shape[1] != batch || xiH.shape[0] != hidden
            || xiH.shape[1] != batch || xiY.shape[0] != outputs || xiY.shape[1] != batch || batch == 0 || hidden == 0 || hidden * (inputs + 1) > int.MaxValue / 8)
        {
            return null;
        }

        var product = wH.narrow(1, 0, inputs).mm(x);
        var hiddenP = empty(hidden, batch, dtype: float64);
        var outputP = empty(outputs, batch, dtype: float64);
        var lossClean = empty(batch, dtype: float64);
        var lossNoisy = empty(batch, dtype: float64);
        var deltaLoss = empty(batch, dtype: float64);
        var deltaWy = empty(outputs, hidden + 1, dtype: float64);
        var delta = empty(hidden, batch, dtype: float64);
        var deltaWh = empty(hidden, inputs + 1, dtype: float64);
        using (var inputsScope = NewDisposeScope())
        {
            var (tBase, tRow, tCol) = t.is_contiguous() ? (t, (int)batch, 1) : t.t().is_contiguous() ? (t.t(), 1, (int)outputs) : (t.contiguous(), (int)batch, 1);
            NodeMiddle(
                new NodeSpans(Doubles(product), Doubles(wH.contiguous()), Doubles(wY.contiguous()), Doubles(tBase), tRow, tCol, Doubles(xiH.contiguous()), Doubles(xiY.contiguous()),
                    Doubles(hiddenP), Doubles(outputP), Doubles(lossClean), Doubles(lossNoisy), Doubles(deltaLoss), Doubles(deltaWy), Doubles(delta), Doubles(deltaWh)),
                (int)hidden, (int)batch, (int)outputs, (int)inputs, sigma);
        }

        deltaWh.narrow(1, 0, inputs).addmm_(delta, x.t(), 0f, 1f);
        product.Dispose();
        delta.Dispose();
        return new NodePerturbationUpdate(deltaWh, deltaWy, hiddenP, outputP, lossClean, lossNoisy, deltaLoss);
    }

    private ref struct NodeSpans(ReadOnlySpan<double> product, ReadOnlySpan<double> wH, ReadOnlySpan<double> wY, ReadOnlySpan<double> t, int tRow, int tCol,
        ReadOnlySpan<double> xiH, ReadOnlySpan<double> xiY, Span<double> hiddenP, Span<double> outputP, Span<double> lossClean, Span<double> lossNoisy,
        Span<double> deltaLoss, Span<double> deltaWy, Span<double> delta, Span<double> deltaWh)
    {
        public readonly ReadOnlySpan<double> Product = product, WH = wH, WY = wY, T = t, XiH = xiH, XiY = xiY;
        public readonly int TRow = tRow, TCol = tCol;
        public readonly Span<double> HiddenP = hiddenP, OutputP = outputP, LossClean = lossClean, LossNoisy = lossNoisy, DeltaLoss = deltaLoss, DeltaWy = deltaWy, Delta = delta, DeltaWh = deltaWh;
    }

    /// <summary>
    /// h = σ(W_h[:, :784] x + W_h[:, 784]); h_p = h + ξ_h; y = σ(W_y h̃); y_p = σ(W_y [h_p; 1]) + ξ_y; ℓ, ℓ_p per sample;
    /// Δℓ = ℓ − ℓ_p; s_b = Δℓ_b / (m σ²); ΔW_y = ((y_p − y) ⊙ s) [h_p; 1]ᵀ; δ = (h_p − h) ⊙ s and ΔW_h's bias column Σ_b δ.
    /// </summary>
    private static void NodeMiddle(NodeSpans io, int hidden, int batch, int outputs, int inputs, double sigma)
    {
        var h = new double[hidden * batch];
        for (var k = 0; k < hidden; k++)
        {
            SigmoidInto(io.Product.Slice(k * batch, batch), h.AsSpan(k * batch, batch), io.WH[(k * (inputs + 1)) + inputs]);
        }

        var hiddenP = io.HiddenP;
        for (var i = 0; i < h.Length; i++)
        {
            hiddenP[i] = h[i] + io.XiH[i];
        }

        var y = new double[outputs * batch];
        Affine(io.WY, h, y, hidden, batch, outputs);
        SigmoidInto(y, y);
        var outputP = io.OutputP;
        Affine(io.WY, hiddenP, outputP, hidden, batch, outputs);
        SigmoidInto(outputP, outputP);
        for (var i = 0; i < outputP.Length; i++)
        {
            outputP[i] += io.XiY[i];
        }

        var lossClean = io.LossClean;
        var lossNoisy = io.LossNoisy;
        var deltaLoss = io.DeltaLoss;
        var scale = new double[batch];
        for (var b = 0; b < batch; b++)
        {
            var (clean, noisy) = (0.0, 0.0);
            for (var r = 0; r < outputs; r++)
            {
                var target = io.T[(r * io.TRow) + (b * io.TCol)];
                var (e, ep) = (target - y[(r * batch) + b], target - outputP[(r * batch) + b]);
                clean += e * e;
                noisy += ep * ep;
            }

            lossClean[b] = clean;
            lossNoisy[b] = noisy;
            deltaLoss[b] = lossClean[b] - lossNoisy[b];
            scale[b] = deltaLoss[b] / (batch * sigma * sigma);
        }

        var weighted = new double[outputs * batch];
        for (var i = 0; i < weighted.Length; i++)
        {
            var outputDiff = outputP[i] - y[i];
            weighted[i] = outputDiff * scale[i % batch];
        }

        Outer(weighted, hiddenP, io.DeltaWy, hidden, batch, outputs);
        for (var k = 0; k < hidden; k++)
        {
            var row = io.Delta.Slice(k * batch, batch);
            for (var b = 0; b < batch; b++)
            {
                row[b] = (hiddenP[(k * batch) + b] - h[(k * batch) + b]) * scale[b];
            }

            io.DeltaWh[(k * (inputs + 1)) + inputs] = Sum(row);
        }
    }

    /// <summary>target[r, b] = W[r, N] + Σ_k W[r, k] source[k, b] for W [outputs, N + 1] (bias last), source [N, m], target [outputs, m].</summary>
    private static void Affine(ReadOnlySpan<double> wY, ReadOnlySpan<double> source, Span<double> target, int hidden, int batch, int outputs)
    {
        var stride = hidden + 1;
        var vectorEnd = Vector256.IsHardwareAccelerated ? batch - (batch % 4) : 0;
        for (var r = 0; r < outputs; r++)
        {
            var row = target.Slice(r * batch, batch);
            var w = wY.Slice(r * stride, stride);
            var b = 0;
            for (; b + 16 <= vectorEnd; b += 16)
            {
                var bias = Vector256.Create(w[hidden]);
                var (a0, a1, a2, a3) = (bias, bias, bias, bias);
                for (var k = 0; k < hidden; k++)
                {
                    var wk = Vector256.Create(w[k]);
                    var hk = source.Slice((k * batch) + b, 16);
                    a0 = Vector256.FusedMultiplyAdd(wk, Vector256.Create(hk[..4]), a0);
                    a1 = Vector256.FusedMultiplyAdd(wk, Vector256.Create(hk.Slice(4, 4)), a1);
                    a2 = Vector256.FusedMultiplyAdd(wk, Vector256.Create(hk.Slice(8, 4)), a2);
                    a3 = Vector256.FusedMultiplyAdd(wk, Vector256.Create(hk.Slice(12, 4)), a3);
                }

                a0.CopyTo(row.Slice(b, 4));
                a1.CopyTo(row.Slice(b + 4, 4));
                a2.CopyTo(row.Slice(b + 8, 4));
                a3.CopyTo(row.Slice(b + 12, 4));
            }

            for (; b + 4 <= vectorEnd; b += 4)
            {
                var a0 = Vector256.Create(w[hidden]);
                for (var k = 0; k < hidden; k++)
                {
                    a0 = Vector256.FusedMultiplyAdd(Vector256.Create(w[k]), Vector256.Create(source.Slice((k * batch) + b, 4)), a0);
                }

                a0.CopyTo(row.Slice(b, 4));
            }

            for (; b < batch; b++)
            {
                var a = w[hidden];
                for (var k = 0; k < hidden; k++)
                {
                    a = Math.FusedMultiplyAdd(w[k], source[(k * batch) + b], a);
                }

                row[b] = a;
            }
        }
    }

    /// <summary>ΔW[r, k] = Σ_b e[r, b] source[k, b] and ΔW[r, N] = Σ_b e[r, b]: e [outputs, m] times [source; 1]ᵀ, source [N, m].</summary>
    private static void Outer(ReadOnlySpan<double> e, ReadOnlySpan<double> source, Span<double> deltaW, int hidden, int batch, int outputs)
    {
        var stride = hidden + 1;
        var vectorEnd = Vector256.IsHardwareAccelerated ? batch - (batch % 4) : 0;
        for (var r = 0; r < outputs; r++)
        {
            var row = e.Slice(r * batch, batch);
            deltaW[(r * stride) + hidden] = Sum(row);
            var k4 = 0;
            for (; k4 + 4 <= hidden; k4 += 4)
            {
                var (d0, d1, d2, d3) = Dot4(row, source.Slice(k4 * batch, 4 * batch), batch, vectorEnd);
                deltaW[(r * stride) + k4] = d0;
                deltaW[(r * stride) + k4 + 1] = d1;
                deltaW[(r * stride) + k4 + 2] = d2;
                deltaW[(r * stride) + k4 + 3] = d3;
            }

            for (; k4 < hidden; k4++)
            {
                var d = 0.0;
                for (var b = 0; b < batch; b++)
                {
                    d = Math.FusedMultiplyAdd(row[b], source[(k4 * batch) + b], d);
                }

                deltaW[(r * stride) + k4] = d;
            }
        }
    }

    /// <summary>Four dot products of <paramref name="x"/> [m] with the four consecutive rows of <paramref name="rows"/> [4, m].</summary>
    private static (double, double, double, double) Dot4(ReadOnlySpan<double> x, ReadOnlySpan<double> rows, int batch, int vectorEnd)
    {
        var (a0, a1, a2, a3) = (Vector256<double>.Zero, Vector256<double>.Zero, Vector256<double>.Zero, Vector256<double>.Zero);
        var b = 0;
        for (; b + 4 <= vectorEnd; b += 4)
        {
            var xv = Vector256.Create(x.Slice(b, 4));
            a0 = Vector256.FusedMultiplyAdd(xv, Vector256.Create(rows.Slice(b, 4)), a0);
            a1 = Vector256.FusedMultiplyAdd(xv, Vector256.Create(rows.Slice(batch + b, 4)), a1);
            a2 = Vector256.FusedMultiplyAdd(xv, Vector256.Create(rows.Slice((2 * batch) + b, 4)), a2);
            a3 = Vector256.FusedMultiplyAdd(xv, Vector256.Create(rows.Slice((3 * batch) + b, 4)), a3);
        }

        var (s0, s1, s2, s3) = (Vector256.Sum(a0), Vector256.Sum(a1), Vector256.Sum(a2), Vector256.Sum(a3));
        for (; b < batch; b++)
        {
            s0 = Math.FusedMultiplyAdd(x[b], rows[b], s0);
            s1 = Math.FusedMultiplyAdd(x[b], rows[batch + b], s1);
            s2 = Math.FusedMultiplyAdd(x[b], rows[(2 * batch) + b], s2);
            s3 = Math.FusedMultiplyAdd(x[b], rows[(3 * batch) + b], s3);
        }

        return (s0, s1, s2, s3);
    }

    /// <summary>σ(a + bias) = 1/(1 + exp(−clip(a + bias, −500, 500))), elementwise (target may be the source).</summary>
    internal static void SigmoidInto(ReadOnlySpan<double> a, Span<double> target, double bias = 0.0)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var low = Vector256.Create(-500.0);
            var high = Vector256.Create(500.0);
            var shift = Vector256.Create(bias);
            for (; i + 4 <= a.Length; i += 4)
            {
                var clipped = Vector256.Min(Vector256.Max(Vector256.Create(a.Slice(i, 4)) + shift, low), high);
                (Vector256<double>.One / (Vector256<double>.One + Vector256.Exp(-clipped))).CopyTo(target.Slice(i, 4));
            }
        }

        for (; i < a.Length; i++)
        {
            target[i] = 1.0 / (1.0 + Math.Exp(-Math.Clamp(a[i] + bias, -500.0, 500.0)));
        }
    }

    private static double Sum(ReadOnlySpan<double> x)
    {
        var total = 0.0;
        foreach (var v in x)
        {
            total += v;
        }

        return total;
    }

    private static Tensor ReluDerivative(Tensor activity) => activity.gt(0.0).to(activity.dtype);
}
