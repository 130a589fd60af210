namespace NeuroExercises.Week01.TaskDrivenRnn;

/// <summary>Trains a network on the reaching task.</summary>
public static class Trainer
{
    /// <summary>
    /// Backpropagation through time with Adam. Seed torch's generator with <see cref="TrainingOptions.Seed"/>;
    /// the training set is every (condition, delay) pair of <paramref name="split"/>'s training conditions
    /// (or the fixed delay only); each epoch draws a <c>torch.randperm</c> of those sequences and runs
    /// batches of <see cref="TrainingOptions.BatchSize"/>: from a zero state, step the network over all T
    /// steps, take <see cref="Losses.Loss"/>, backpropagate, clip, step. After each epoch record the mean
    /// loss and the normalised error on the validation conditions at the fixed delay. The same options give
    /// the same weights. Graded by <c>task-driven-rnn/TrainerChecks.TrainShort</c>.
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
