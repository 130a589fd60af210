using System.Globalization;
using NeuroExercises.Week02.BurstCreditAssignment;

namespace NeuroExercises.Experiments;

/// <summary>
/// One curve of the week-2 experiment: a rule, its per-layer learning rates (layer 0 … L; one value = every layer) and, for
/// Burstprop, whether its feedback weights learn (ΔY_h = ΔW_{h+1}, the reference's optional feedback learning).
/// </summary>
/// <param name="Name">Key in the CSV and JSON files.</param>
/// <param name="Label">Legend and table label.</param>
/// <param name="Rule">The learning rule.</param>
/// <param name="Rates">η per layer: SGD steps on the mean-squared loss for backprop and feedback alignment, the rules' η otherwise.</param>
/// <param name="LearnFeedback">Burstprop's feedback learning.</param>
internal sealed record BurstRuleRun(string Name, string Label, LearningRule Rule, double[] Rates, bool LearnFeedback = false)
{
    /// <summary>The untuned rates of TrainingOptions (one output-layer step for every rule, set by short trials; the runs
    /// before 2026-12-04 night).</summary>
    public static IReadOnlyList<BurstRuleRun> Defaults { get; } =
    [
        new("Backprop", "backprop", LearningRule.Backprop, [2.5]),
        new("FeedbackAlignment", "feedback alignment", LearningRule.FeedbackAlignment, [2.5]),
        new("Burstprop", "Burstprop", LearningRule.Burstprop, [0.3, 0.3, 0.08]),
        new("BurstpropLearnedFeedback", "Burstprop, learned feedback", LearningRule.Burstprop, [0.3, 0.3, 0.08], LearnFeedback: true),
        new("BurstCcn", "BurstCCN", LearningRule.BurstCcn, [1]),
    ];

    /// <summary>
    /// Each rule's best candidate of <see cref="Candidates"/> by validation accuracy after 10 epochs (784 → 256 → 256 → 10, seed 0,
    /// trained on the first 50 000 training images, validated on the last 10 000; <c>--tune</c> reproduces the search).
    /// </summary>
    public static IReadOnlyList<BurstRuleRun> Tuned { get; } =
    [
        new("Backprop", "backprop", LearningRule.Backprop, [20, 20, 2.5]),
        new("FeedbackAlignment", "feedback alignment", LearningRule.FeedbackAlignment, [80, 80, 2.5]),
        new("Burstprop", "Burstprop", LearningRule.Burstprop, [19.2, 19.2, 0.08]),
        new("BurstpropLearnedFeedback", "Burstprop, learned feedback", LearningRule.Burstprop, [9.6, 9.6, 0.08], LearnFeedback: true),
        new("BurstCcn", "BurstCCN", LearningRule.BurstCcn, [32, 16, 1]),
    ];

    /// <summary>
    /// The search of <c>--tune</c>: per rule, one rate for all layers at the defaults' scale and up, then hidden layers faster than
    /// the output layer (the error reaching a hidden layer is small, the output layer saturates first). Another depth
    /// maps the rates with <see cref="RatesFor"/>.
    /// </summary>
    public static IReadOnlyList<BurstRuleRun> Candidates { get; } =
    [
        .. Grid("Backprop", [[2.5], [5], [7], [10, 10, 5], [20, 20, 5], [20, 20, 2.5], [40, 40, 5]]),
        .. Grid("FeedbackAlignment", [[2.5], [5], [10, 10, 2.5], [20, 20, 2.5], [40, 40, 2.5], [80, 80, 2.5], [20, 20, 5]]),
        .. Grid("Burstprop", [[0.3, 0.3, 0.08], [0.6, 0.6, 0.08], [1.2, 1.2, 0.08], [2.4, 2.4, 0.08], [4.8, 4.8, 0.08], [9.6, 9.6, 0.08], [19.2, 19.2, 0.08]]),
        .. Grid("BurstpropLearnedFeedback", [[1.2, 1.2, 0.08], [2.4, 2.4, 0.08], [2.4, 2.4, 0.16], [4.8, 4.8, 0.08], [9.6, 9.6, 0.08], [19.2, 19.2, 0.08]]),
        .. Grid("BurstCcn", [[1], [2], [8, 8, 1], [16, 8, 1], [16, 16, 1], [32, 16, 1], [32, 32, 1], [64, 32, 1]]),
    ];

    /// <summary>The runs of a <c>--rates</c> preset: "tuned" or "defaults"; null for another name.</summary>
    /// <param name="name">The preset's name.</param>
    /// <returns>The runs, or null.</returns>
    public static IReadOnlyList<BurstRuleRun>? Preset(string name) => name switch { "tuned" => Tuned, "defaults" => Defaults, _ => null };

    /// <summary>The rates as the tables print them, e.g. "20, 20, 2.5".</summary>
    public string RatesText => string.Join(", ", Rates.Select(r => r.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The training options of this run.</summary>
    /// <param name="layers">Weight layers of the network, L + 1.</param>
    /// <param name="epochs">Epochs.</param>
    /// <param name="batch">Batch size.</param>
    /// <param name="seed">Seed of the batch order.</param>
    /// <param name="alignEvery">Alignment interval in steps.</param>
    /// <param name="scale">Multiplies every rate (<c>--lr-scale</c>).</param>
    /// <returns>The options.</returns>
    public TrainingOptions Options(int layers, int epochs, int batch, long seed, int alignEvery, double scale)
    {
        double[] rates = [.. RatesFor(layers).Select(r => r * scale)];
        return new TrainingOptions(Rule, epochs, batch, seed, AlignmentInterval: alignEvery)
        {
            GradientLearningRates = rates,
            BurstCcn = TrainingOptions.DefaultBurstCcn with { LearningRates = rates },
            Burstprop = TrainingOptions.DefaultBurstprop with { LearningRates = rates, LearnFeedback = LearnFeedback },
        };
    }

    /// <summary>One rate per layer: a single rate everywhere; per-layer rates for another depth keep the output layer's rate
    /// last and repeat the last hidden layer's rate (or drop the extra ones).</summary>
    /// <param name="layers">L + 1.</param>
    /// <returns>L + 1 rates.</returns>
    public double[] RatesFor(int layers) =>
        Rates.Length == 1 ? [.. Enumerable.Repeat(Rates[0], layers)]
        : Rates.Length == layers ? Rates
        : [.. Enumerable.Range(0, layers - 1).Select(l => Rates[Math.Min(l, Rates.Length - 2)]), Rates[^1]];

    private static IEnumerable<BurstRuleRun> Grid(string name, double[][] rates)
    {
        var template = Defaults.Single(r => r.Name == name);
        return rates.Select(r => template with { Rates = r });
    }
}
