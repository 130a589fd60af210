using static TorchSharp.torch;

namespace NeuroExercises.Week03.Microcircuits;

/// <summary>One batch of the sparse-AND query task.</summary>
/// <param name="X">[X | z] [m, bits + 1] (int64 0/1): the bits, then the rule token z.</param>
/// <param name="Y">y [m, 1] (float32 0/1).</param>
/// <param name="Tries">How many bit draws were made (1 … 100).</param>
public sealed record SparseAndBatch(Tensor X, Tensor Y, int Tries);
