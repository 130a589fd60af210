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

    /// <summary>
    /// Runs <see cref="BurstBenchOptions.Rounds"/> rounds: each rule's warm-up and timed epochs on the TorchSharp side, then
    /// the PyTorch child (unless skipped); stops after a round whose child failed.
    /// </summary>
    /// <typeparam name="TRule">The week's rule type.</typeparam>
    /// <param name="options">Rounds, repeats, whether to run PyTorch.</param>
    /// <param name="rules">The rules, in order.</param>
    /// <param name="describe">What one TorchSharp turn measures, for the progress line.</param>
    /// <param name="warmUp">An untimed short epoch of a rule.</param>
    /// <param name="epoch">One timed epoch of a rule: ms and the probe loss after it.</param>
    /// <param name="python">One run of the PyTorch child: its report or an error.</param>
    /// <returns>The rounds and the child's last error.</returns>
    public static (List<EpochRound> Rounds, string? PythonError) Run<TRule>(BurstBenchOptions options, IReadOnlyList<TRule> rules, string describe,
        Action<TRule> warmUp, Func<TRule, (double Ms, double Loss)> epoch, Func<(JsonElement? Report, string? Error)> python)
        where TRule : notnull
    {
        var rounds = new List<EpochRound>();
        string? pythonError = null;
        for (var round = 1; round <= options.Rounds; round++)
        {
            Console.Error.WriteLine($"Round {round} of {options.Rounds}: TorchSharp side ({describe})…");
            var torchSharp = new Dictionary<string, (double Median, double Min, double Loss)>();
            foreach (var rule in rules)
            {
                warmUp(rule);
                var times = new List<double>();
                double loss = 0;
                for (var r = 0; r < options.Repeats; r++)
                {
                    var (ms, probe) = epoch(rule);
                    times.Add(ms);
                    loss = probe;
                }

                times.Sort();
                torchSharp[rule.ToString()!] = (times[times.Count / 2], times[0], loss);
                Console.Error.WriteLine($"  {rule}: {times[times.Count / 2]:F0} ms");
            }

            JsonElement? report = null;
            if (!options.SkipPython)
            {
                Console.Error.WriteLine($"Round {round} of {options.Rounds}: PyTorch side ({options.Python})…");
                (report, pythonError) = python();
            }

            rounds.Add(new EpochRound(torchSharp, report));
            if (pythonError is not null)
            {
                break;
            }
        }

        return (rounds, pythonError);
    }
}
