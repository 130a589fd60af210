using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn;

/// <summary>A network's run over whole sequences.</summary>
/// <param name="Outputs">[batch, T, outputs].</param>
/// <param name="Hidden">The hidden state after each step, [batch, T, H].</param>
public sealed record Trajectory(Tensor Outputs, Tensor Hidden);
