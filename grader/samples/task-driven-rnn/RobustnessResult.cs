namespace NeuroExercises.Week01.TaskDrivenRnn;

/// <summary>Normalised error (percent) per perturbation level over repeats.</summary>
/// <param name="Levels">The perturbation levels.</param>
/// <param name="Mean">Mean normalised error per level.</param>
/// <param name="StandardDeviation">Unbiased standard deviation per level.</param>
public sealed record RobustnessResult(double[] Levels, double[] Mean, double[] StandardDeviation);
