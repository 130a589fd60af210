namespace NeuroExercises.Week01.TaskDrivenRnn;

/// <summary>Condition indices for training and validation (every delay of a condition goes with it).</summary>
/// <param name="Train">Training conditions, ascending.</param>
/// <param name="Validation">Validation conditions, ascending.</param>
public sealed record ConditionSplit(int[] Train, int[] Validation);
