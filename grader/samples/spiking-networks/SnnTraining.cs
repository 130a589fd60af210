using static TorchSharp.torch;

namespace NeuroExercises.Week04.SpikingNetworks;

/// <summary>
/// Loss, gradients by backpropagation through time and training of the <see cref="SpikingNetwork"/> (snnTorch tutorial 5):
/// the loss is the output membrane's cross-entropy summed over steps, L = Σ_t CE(U²_t, y), CE the batch mean of
/// −log softmax(U²_t)[y].
/// </summary>
public static class SnnTraining
{
    /// <summary>L = Σ_t CE(U²_t, y): the output membranes' cross-entropy (mean over the batch), summed (not averaged) over steps.</summary>
    /// <remarks>
    /// Graded by <c>spiking-networks/SnnTrainingChecks.Losses</c> (loss of snn_net.npz, rtol 1e-6) and through the gradients.
    /// </remarks>
    /// <param name="mem2">U² [T, N, C].</param>
    /// <param name="labels">y [N] (int64).</param>
    /// <returns>L (0-d).</returns>
    public static Tensor MembraneLoss(Tensor mem2, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(mem2);
        ArgumentNullException.ThrowIfNull(labels);
        using var scope = NewDisposeScope();
        var steps = mem2.shape[0];
        // Σ_t mean_n CE(U²_t[n], y_n) = (Σ over every t and n of CE) / N: one cross-entropy over the T·N rows (row t·N + n,
        // labels repeated T times) instead of T of them and T − 1 additions.
        var loss = nn.functional.cross_entropy(mem2.reshape(-1, mem2.shape[^1]), labels.repeat(steps), reduction: nn.Reduction.Sum) / mem2.shape[1];
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The two other read-outs, as values: CE(Σ_t S²_t, y) (the spike count as logits) and (1/T) Σ_t CE(S²_t, y).
    /// </summary>
    /// <remarks>Graded by <c>spiking-networks/SnnTrainingChecks.Losses</c>: ce_count_loss and ce_rate_loss (rtol 1e-6).</remarks>
    /// <param name="spk2">S² [T, N, C].</param>
    /// <param name="labels">y [N].</param>
    /// <returns>The count loss and the rate loss (0-d each).</returns>
    public static (Tensor Count, Tensor Rate) SpikeLosses(Tensor spk2, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(spk2);
        ArgumentNullException.ThrowIfNull(labels);
        using var scope = NewDisposeScope();
        var count = nn.functional.cross_entropy(spk2.sum(dim: 0), labels);
        var steps = spk2.unbind(0);
        var rate = nn.functional.cross_entropy(steps[0], labels);
        for (var t = 1; t < steps.Length; t++)
        {
            rate = rate + nn.functional.cross_entropy(steps[t], labels);
        }

        return (count.MoveToOuterDisposeScope(), (rate / steps.Length).MoveToOuterDisposeScope());
    }

    /// <summary>
    /// The loss L = Σ_t CE(U²_t, y) of a forward pass and its gradients with respect to W1, b1, W2, b2 by backpropagation
    /// through time: through the β·U paths of both layers, the reset detached, the hidden spikes differentiated by the
    /// options' surrogate (the true derivative with respect to b1 is 0 almost everywhere; the surrogate's is not).
    /// </summary>
    /// <remarks>
    /// Graded by <c>spiking-networks/SnnTrainingChecks.GradientsAtan</c> (grad_* of snn_net.npz, 1e-5 × max |golden|)
    /// and <c>spiking-networks/SnnTrainingChecks.GradientsFastSigmoid</c> (grad_*_fast_sigmoid, 1e-4 × max |golden| for
    /// layer 1).
    /// </remarks>
    /// <param name="network">The weights (not changed; their .grad is not used).</param>
    /// <param name="x">Inputs [N, D].</param>
    /// <param name="labels">y [N].</param>
    /// <param name="options">T, β, θ, the surrogate.</param>
    /// <returns>L and the four gradients (detached).</returns>
    public static SnnGradients Gradients(SpikingNetwork network, Tensor x, Tensor labels, SnnOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(options);
        using var scope = NewDisposeScope();
        using var enabled = enable_grad();
        // The forward pass of SpikingNetwork.Forward, keeping only U² (the loss reads nothing else).
        var loss = MembraneLoss(network.OutputMembranes(x, options), labels);
        var grads = autograd.grad([loss], [.. network.Parameters]);
        return new SnnGradients(
            loss.detach().MoveToOuterDisposeScope(),
            grads[0].MoveToOuterDisposeScope(),
            grads[1].MoveToOuterDisposeScope(),
            grads[2].MoveToOuterDisposeScope(),
            grads[3].MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Full-batch training: <paramref name="iterations"/> times, <see cref="Gradients"/> then one <see cref="SnnAdam"/>
    /// step (lr, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, from zero state). Returns the loss before each step and after the last.
    /// </summary>
    /// <remarks>
    /// Graded by <c>spiking-networks/SnnTrainingChecks.TrainLosses</c> (train_losses of snn_net.npz: the first 5 at rtol 1e-5,
    /// the rest 5e-2: once a hidden spike flips the runs part, and another summation order flips one at the 6th loss) and <c>spiking-networks/SnnTrainingChecks.TrainShort</c> (verdicts in the grader's process: the loss
    /// falls, the reported losses are those of the weights, the batch is classified by spike count).
    /// </remarks>
    /// <param name="network">Trained in place.</param>
    /// <param name="x">Inputs [N, D].</param>
    /// <param name="labels">y [N].</param>
    /// <param name="options">T, β, θ, the surrogate.</param>
    /// <param name="iterations">Adam steps.</param>
    /// <param name="learningRate">lr.</param>
    /// <returns>iterations + 1 losses.</returns>
    public static float[] Train(SpikingNetwork network, Tensor x, Tensor labels, SnnOptions options, int iterations, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(options);
        throw new NotImplementedException("SnnTraining.Train: loop: gradients (record the loss), Adam step; finally record the loss of the trained weights; see its XML doc.");
    }

    /// <summary>The predicted class of each input: the output with the most spikes (argmax of Σ_t S²_t; ties to the lowest index).</summary>
    /// <param name="spikeCount">Σ_t S²_t [N, C].</param>
    /// <returns>Classes [N] (int64).</returns>
    public static Tensor Predict(Tensor spikeCount)
    {
        ArgumentNullException.ThrowIfNull(spikeCount);
        return spikeCount.argmax(1);
    }
}
