using NeuroExercises.Core.Npy;
using NeuroExercises.Week01.TaskDrivenRnn;
using static TorchSharp.torch;

namespace NeuroExercises.Bench;

/// <summary>
/// The weights and sequences both sides run on: week 1's sizes (27 conditions × 250 steps, 16 inputs, H = 150,
/// 2 outputs), drawn once from a seed with the course's scales (J = randn·g/√H with g = 4, B = randn/√16) plus a
/// non-zero bias and read-out so every term is exercised.
/// </summary>
/// <param name="Weights">J, B, bx, W, c.</param>
/// <param name="Inputs">u, [27, 250, 16].</param>
/// <param name="Targets">z*, [27, 250, 2].</param>
internal sealed record BenchData(RnnWeights Weights, Tensor Inputs, Tensor Targets)
{
    public const int Conditions = 27;
    public const int Steps = 250;
    public const int InputSize = 16;
    public const int HiddenSize = 150;
    public const int OutputSize = 2;

    /// <summary>Draws the data from torch's generator seeded with <paramref name="seed"/>.</summary>
    public static BenchData Create(long seed)
    {
        manual_seed(seed);
        var j = randn(HiddenSize, HiddenSize) * (4.0 / Math.Sqrt(HiddenSize));
        var b = randn(HiddenSize, InputSize) * (1.0 / Math.Sqrt(InputSize));
        var bx = randn(HiddenSize) * 0.1;
        var w = randn(OutputSize, HiddenSize) * (1.0 / Math.Sqrt(HiddenSize));
        var c = randn(OutputSize) * 0.1;
        var inputs = randn(Conditions, Steps, InputSize);
        var targets = randn(Conditions, Steps, OutputSize) * 0.5;
        return new BenchData(new RnnWeights(j, b, bx, w, c), inputs, targets);
    }

    /// <summary>Writes the data as the .npz bench_pytorch.py loads (J, B, bx, W, c, inputs, targets).</summary>
    public void WriteNpz(string path)
    {
        Npz.Write(path, new Dictionary<string, NpyArray>
        {
            ["J"] = NpyArray.FromTensor(Weights.J),
            ["B"] = NpyArray.FromTensor(Weights.B),
            ["bx"] = NpyArray.FromTensor(Weights.Bx),
            ["W"] = NpyArray.FromTensor(Weights.W),
            ["c"] = NpyArray.FromTensor(Weights.C),
            ["inputs"] = NpyArray.FromTensor(Inputs),
            ["targets"] = NpyArray.FromTensor(Targets),
        });
    }
}
