using static TorchSharp.torch;

namespace NeuroExercises.Week03.Microcircuits;

/// <summary>Parameter counts, accuracy and full-batch Adam training of the sparse-AND models.</summary>
public static class Models
{
    /// <summary>The number of trainable scalars: Σ over the parameters of their element counts.</summary>
    /// <remarks>Graded by <c>microcircuits/ModelsChecks.ParameterCounts</c>: <c>mlp_n_params</c> = 9729, <c>sat_n_params</c> = 65 (exact).</remarks>
    /// <param name="model">Any module.</param>
    /// <returns>The count.</returns>
    public static long CountParameters(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        // BEGIN SOLUTION
        // STUB: sum the element counts of the trainable parameters
        return model.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
        // END SOLUTION
    }

    /// <summary>Accuracy = mean(round(ŷ) = y) with round half to even (0.5 → 0).</summary>
    /// <remarks>Graded by <c>microcircuits/ModelsChecks.Training</c> (<c>sat_train_acc</c>, exact: every initial output is 0.5) and <c>microcircuits/ModelsChecks.ParameterCounts</c> (a crafted output with ties at 0.5).</remarks>
    /// <param name="output">ŷ [B, 1] or [B].</param>
    /// <param name="target">y, the shape of <paramref name="output"/>.</param>
    /// <returns>The accuracy in [0, 1].</returns>
    public static double Accuracy(Tensor output, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(target);
        // BEGIN SOLUTION
        // STUB: compare round(ŷ) (half to even) with y and average
        using var scope = NewDisposeScope();
        return output.round().eq(target.to(output.dtype)).to(ScalarType.Float32).mean().item<float>();
        // END SOLUTION
    }

    /// <summary>
    /// Full-batch training with Adam (β = (0.9, 0.999), ε = 1e-8, no weight decay) on the mean binary cross-entropy of
    /// ŷ.squeeze() against y.squeeze(); records the loss and accuracy of each step's forward pass before the update. The
    /// model trains in whatever mode the caller set (call eval() for dropout off, as the goldens).
    /// </summary>
    /// <remarks>
    /// Graded by <c>microcircuits/ModelsChecks.Training</c> (hidden): <c>sat_losses</c> and <c>sat_train_acc</c> (10 steps,
    /// lr 1e-2), <c>mlp_losses</c> and <c>mlp_train_acc</c> (5 steps, lr 1e-3, the MLP passed in eval mode: switching it
    /// to training mode turns dropout on and fails), <c>sat_after_*</c> (1e-5 of max |golden|) and <c>mlp_after_*</c>
    /// (2e-4 of max |golden|: Adam's first steps ≈ lr·sign(g) amplify rounding in near-zero gradients).
    /// </remarks>
    /// <param name="model">The model (its parameters are updated in place).</param>
    /// <param name="x">X [B, 17].</param>
    /// <param name="y">y [B, 1] (0/1 float32).</param>
    /// <param name="learningRate">Adam's lr.</param>
    /// <param name="steps">Number of steps.</param>
    /// <returns>Losses and accuracies before each step.</returns>
    public static TrainingHistory Train(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, double learningRate, int steps)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        // BEGIN SOLUTION
        // STUB: Adam on BCE(ŷ.squeeze(), y.squeeze()), recording the loss and accuracy before each step
        var optimizer = optim.Adam(model.parameters(), learningRate, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0);
        var losses = new List<double>();
        var accuracies = new List<double>();
        for (var step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var output = model.call(x);
            var loss = nn.functional.binary_cross_entropy(output.squeeze(), y.squeeze());
            losses.Add(loss.item<float>());
            accuracies.Add(Accuracy(output.detach(), y));
            loss.backward();
            optimizer.step();
        }

        return new TrainingHistory(losses, accuracies);
        // END SOLUTION
    }
}
