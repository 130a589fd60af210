using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn;

/// <summary>
/// The raw reaching-task data of the course file condsForSimJ2moMuscles.mat: a struct array
/// condsForSim(condition, delay) with fields timesREmove, goEnvelope, plan and muscle, gathered into
/// float64 tensors indexed [condition, delay, time, …].
/// </summary>
/// <param name="TimesMs">timesREmove, [T] (ms; the same for every condition).</param>
/// <param name="GoEnvelope">goEnvelope, [C, D, T].</param>
/// <param name="Plan">plan, [C, D, T, 15].</param>
/// <param name="Muscle">muscle, [C, D, T, 7] (the course uses columns 3 and 4).</param>
public sealed record CondsForSim(Tensor TimesMs, Tensor GoEnvelope, Tensor Plan, Tensor Muscle)
{
    /// <summary>Reads the variable <c>condsForSim</c> of a MAT-file (v5/v7 or v7.3).</summary>
    /// <param name="matPath">Path of condsForSimJ2moMuscles.mat or a file of the same layout.</param>
    /// <returns>The data as float64 tensors.</returns>
    public static CondsForSim Load(string matPath) => CondsForSimLoader.Load(matPath);
}
