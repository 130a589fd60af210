using static TorchSharp.torch;

namespace NeuroExercises.Week03.Microcircuits;

/// <summary>What <see cref="CifarNet.Train"/> returns.</summary>
/// <param name="Losses">The mean cross-entropy before each step [steps].</param>
/// <param name="FirstGradients">∂L/∂p at step 0 for every parameter p, keyed by its state-dict name (conv1.weight, …).</param>
public sealed record CifarNetTraining(IReadOnlyList<double> Losses, IReadOnlyDictionary<string, Tensor> FirstGradients);
