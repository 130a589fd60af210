using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn;

/// <summary>Trains a network on the reaching task.</summary>
public static class Trainer
{
    /// <summary>
    /// Backpropagation through time with Adam. First call <c>torch.manual_seed(</c><see cref="TrainingOptions.Seed"/><c>)</c>
    /// (before any other draw). The training sequences are the (condition, delay) pairs of <paramref name="split"/>'s
    /// training conditions, condition-major: for each condition of <see cref="ConditionSplit.Train"/> in its (sorted)
    /// order, every delay 0..D−1 — i.e. <c>InputsWithDelay[train]</c> reshaped to [C·D, T, I], with targets
    /// <c>OutputsWithDelay[train]</c> reshaped to [C·D, T, O] — or, when <see cref="TrainingOptions.UseAllDelays"/> is
    /// false, the fixed-delay <see cref="PreparedDataset.Inputs"/> of those conditions with targets
    /// <see cref="PreparedDataset.Outputs"/> of the same conditions. All of them, and the permutation, go to the model's
    /// device (that of J) as float32 before indexing. Create <c>optim.Adam(model.parameters(), LearningRate)</c> once, with Adam's other settings at
    /// TorchSharp's defaults (β₁ = 0.9, β₂ = 0.999, ε = 1e-8, no weight decay, no AMSGrad). Each epoch draws one
    /// <c>torch.randperm(sequences)</c> (CPU, default generator) and takes batches of <see cref="TrainingOptions.BatchSize"/>
    /// in that order; the last, smaller batch is kept (not dropped). Per batch: from a zero state, step the network over
    /// all T steps, take <see cref="Losses.Loss"/>, zero_grad, backward, clip the global gradient norm to
    /// <see cref="TrainingOptions.GradientClip"/> with <c>nn.utils.clip_grad_norm_</c> (skipped when it is 0), Adam step.
    /// The epoch's loss is the plain mean of its batch losses (each batch counts once, whatever its size), each read with
    /// <c>loss.item&lt;float&gt;()</c> and summed in double. After each
    /// epoch record that loss and <see cref="Perturbation.NormalisedError"/> of <see cref="TrajectoryGenerator.Generate"/>'s
    /// outputs for the validation conditions at the fixed
    /// delay (<see cref="PreparedDataset.Inputs"/>/<see cref="PreparedDataset.Outputs"/>, maxError
    /// <see cref="PreparedDataset.MaxError"/>). The same options give the same weights.
    /// <para>
    /// A TorchSharp training loop that neither leaks tensors nor loses its optimiser:
    /// <code>
    /// using var adam = optim.Adam(parameters, lr);          // outside every dispose scope: it lives for the whole run
    /// for (var epoch = 0; epoch &lt; epochs; epoch++)
    /// {
    ///     using var epochScope = NewDisposeScope();           // frees the epoch's permutation
    ///     var order = randperm(n);
    ///     for (long start = 0; start &lt; n; start += batch)
    ///     {
    ///         using var batchScope = NewDisposeScope();       // frees every tensor of this batch's graph
    ///         var idx = order.narrow(0, start, Math.Min(batch, n - start));
    ///         var loss = …;                                   // forward over the batch
    ///         adam.zero_grad();
    ///         loss.backward();
    ///         nn.utils.clip_grad_norm_(parameters, clip);
    ///         adam.step();
    ///         sum += loss.item&lt;float&gt;();                   // a number, not a tensor, leaves the scope
    ///     }
    /// }
    /// </code>
    /// </para>
    /// Graded by <c>task-driven-rnn/TrainerChecks.TrainShort</c>.
    /// </summary>
    /// <param name="model">The network, trained in place.</param>
    /// <param name="data">The prepared dataset.</param>
    /// <param name="split">Which conditions train and which validate.</param>
    /// <param name="options">How to train.</param>
    /// <returns>The per-epoch history.</returns>
    public static TrainingHistory Train(RateRnn model, PreparedDataset data, ConditionSplit split, TrainingOptions options)
    {
        throw new NotImplementedException("Trainer.Train: seeded BPTT with Adam over (condition, delay) batches, loss from Losses.Loss; see its XML doc.");
    }
}
