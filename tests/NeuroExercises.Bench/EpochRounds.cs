using System.Text.Json;

namespace NeuroExercises.Bench;

/// <summary>One round of an epoch benchmark: every rule's TorchSharp epochs, then the PyTorch child's report of the same.</summary>
/// <param name="TorchSharp">Per rule: median and minimum ms over the repeats, and the probe loss after the last epoch.</param>
/// <param name="Python">The child's JSON report (cases.&lt;rule&gt;.median_ms, …), or null when it did not run.</param>
internal sealed record EpochRound(Dictionary<string, (double Median, double Min, double Loss)> TorchSharp, JsonElement? Python);

/// <summary>
/// Weeks 2 and 6 run the two sides in turn (<see cref="BurstBenchOptions.Rounds"/>); each round's ratio compares turns that
/// ran at most minutes apart, and the median over rounds is reported, so that the machine's drifting speed does not decide it.
/// </summary>
internal static class EpochRounds
{
    /// <summary>The median (the mean of the middle two for an even count).</summary>
    /// <param name="values">At least one value.</param>
    /// <returns>The median.</returns>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>One rule over all rounds.</summary>
    /// <param name="rounds">The rounds, in order (each with the rule on the TorchSharp side).</param>
    /// <param name="rule">The rule's name.</param>
    /// <returns>
    /// TorchSharp's median and minimum over rounds, PyTorch's median (null when it never ran), each round's ratio and their
    /// median (null without PyTorch).
    /// </returns>
    public static (double TorchSharpMedian, double TorchSharpMin, double? PyTorchMedian, double[] Ratios, double? Ratio) Summarize(IReadOnlyList<EpochRound> rounds, string rule)
    {
        var pairs = new List<(double Ts, double Py)>();
        foreach (var round in rounds)
        {
            if (round.Python is { } report && report.GetProperty("cases").TryGetProperty(rule, out var c))
            {
                pairs.Add((round.TorchSharp[rule].Median, c.GetProperty("median_ms").GetDouble()));
            }
        }

        var ratios = pairs.Select(p => p.Ts / p.Py).ToArray();
        return (Median(rounds.Select(r => r.TorchSharp[rule].Median)), rounds.Min(r => r.TorchSharp[rule].Min),
            pairs.Count > 0 ? Median(pairs.Select(p => p.Py)) : null, ratios, ratios.Length > 0 ? Median(ratios) : null);
    }
}
