using System.Globalization;
using NeuroExercises.Week01.TaskDrivenRnn;
using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn.Checks;

/// <summary>Checks of <see cref="Perturbation"/>: the perturbations (with stored noise) and the normalised error.</summary>
[WeekChecks(CheckKit.Week)]
public static class PerturbationChecks
{
    private static readonly double[] InputStrengths = [0.0125, 0.05, 0.2];
    private static readonly double[] WeightLevels = [0.01, 0.1, 0.8];

    /// <summary>Input perturbation at the course's three strengths with the stored uniform noise [3,1,16].</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>perturbed_0.0125, perturbed_0.05, perturbed_0.2 [3,250,16]; inputs_after (the argument after the calls).</returns>
    [Check(2, Description = "Perturbation.PerturbInputs: u + noise · strength · ‖u_t‖₂ (L2 norm over features at each step)", Visibility = Visibility.Visible, Atol = 1e-6, TimeLimitSeconds = 10, Hint = "The noise at each step is noise · strength · ‖u_t‖₂, the L2 norm over the features of that step (norm over the last axis with keepdim), added to u; return a new tensor and leave inputs as they were (no add_).")]
    [FeedbackPlot("perturbed_0.2", Select = [0], MaxLines = 3, Title = "Condition 0, strength 0.2: the first 3 features", XLabel = "time step")]
    public static IReadOnlyDictionary<string, Tensor> PerturbInputs(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var archive = ctx.LoadInputs("perturb_inputs.npz");
        var inputs = archive["inputs"];
        var results = InputStrengths
            .Select(s => ("perturbed_" + s.ToString(CultureInfo.InvariantCulture), Perturbation.PerturbInputs(inputs, s, archive["noise_uniform"])))
            .ToList();
        results.Add(("inputs_after", inputs));
        return CheckKit.Results([.. results]);
    }

    /// <summary>Weight perturbation of the H = 10 network's J with the stored normal noise.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>perturbed_J_0.01, perturbed_J_0.1, perturbed_J_0.8 [10,10]; j_after (J after the calls).</returns>
    [Check(1, Description = "Perturbation.PerturbRecurrentWeights, H = 10: J + noise · p · mean|J|, J itself unchanged", Visibility = Visibility.Visible, Atol = 1e-6, TimeLimitSeconds = 10, Hint = "The scale is one number, p · mean(|J|) over all entries of J; add noise times that scale to J and return the sum as a new tensor, leaving J unchanged.")]
    [FeedbackPlot("perturbed_J_0.8", Kind = FeedbackPlotKind.Scatter, Title = "Perturbed J, p = 0.8: every entry")]
    public static IReadOnlyDictionary<string, Tensor> PerturbWeights_H10(CheckContext ctx) => PerturbWeights(ctx, "rnn_small_chaotic.npz");

    /// <summary>Weight perturbation of the H = 150 chaotic network's J.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>perturbed_J_0.01, perturbed_J_0.1, perturbed_J_0.8 [150,150]; j_after (J after the calls).</returns>
    [Check(1, Description = "Perturbation.PerturbRecurrentWeights, H = 150", Visibility = Visibility.Hidden, Atol = 1e-6, TimeLimitSeconds = 10)]
    public static IReadOnlyDictionary<string, Tensor> PerturbWeights_H150(CheckContext ctx) => PerturbWeights(ctx, "rnn_full_chaotic.npz");

    private static IReadOnlyDictionary<string, Tensor> PerturbWeights(CheckContext ctx, string archiveName)
    {
        using var scope = NewDisposeScope();
        var archive = ctx.LoadInputs(archiveName);
        var j = archive["J"];
        var results = WeightLevels
            .Select(p => ("perturbed_J_" + p.ToString(CultureInfo.InvariantCulture), Perturbation.PerturbRecurrentWeights(j, p, archive["noise"])))
            .ToList();
        results.Add(("j_after", j));
        return CheckKit.Results([.. results]);
    }

    /// <summary>
    /// The normalised error 100 · mse / maxError on fixed tensors: the stored inputs' first two features as predictions
    /// against smooth targets, with two values of maxError.
    /// </summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>percent (maxError 0.0421), percent_small_max (maxError 1e-3), both float64 0-d.</returns>
    [Check(1, Description = "Perturbation.NormalisedError: 100 · mse(predicted, target) / maxError, in percent", Visibility = Visibility.Visible, Atol = 0, Rtol = 1e-5, TimeLimitSeconds = 10, Hint = "100 · mse / maxError, with mse the mean of (predicted − target)² over every element (batch, time and outputs), not the sum; return it as a double, in percent.")]
    public static IReadOnlyDictionary<string, Tensor> NormalisedError(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var archive = ctx.LoadInputs("perturb_inputs.npz");
        var predicted = archive["inputs"][.., .., ..2] * 0.1f;
        var target = CheckKit.SyntheticTargets(3, 250, ctx.Device);
        var percent = Perturbation.NormalisedError(predicted, target, 0.0421);
        var percentSmallMax = Perturbation.NormalisedError(predicted, target, 1e-3);
        return CheckKit.Results(("percent", CheckKit.Scalar(percent)), ("percent_small_max", CheckKit.Scalar(percentSmallMax)));
    }
}
