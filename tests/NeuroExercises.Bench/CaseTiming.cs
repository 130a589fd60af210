namespace NeuroExercises.Bench;

/// <summary>Wall-clock times of one case.</summary>
/// <param name="MedianMs">Median of the timed repeats, ms.</param>
/// <param name="MinMs">Fastest repeat, ms.</param>
/// <param name="TimesMs">Every timed repeat, ms.</param>
internal sealed record CaseTiming(double MedianMs, double MinMs, double[] TimesMs)
{
    /// <summary>Summarises raw times.</summary>
    public static CaseTiming From(double[] timesMs)
    {
        var sorted = timesMs.Order().ToArray();
        var n = sorted.Length;
        var median = n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
        return new CaseTiming(median, sorted[0], timesMs);
    }
}
