namespace NeuroExercises.Week03.Microcircuits;

/// <summary>What a full-batch training run saw before each step.</summary>
/// <param name="Losses">The loss of each step's forward pass (before the update).</param>
/// <param name="Accuracies">The accuracy of that forward pass.</param>
public sealed record TrainingHistory(IReadOnlyList<double> Losses, IReadOnlyList<double> Accuracies);
