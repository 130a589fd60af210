using static TorchSharp.torch;

namespace NeuroExercises.Week03.Microcircuits;

/// <summary>What <see cref="Normalization.TrainReluNetwork"/> returns: the loss before each step, the gradients of the first
/// step and the parameters after the last.</summary>
/// <param name="Losses">The mean squared error before each SGD step [steps].</param>
/// <param name="ThetaGradient">∂L/∂θ at step 0 [units].</param>
/// <param name="WeightGradient">∂L/∂w at step 0 [1, units].</param>
/// <param name="BiasGradient">∂L/∂b at step 0 [1].</param>
/// <param name="Theta">θ after the last step [units].</param>
/// <param name="Weight">w after the last step [1, units].</param>
/// <param name="Bias">b after the last step [1].</param>
public sealed record ReluNetworkTraining(
    IReadOnlyList<double> Losses, Tensor ThetaGradient, Tensor WeightGradient, Tensor BiasGradient, Tensor Theta, Tensor Weight, Tensor Bias);
