using System.Collections.Concurrent;
using NeuroExercises.Core.Npy;
using NeuroExercises.Week01.TaskDrivenRnn;
using NeuroExercises.Tests.Shared;
using static TorchSharp.torch;

namespace NeuroExercises.Solutions.Tests.Week01;

/// <summary>The shared PyTorch references (../shared/reference/rnn) and fixtures, read once per process.</summary>
internal static class Goldens
{
    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, NpyArray>> Cache = new();

    /// <summary>A file under ../shared/fixtures.</summary>
    public static string Fixture(string relative) => RepoPaths.Fixture(relative);

    /// <summary>The members of ../shared/reference/rnn/<paramref name="file"/>.npz.</summary>
    public static IReadOnlyDictionary<string, NpyArray> Rnn(string file) =>
        Cache.GetOrAdd(file, f => Npz.Read(RepoPaths.Reference(Path.Combine("rnn", f + ".npz"))));

    /// <summary>One member as a CPU tensor.</summary>
    public static Tensor Tensor(string file, string member) => Rnn(file)[member].ToTensor();

    /// <summary>A 0-d member as a double.</summary>
    public static double Scalar(string file, string member) => Convert.ToDouble(Rnn(file)[member].Data.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The network stored in a reference file, as the course's unregularised model.</summary>
    public static UnregularizedRNN Model(string file) => new(
        new RnnWeights(Tensor(file, "J"), Tensor(file, "B"), Tensor(file, "bx"), Tensor(file, "W"), Tensor(file, "c")),
        Scalar(file, "tau_over_dt"));
}
