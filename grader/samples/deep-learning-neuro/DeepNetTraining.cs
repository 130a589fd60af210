using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro;

/// <summary>
/// Training and evaluating the <see cref="DeepNet"/> decoder (Tutorial 1): the mean squared error, full-batch gradient
/// descent, and the decoding error on held-out stimuli.
/// </summary>
public static class DeepNetTraining
{
    /// <summary>The mean squared error L = mean_n (ŷ_n − y_n)² (nn.MSELoss with reduction 'mean').</summary>
    /// <remarks>Graded by <c>deep-learning-neuro/DeepNetTrainingChecks.Mse</c> (mse_sample, mse_sample_linear; 2e-6 relative).</remarks>
    /// <param name="prediction">ŷ [B, 1].</param>
    /// <param name="target">y [B, 1].</param>
    /// <returns>L, a 0-d tensor (differentiable).</returns>
    public static Tensor Mse(Tensor prediction, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        using var scope = NewDisposeScope();
        return (prediction - target).square().mean().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Full-batch gradient descent on the MSE (SGD without momentum): for each of <paramref name="steps"/> steps, L =
    /// <see cref="Mse"/>(net.Forward(r), y) is recorded, then every weight moves θ ← θ − lr · ∂L/∂θ (gradients zeroed
    /// before each backward pass). The network's weights change in place.
    /// </summary>
    /// <remarks>
    /// Graded by <c>deep-learning-neuro/DeepNetTrainingChecks.TrainThreeSteps</c> (deepnet.npz: after3_*, the first three of
    /// train_loss; 2e-6 of max |golden|) and <c>deep-learning-neuro/DeepNetTrainingChecks.StepLowersLoss</c>.
    /// The course: lr 1e-4, 50 steps on all 216 training stimuli.
    /// </remarks>
    /// <param name="net">The network.</param>
    /// <param name="r">r [B, N].</param>
    /// <param name="target">y [B, 1] (degrees).</param>
    /// <param name="learningRate">lr.</param>
    /// <param name="steps">Number of steps.</param>
    /// <returns>The loss before each step [steps] (float32).</returns>
    public static Tensor Train(DeepNet net, Tensor r, Tensor target, double learningRate, int steps)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(target);
        var losses = new float[steps];
        for (var step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            foreach (var p in net.Parameters)
            {
                p.grad?.zero_();
            }

            var loss = Mse(net.Forward(r), target);
            losses[step] = loss.item<float>();
            loss.backward();
            using var noGrad = no_grad();
            foreach (var p in net.Parameters)
            {
                p.sub_(p.grad! * learningRate);
            }
        }

        return tensor(losses);
    }

    /// <summary>The decoding error on held-out stimuli, ŷ − y with ŷ = net.Forward(r) (degrees; no gradients).</summary>
    /// <remarks>Graded by <c>deep-learning-neuro/DeepNetTrainingChecks.DecodingError</c> (deepnet.npz: decoding_error of the stored final weights; 2e-6 of max |golden|).</remarks>
    /// <param name="net">The trained network.</param>
    /// <param name="r">r [B, N] of the test stimuli.</param>
    /// <param name="target">Their angles y [B, 1].</param>
    /// <returns>ŷ − y [B, 1].</returns>
    public static Tensor DecodingError(DeepNet net, Tensor r, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(target);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return (net.Forward(r) - target).MoveToOuterDisposeScope();
    }
}
