namespace NeuroExercises.Week02.BurstCreditAssignment;

/// <summary>Reported by <see cref="BurstTrainer.Train"/> after each batch.</summary>
/// <param name="Step">Steps done.</param>
/// <param name="TotalSteps">Steps of the whole run.</param>
/// <param name="Epoch">Current epoch (1-based).</param>
public sealed record TrainingProgress(long Step, long TotalSteps, int Epoch);
