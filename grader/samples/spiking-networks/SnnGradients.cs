using static TorchSharp.torch;

namespace NeuroExercises.Week04.SpikingNetworks;

/// <summary>The loss and its gradients with respect to the network's weights (BPTT with a surrogate).</summary>
/// <param name="Loss">The loss (0-d float32).</param>
/// <param name="W1">∂L/∂W1 [H, D].</param>
/// <param name="B1">∂L/∂b1 [H].</param>
/// <param name="W2">∂L/∂W2 [C, H].</param>
/// <param name="B2">∂L/∂b2 [C].</param>
public sealed record SnnGradients(Tensor Loss, Tensor W1, Tensor B1, Tensor W2, Tensor B2);
