using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn;

/// <summary>What one Euler step of a <see cref="RateRnn"/> returns.</summary>
/// <param name="Output">z = W r(x') + c, shape [batch, outputs].</param>
/// <param name="Hidden">The new hidden state x', shape [batch, hidden].</param>
/// <param name="RatePenalty">Σ r(x')² over the batch and units of this step (a 0-d tensor, not normalised).</param>
public sealed record RnnStep(Tensor Output, Tensor Hidden, Tensor RatePenalty);
