using static TorchSharp.torch;

namespace NeuroExercises.Week06.LearningRules;

/// <summary>One forward pass of the two-layer network in the column layout (float64, batch m in the columns).</summary>
/// <param name="HiddenPre">a_h = W_h x̃ [N, m].</param>
/// <param name="Hidden">h = f(a_h) [N, m].</param>
/// <param name="OutputPre">a_y = W_y h̃ [10, m].</param>
/// <param name="Output">y = f(a_y) [10, m].</param>
public sealed record MlpPass(Tensor HiddenPre, Tensor Hidden, Tensor OutputPre, Tensor Output);
