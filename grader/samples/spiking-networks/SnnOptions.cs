namespace NeuroExercises.Week04.SpikingNetworks;

/// <summary>The spiking network's neurons and time (snn_net.npz: T = 25, β = 0.95, θ = 1, arctan α = 2).</summary>
/// <param name="Steps">T, the number of time steps the input is presented.</param>
/// <param name="Beta">β of both layers.</param>
/// <param name="Threshold">θ of both layers.</param>
/// <param name="Surrogate">The spike's surrogate gradient in both layers.</param>
public sealed record SnnOptions(int Steps, double Beta, double Threshold, SurrogateGradient Surrogate)
{
    /// <summary>The reference set-up: T = 25, β = 0.95, θ = 1, the arctan surrogate with α = 2.</summary>
    public static SnnOptions Default { get; } = new(25, 0.95, 1.0, SurrogateGradient.Atan(2));

    /// <summary>Both layers' LIF neurons: reset by subtraction, delayed, with the surrogate.</summary>
    public LifParameters Neuron => new(Beta, Threshold, ResetMechanism.Subtract, ResetDelay: true, Surrogate);
}
