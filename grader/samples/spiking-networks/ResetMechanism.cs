namespace NeuroExercises.Week04.SpikingNetworks;

/// <summary>How a LIF neuron's membrane is reset after a spike.</summary>
public enum ResetMechanism
{
    /// <summary>Reset by subtraction: U_t = (β U_{t−1} + I_t) − R_t θ.</summary>
    Subtract,

    /// <summary>Reset to zero: U_t = β ((1 − R_t) U_{t−1}) + I_t (the input of the reset step still enters).</summary>
    Zero,
}
