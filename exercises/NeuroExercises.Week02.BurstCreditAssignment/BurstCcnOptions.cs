namespace NeuroExercises.Week02.BurstCreditAssignment;

/// <summary>BurstCCN's hyperparameters (defaults: the course's reference run, burstccn.npz).</summary>
/// <param name="PBaseline">p̄, the baseline burst probability (0.5).</param>
/// <param name="Beta">β, the slope of P = σ(β A ⊙ (1 − E)) (4, so that β σ'(0) = 1).</param>
/// <param name="LearningRates">η_l per layer l = 0 … L; one value is used for every layer (0.1).</param>
/// <param name="LearningRateY">η_Y (0.001; 0 switches Y learning off, as the published trainer).</param>
/// <param name="LearningRateQ">η_Q (0.001; 0 switches Q learning off).</param>
public sealed record BurstCcnOptions(double PBaseline = 0.5, double Beta = 4.0, IReadOnlyList<double>? LearningRates = null, double LearningRateY = 1e-3, double LearningRateQ = 1e-3)
{
    /// <summary>η_l of layer <paramref name="layer"/>.</summary>
    /// <param name="layer">l = 0 … L.</param>
    /// <returns>The layer's learning rate.</returns>
    public double LearningRate(int layer) => Rates.LearningRateOf(LearningRates, layer, 0.1);
}
