using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro;

/// <summary>Training and testing the <see cref="TiltCnn"/> (Tutorial 3): binary cross-entropy, SGD with momentum over stored permutations, accuracy.</summary>
public static class TiltTraining
{
    /// <summary>
    /// The binary cross-entropy as PyTorch's BCELoss (mean): −mean[y log p + (1 − y) log(1 − p)], each log clamped at −100,
    /// with a gradient that stays finite when σ saturates to exactly 0 or 1: ∂/∂p = (p − y)/max(p(1 − p), 1e-12)/B. A
    /// hand-written clamp of log(1 − p) is not enough: at p = 1 its backward is 0/0 = NaN and the NaN spreads to every weight.
    /// </summary>
    /// <remarks>
    /// Graded by <c>deep-learning-neuro/TiltCnnChecks.BceSaturated</c> (the loss and its gradient at p = 0, 1 and in between,
    /// all finite) and through training by <c>deep-learning-neuro/TiltCnnChecks.TrainThreeSteps</c>.
    /// </remarks>
    /// <param name="probability">p [B, 1] in [0, 1].</param>
    /// <param name="target">y [B, 1] (0 or 1, float32).</param>
    /// <returns>The loss, a 0-d tensor (differentiable).</returns>
    public static Tensor Bce(Tensor probability, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(probability);
        ArgumentNullException.ThrowIfNull(target);
        throw new NotImplementedException("TiltTraining.Bce: use nn.functional.binary_cross_entropy (PyTorch's BCELoss, whose gradient is safe at p = 0 and 1); see its XML doc.");
    }

    /// <summary>
    /// Minibatch training: for epoch e and batch b, the samples perm[e, b·size … (b + 1)·size − 1] are taken in that order
    /// (the course's N = 1000 and size = 100 leave no partial batch; a last partial batch would be taken as it is);
    /// the loss <see cref="Bce"/>(net.Forward(x), y) is recorded before the step, then one <see cref="MomentumSgd"/> step
    /// (lr, μ) moves all six weights. Stops after <paramref name="maxSteps"/> steps. The weights change in place.
    /// </summary>
    /// <remarks>
    /// Graded by <c>deep-learning-neuro/TiltCnnChecks.TrainThreeSteps</c> (cnn.npz: after1_*, after3_*, the first three of
    /// track_loss; 1e-5 of max |golden|, after3_conv_bias 2e-6 absolute). The course: batches of 100, lr 5e-4, μ 0.99, 25
    /// epochs of 1000 samples (250 steps).
    /// </remarks>
    /// <param name="net">The network.</param>
    /// <param name="images">x [N, 1, 48, 64].</param>
    /// <param name="labels">y [N, 1] (1 = tilted right, float32).</param>
    /// <param name="permutations">perm [E, N] (int64): one permutation per epoch.</param>
    /// <param name="batchSize">The minibatch size (100).</param>
    /// <param name="learningRate">lr.</param>
    /// <param name="momentum">μ.</param>
    /// <param name="maxSteps">The most steps to take.</param>
    /// <returns>The loss of each minibatch before its step [steps] (float32).</returns>
    public static Tensor Train(TiltCnn net, Tensor images, Tensor labels, Tensor permutations, int batchSize, double learningRate, double momentum, int maxSteps = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(permutations);
        throw new NotImplementedException("TiltTraining.Train: loop over epochs and batches of the stored permutations; zero grads, BCE, record, backward, MomentumSgd.Step; see its XML doc.");
    }

    /// <summary>The test accuracy mean((p &gt; 0.5) = (orientation &gt; 0)) with p = net.Forward(x).</summary>
    /// <remarks>Graded by <c>deep-learning-neuro/TiltCnnChecks.Accuracy</c> (cnn.npz: test_acc of the stored final weights on the 180 test gratings, exactly).</remarks>
    /// <param name="net">The network.</param>
    /// <param name="images">x [N, 1, 48, 64].</param>
    /// <param name="orientations">The angles [N] (degrees).</param>
    /// <returns>The fraction correct.</returns>
    public static double Accuracy(TiltCnn net, Tensor images, Tensor orientations)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(orientations);
        throw new NotImplementedException("TiltTraining.Accuracy: compare p > 0.5 with orientation > 0 and average; see its XML doc.");
    }
}
