using NeuroExercises.Core.Npy;
using static TorchSharp.torch;

namespace NeuroExercises.Grader.Checks;

/// <summary>What a check gets in the runner child: the device and its week's input files (never expected values).</summary>
/// <param name="Device">Where tensors go (cpu or cuda).</param>
/// <param name="InputsDirectory">The week's inputs folder (copied beside the checks assembly).</param>
public sealed record CheckContext(Device Device, string InputsDirectory)
{
    /// <summary>Loads an input archive of the week as tensors on <see cref="Device"/>.</summary>
    /// <param name="fileName">File name inside the inputs folder, e.g. <c>rnn_small_chaotic.npz</c>.</param>
    /// <returns>Member name → tensor.</returns>
    public IReadOnlyDictionary<string, Tensor> LoadInputs(string fileName)
    {
        var arrays = Npz.Read(Path.Combine(InputsDirectory, fileName));
        return arrays.ToDictionary(kv => kv.Key, kv => kv.Value.ToTensor().to(Device));
    }

    /// <summary>Full path of an input file of the week (e.g. a MAT-file the student's loader reads).</summary>
    /// <param name="fileName">File name inside the inputs folder.</param>
    /// <returns>The path.</returns>
    public string InputPath(string fileName) => Path.Combine(InputsDirectory, fileName);
}
