using NeuroExercises.Week01.TaskDrivenRnn;
using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn.Checks;

/// <summary>Checks of <see cref="DatasetPreparation"/>: normalisation, the prepared arrays from the synthetic MAT-file, the split.</summary>
[WeekChecks(CheckKit.Week)]
public static class DatasetPreparationChecks
{
    /// <summary>NormalizeData on [1, 2, 3, 4] (tells a biased std from the unbiased one) and on a float64 matrix.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>tiny [4] float32, matrix [3,4] float64.</returns>
    [Check(1, Description = "DatasetPreparation.NormalizeData: min-max to [0, 1], then standardise with the unbiased std", Visibility = Visibility.Visible, Atol = 1e-6, TimeLimitSeconds = 10, Hint = "Min-max scale the whole tensor to [0, 1] first, then subtract its mean and divide by the unbiased standard deviation (n − 1 in the denominator: std(unbiased: true)); compute in float64 and return the input's dtype.")]
    [FeedbackPlot("matrix", Kind = FeedbackPlotKind.Scatter, Title = "NormalizeData on the 3 × 4 matrix")]
    public static IReadOnlyDictionary<string, Tensor> NormalizeTiny(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var tiny = ctx.LoadInputs("perturb_inputs.npz")["tiny"];
        var matrix = tensor(new double[] { 3, -1, 0.5, 7, 2, 2, 9, -4, 0, 1, 1, 6 }, float64, ctx.Device).reshape(3, 4);
        return CheckKit.Results(("tiny", DatasetPreparation.NormalizeData(tiny)), ("matrix", DatasetPreparation.NormalizeData(matrix)));
    }

    /// <summary>The fixed-delay arrays prepared from condsForSim_synthetic.mat (loaded with the student's CondsForSim.Load).</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>inputs [27,250,16], outputs [27,250,2], times [250] (s, float64), max_error (0-d).</returns>
    [Check(3, Description = "DatasetPreparation.Prepare: window 46..295, normalise plan, then (plan ‖ go), muscles 3 and 4, times in s, null-model error", Visibility = Visibility.Visible, Atol = 1e-6, TimeLimitSeconds = 30, Hint = "Keep time indices 46..295 inclusive (250 steps); normalise the plan with NormalizeData, append the go-cue envelope as the last feature and normalise that concatenation again; outputs are muscles 3 and 4 (0-based), times in seconds (ms / 1000), and max_error is the mean squared deviation of the outputs from their mean over conditions and time.")]
    [FeedbackPlot("outputs", Select = [0], Title = "Condition 0: target muscles 3 and 4", XLabel = "time (s)", XStart = -1.8, XStep = 0.01, YLabel = "muscle activity")]
    [FeedbackPlot("inputs", Kind = FeedbackPlotKind.Error, Select = [0], Title = "Condition 0: error of the 16 input features", XLabel = "time (s)", XStart = -1.8, XStep = 0.01)]
    [Tolerance("inputs", 1e-5)]
    [Tolerance("max_error", 0, 1e-6)]
    public static IReadOnlyDictionary<string, Tensor> Prepare(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var prepared = DatasetPreparation.Prepare(CondsForSim.Load(ctx.InputPath("condsForSim_synthetic.mat")));
        return CheckKit.Results(
            ("inputs", prepared.Inputs),
            ("outputs", prepared.Outputs),
            ("times", prepared.Times),
            ("max_error", tensor(prepared.MaxError)));
    }

    /// <summary>The every-delay arrays, and the fixed-delay inputs when another delay is asked for.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>inputs_with_delay [27,5,250,16], outputs_with_delay [27,5,250,2], inputs_delay1 [27,250,16].</returns>
    [Check(2, Description = "DatasetPreparation.Prepare: the arrays for every go-cue delay, and delayIndex honoured", Visibility = Visibility.Hidden, Atol = 1e-6, TimeLimitSeconds = 30)]
    [Tolerance("inputs_with_delay", 1e-5)]
    [Tolerance("inputs_delay1", 1e-5)]
    public static IReadOnlyDictionary<string, Tensor> PrepareWithDelay(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var raw = CondsForSim.Load(ctx.InputPath("condsForSim_synthetic.mat"));
        var prepared = DatasetPreparation.Prepare(raw);
        var delay1 = DatasetPreparation.Prepare(raw, delayIndex: 1);
        return CheckKit.Results(
            ("inputs_with_delay", prepared.InputsWithDelay),
            ("outputs_with_delay", prepared.OutputsWithDelay),
            ("inputs_delay1", delay1.Inputs));
    }

    /// <summary>
    /// Seeded splits for three settings. The invariants (a sorted partition with round(n·fraction), at least one, in
    /// validation) need no flag: both index lists are compared exactly with the snapshot, which holds them.
    /// </summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>For each case a/b/c/d: train_*, validation_* (int64); case d (5 · 0.5 = 2.5) tells half-to-even from half-away-from-zero; case e (3 · 0.9 = 2.7 → 3, clamped to 2) holds the upper bound, at least one training condition.</returns>
    [Check(2, Description = "DatasetPreparation.SplitByCondition: seeded randperm, round(n·fraction) (≥ 1) to validation, both sorted", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 10, Hint = "Call manual_seed(seed), then randperm(n): the first round(n · fraction) entries (at least 1 and at most n − 1, halves to even as Python's round) are the validation conditions, the rest the training ones, each sorted; use torch's randperm, not System.Random.")]
    public static IReadOnlyDictionary<string, Tensor> SplitByCondition(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var results = new List<(string, Tensor)>();
        foreach (var (name, conditions, fraction, seed) in new[] { ("a", 27, 0.2, 0L), ("b", 10, 0.05, 3L), ("c", 6, 0.5, 42L), ("d", 5, 0.5, 7L), ("e", 3, 0.9, 5L) })
        {
            var split = DatasetPreparation.SplitByCondition(conditions, fraction, seed);
            results.Add(($"train_{name}", tensor(split.Train.Select(i => (long)i).ToArray())));
            results.Add(($"validation_{name}", tensor(split.Validation.Select(i => (long)i).ToArray())));
        }

        return CheckKit.Results([.. results]);
    }
}
