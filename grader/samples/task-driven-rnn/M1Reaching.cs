using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn;

/// <summary>
/// The recorded M1 data of the course file m1_reaching_data.mat: comboNjs(neuron) with
/// interpTimes(condition).times / .moveStarts and cond(condition).interpPSTH, as float64 tensors.
/// </summary>
/// <param name="TimesMs">times, [N, C, T] (ms).</param>
/// <param name="MoveStartsMs">moveStarts, [N, C] (ms).</param>
/// <param name="Psth">interpPSTH, [N, C, T] (Hz).</param>
public sealed record M1Reaching(Tensor TimesMs, Tensor MoveStartsMs, Tensor Psth)
{
    /// <summary>Reads the variable <c>comboNjs</c> of a MAT-file.</summary>
    /// <param name="matPath">Path of m1_reaching_data.mat or a file of the same layout.</param>
    /// <returns>The data as float64 tensors.</returns>
    public static M1Reaching Load(string matPath) => M1ReachingLoader.Load(matPath);
}
