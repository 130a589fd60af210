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
        throw new NotImplementedException("DeepNetTraining.Mse: average the squared differences over all entries; see its XML doc.");
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
        throw new NotImplementedException("DeepNetTraining.Train: per step: zero the gradients, compute and record the MSE, backward, then θ ← θ − lr·grad under no_grad; see its XML doc.");
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
        throw new NotImplementedException("DeepNetTraining.DecodingError: under no_grad, subtract the targets from the network's output; see its XML doc.");
    }
}
