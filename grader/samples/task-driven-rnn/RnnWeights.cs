using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn;

/// <summary>The parameters of a <see cref="RateRnn"/>, named as the course's PyTorch state dict.</summary>
/// <param name="J">Recurrent weights [hidden, hidden] (state-dict key <c>J</c>).</param>
/// <param name="B">Input weights [hidden, inputs] (<c>B</c>).</param>
/// <param name="Bx">Hidden bias [hidden] (<c>bx</c>).</param>
/// <param name="W">Read-out weights [outputs, hidden] (<c>output_linear.weight</c>).</param>
/// <param name="C">Read-out bias [outputs] (<c>output_linear.bias</c>).</param>
public sealed record RnnWeights(Tensor J, Tensor B, Tensor Bx, Tensor W, Tensor C);
