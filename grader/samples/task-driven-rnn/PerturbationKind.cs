namespace NeuroExercises.Week01.TaskDrivenRnn;

/// <summary>What a robustness test perturbs.</summary>
public enum PerturbationKind
{
    /// <summary>Noise on the inputs, scaled by their norm (<see cref="Perturbation.PerturbInputs(TorchSharp.torch.Tensor, double, TorchSharp.torch.Tensor)"/>).</summary>
    Inputs,

    /// <summary>Noise on the recurrent weights J (<see cref="Perturbation.PerturbRecurrentWeights(TorchSharp.torch.Tensor, double, TorchSharp.torch.Tensor)"/>).</summary>
    RecurrentWeights,
}
