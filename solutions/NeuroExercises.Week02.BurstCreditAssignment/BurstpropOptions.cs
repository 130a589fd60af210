namespace NeuroExercises.Week02.BurstCreditAssignment;

/// <summary>Burstprop's hyperparameters (defaults: the course's reference run, burstprop.npz, after jordan-g/Burstprop).</summary>
/// <param name="PBaseline">p̄, the output layer's baseline burst probability (0.2).</param>
/// <param name="LearningRates">η_l per layer l = 0 … L (0.1, 0.1, 0.01); one value is used for every layer; when there are
/// fewer values than layers the last one is the output's and the first is repeated for the extra hidden layers.</param>
/// <param name="LearningRateR">η_R of the recurrent inhibition (1e-4).</param>
/// <param name="LearnFeedback">Feedback learning ΔY_h = ΔW_{h+1} (off by default).</param>
public sealed record BurstpropOptions(double PBaseline = 0.2, IReadOnlyList<double>? LearningRates = null, double LearningRateR = 1e-4, bool LearnFeedback = false)
{
    /// <summary>The default η: 0.1 for the hidden layers, 0.01 for the output.</summary>
    public static IReadOnlyList<double> DefaultLearningRates { get; } = [0.1, 0.1, 0.01];

    /// <summary>η_l of layer <paramref name="layer"/> in a network of <paramref name="layers"/> layers.</summary>
    /// <param name="layer">l = 0 … L.</param>
    /// <param name="layers">L + 1.</param>
    /// <returns>The layer's learning rate.</returns>
    public double LearningRate(int layer, int layers)
    {
        var rates = LearningRates ?? DefaultLearningRates;
        if (rates.Count == layers || rates.Count == 1)
        {
            return Rates.LearningRateOf(rates, layer, 0.1);
        }

        return layer == layers - 1 ? rates[^1] : rates[Math.Min(layer, rates.Count - 2)];
    }
}
