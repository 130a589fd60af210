namespace NeuroExercises.Week02.BurstCreditAssignment;

/// <summary>Per-layer learning-rate lists.</summary>
internal static class Rates
{
    /// <summary>rates[layer], the only value of a one-element list, or the fallback when null.</summary>
    public static double LearningRateOf(IReadOnlyList<double>? rates, int layer, double fallback) => rates switch
    {
        null or { Count: 0 } => fallback,
        { Count: 1 } => rates[0],
        _ when layer < rates.Count => rates[layer],
        _ => throw new ArgumentOutOfRangeException(nameof(layer), $"learning rates for {rates.Count} layers, asked for layer {layer}; give one rate per layer or one for all."),
    };
}
