using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn;

/// <summary>The network-ready reaching task (float32 except <see cref="Times"/>).</summary>
/// <param name="Inputs">Normalised (plan ‖ go envelope) at the fixed delay, [C, T, 16].</param>
/// <param name="InputsWithDelay">The same for every delay, [C, D, T, 16].</param>
/// <param name="Outputs">Muscles 3 and 4 at the fixed delay, [C, T, 2].</param>
/// <param name="OutputsWithDelay">Muscles for every delay, [C, D, T, 2].</param>
/// <param name="Times">Time of each step in seconds, [T], float64.</param>
/// <param name="MaxError">The null model's MSE: mean of (outputs − their mean over conditions and time)².</param>
public sealed record PreparedDataset(Tensor Inputs, Tensor InputsWithDelay, Tensor Outputs, Tensor OutputsWithDelay, Tensor Times, float MaxError);
