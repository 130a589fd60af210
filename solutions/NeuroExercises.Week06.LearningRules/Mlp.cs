using static TorchSharp.torch;

namespace NeuroExercises.Week06.LearningRules;

/// <summary>
/// The course's two-layer network (NeuroAI W2D3 "Microlearning", as the course's float64 reference computes it) in the
/// COLUMN layout and in float64: arrays are [units, batch m]; every weight matrix carries its bias as its LAST column and
/// its input is augmented with a final row of ones, x̃ = [x; 1] [785, m], h̃ = [h; 1] [N + 1, m]. h = σ(W_h x̃) [N, m],
/// y = σ(W_y h̃) [10, m] with W_h [N, 785] and W_y [10, N + 1]; σ(a) = 1/(1 + exp(−clip(a, −500, 500))).
/// </summary>
public static class Mlp
{
    /// <summary>The course's sigmoid with clipping: σ(a) = 1/(1 + exp(−clip(a, −500, 500))).</summary>
    /// <remarks>Graded by <c>learning-rules/MlpChecks.Forward</c> (through hidden and output, 1e-12 of the largest value).</remarks>
    /// <param name="a">Any shape, float64.</param>
    /// <returns>σ(a), same shape and dtype.</returns>
    public static Tensor Sigmoid(Tensor a)
    {
        ArgumentNullException.ThrowIfNull(a);
        // BEGIN SOLUTION
        // STUB: clip a to [−500, 500], then 1/(1 + exp(−a)).
        if (a.device_type == TorchSharp.DeviceType.CPU && a.dtype == ScalarType.Float64 && a.is_contiguous() && !(a.requires_grad && is_grad_enabled())
            && a.numel() is > 0 and < int.MaxValue / 8)
        {
            // One vectorised C# pass (the same arithmetic) instead of five tensor operations of ≈ 2 µs each.
            var result = empty_like(a);
            LearningRules.SigmoidInto(LearningRules.Doubles(a), LearningRules.Doubles(result));
            return result;
        }

        using var scope = NewDisposeScope();
        // clamp makes the one new tensor; the other steps work in place on it (the same arithmetic, one allocation).
        return a.clamp(-500.0, 500.0).neg_().exp_().add_(1.0).reciprocal_().MoveToOuterDisposeScope();
        // END SOLUTION
    }

    /// <summary>Appends a final row of ones: x̃ = [x; 1]. The bias is the LAST column of every weight matrix.</summary>
    /// <remarks>Graded by <c>learning-rules/MlpChecks.Forward</c> and every update check (a first row of ones permutes every weight array).</remarks>
    /// <param name="x">[d, m].</param>
    /// <returns>[d + 1, m], same dtype.</returns>
    public static Tensor Augment(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        // BEGIN SOLUTION
        // STUB: concatenate a [1, m] row of ones BELOW x (dimension 0).
        using var scope = NewDisposeScope();
        return cat([x, ones(1, x.shape[1], dtype: x.dtype, device: x.device)], 0).MoveToOuterDisposeScope();
        // END SOLUTION
    }

    /// <summary>The sigmoid network's forward pass: a_h = W_h x̃, h = σ(a_h), a_y = W_y h̃, y = σ(a_y).</summary>
    /// <remarks>
    /// Graded by <c>learning-rules/MlpChecks.Forward</c>: hidden_pre, hidden, output_pre, output of mlp_rules.npz within 1e-12 of
    /// each array's largest |value| (float64).
    /// </remarks>
    /// <param name="wH">W_h [N, 785] float64 (bias last column).</param>
    /// <param name="wY">W_y [10, N + 1] float64 (bias last column).</param>
    /// <param name="x">x [784, m] float64, one sample per column.</param>
    /// <returns>a_h, h [N, m], a_y, y [10, m] (new tensors).</returns>
    public static MlpPass Forward(Tensor wH, Tensor wY, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(wH);
        ArgumentNullException.ThrowIfNull(wY);
        ArgumentNullException.ThrowIfNull(x);
        // BEGIN SOLUTION
        // STUB: a_h = W_h [x; 1], h = Sigmoid(a_h), a_y = W_y [h; 1], y = Sigmoid(a_y).
        using var scope = NewDisposeScope();
        var hiddenPre = wH.matmul(Augment(x));
        var hidden = Sigmoid(hiddenPre);
        var outputPre = wY.matmul(Augment(hidden));
        var output = Sigmoid(outputPre);
        return new MlpPass(hiddenPre.MoveToOuterDisposeScope(), hidden.MoveToOuterDisposeScope(), outputPre.MoveToOuterDisposeScope(), output.MoveToOuterDisposeScope());
        // END SOLUTION
    }

    /// <summary>
    /// The ReLU variant: relu(a) = a for a ≥ 0, else 0, in BOTH layers: h = relu(W_h x̃), y = relu(W_y h̃).
    /// </summary>
    /// <remarks>Graded by <c>learning-rules/LearningRulesChecks.BackpropRelu</c>: relu_hidden, relu_output (1e-12 of the largest value).</remarks>
    /// <param name="wH">W_h [N, 785] float64.</param>
    /// <param name="wY">W_y [10, N + 1] float64.</param>
    /// <param name="x">x [784, m] float64.</param>
    /// <returns>a_h, h, a_y, y (new tensors).</returns>
    public static MlpPass ForwardRelu(Tensor wH, Tensor wY, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(wH);
        ArgumentNullException.ThrowIfNull(wY);
        ArgumentNullException.ThrowIfNull(x);
        // BEGIN SOLUTION
        // STUB: the same as Forward with relu in place of the sigmoid in both layers.
        using var scope = NewDisposeScope();
        var hiddenPre = wH.matmul(Augment(x));
        var hidden = hiddenPre.relu();
        var outputPre = wY.matmul(Augment(hidden));
        var output = outputPre.relu();
        return new MlpPass(hiddenPre.MoveToOuterDisposeScope(), hidden.MoveToOuterDisposeScope(), outputPre.MoveToOuterDisposeScope(), output.MoveToOuterDisposeScope());
        // END SOLUTION
    }

    /// <summary>Per-sample loss ℓ_b = Σ_o (t_ob − y_ob)² (no ½, summed over the 10 outputs).</summary>
    /// <remarks>Graded by <c>learning-rules/MlpChecks.Forward</c> (loss_batch, 1e-12 of the largest value) and every training check.</remarks>
    /// <param name="y">Outputs [10, m].</param>
    /// <param name="t">One-hot targets [10, m].</param>
    /// <returns>ℓ [m].</returns>
    public static Tensor Losses(Tensor y, Tensor t)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(t);
        // BEGIN SOLUTION
        // STUB: square t − y and sum over dimension 0 (the outputs): sum(dim: 0) or sum(0L). A bare sum(0) compiles but picks
        // the sum(ScalarType) overload (0 = Byte), and the mean of Byte losses then throws in Loss.
        using var scope = NewDisposeScope();
        return (t - y).square().sum(dim: 0).MoveToOuterDisposeScope();
        // END SOLUTION
    }

    /// <summary>Batch loss L = (1/m) Σ_b ℓ_b.</summary>
    /// <remarks>Graded by <c>learning-rules/MlpChecks.Forward</c> (loss) and every training check (the recorded losses).</remarks>
    /// <param name="y">Outputs [10, m].</param>
    /// <param name="t">One-hot targets [10, m].</param>
    /// <returns>L, 0-d.</returns>
    public static Tensor Loss(Tensor y, Tensor t)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(t);
        // BEGIN SOLUTION
        // STUB: the mean over the batch of Losses(y, t).
        using var scope = NewDisposeScope();
        return Losses(y, t).mean().MoveToOuterDisposeScope();
        // END SOLUTION
    }

    /// <summary>
    /// Accuracy in percent with the TIE rule: a sample is correct when its target unit attains the maximum output, so a tie
    /// that includes the target counts as correct: 100 · (Σ_b [y_{target(b), b} = max_o y_ob] / m), the count divided by m
    /// first, then times 100 (as the course: 100 · mean), NOT argmax's first maximum.
    /// </summary>
    /// <remarks>
    /// Graded by <c>learning-rules/MlpChecks.Forward</c> (accuracy exactly), <c>learning-rules/MlpChecks.AccuracyTies</c> (ties
    /// where the target is not the first maximum) and the training checks.
    /// </remarks>
    /// <param name="y">Outputs [10, m].</param>
    /// <param name="t">One-hot targets [10, m].</param>
    /// <returns>The accuracy in percent.</returns>
    public static double Accuracy(Tensor y, Tensor t)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(t);
        // BEGIN SOLUTION
        // STUB: compare y at each sample's target unit with the column's maximum; count equal ones.
        using var scope = NewDisposeScope();
        var target = t.argmax(0).unsqueeze(0);
        var atTarget = y.gather(0, target).squeeze(0);
        var correct = atTarget.eq(y.amax([0])).sum().item<long>();
        return 100.0 * ((double)correct / y.shape[1]);
        // END SOLUTION
    }
}
