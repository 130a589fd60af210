namespace NeuroExercises.Week01.TaskDrivenRnn;

/// <summary>Per-epoch record of a training run.</summary>
/// <param name="Loss">Mean training loss per epoch (MSE plus penalties).</param>
/// <param name="ValidationError">Normalised error (percent) on the validation conditions after each epoch.</param>
public sealed record TrainingHistory(double[] Loss, double[] ValidationError);
