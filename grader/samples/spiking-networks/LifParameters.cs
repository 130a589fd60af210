namespace NeuroExercises.Week04.SpikingNetworks;

/// <summary>A population of discrete-time leaky integrate-and-fire neurons.</summary>
/// <param name="Beta">β, the membrane decay per step (0 ≤ β ≤ 1).</param>
/// <param name="Threshold">θ, the firing threshold.</param>
/// <param name="Reset">Reset by subtraction (the default) or to zero.</param>
/// <param name="ResetDelay">
/// True (snnTorch's default): the reset comes from the previous membrane, R_t = H(U_{t−1} − θ), and the stored U_t is the
/// membrane before its own reset. False (snnTorch's <c>reset_delay=False</c>): the reset is applied in the spiking step.
/// </param>
/// <param name="Surrogate">The spike's surrogate gradient; null: the plain step function (no gradient).</param>
public sealed record LifParameters(double Beta, double Threshold = 1.0, ResetMechanism Reset = ResetMechanism.Subtract, bool ResetDelay = true, SurrogateGradient? Surrogate = null);
