using System.Globalization;
using NeuroExercises.Week01.TaskDrivenRnn;
using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn.Checks;

/// <summary>Checks of the perturbations (with stored noise) and of the robustness experiment (with a seeded generator).</summary>
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

    /// <summary>The robustness experiment on inputs: H = 10, 100 steps, 4 repeats, a generator seeded with 2024.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>mean, std (per level, float64); weights_after (J after the experiment).</returns>
    [Check(1.5, Description = "RobustnessTest.Run on inputs: per level and repeat draw rand(B,1,F), perturb, run, score; mean and unbiased s.d.", Visibility = Visibility.Hidden, Atol = 1e-4, Rtol = 1e-4, TimeLimitSeconds = 20)]
    public static IReadOnlyDictionary<string, Tensor> RobustnessInputs(CheckContext ctx) => Robustness(ctx, PerturbationKind.Inputs, InputStrengths);

    /// <summary>The robustness experiment on the recurrent weights: H = 10, 100 steps, 4 repeats, seed 2024.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>mean, std (per level, float64); weights_after (J after the experiment).</returns>
    [Check(1.5, Description = "RobustnessTest.Run on weights: per level and repeat draw randn(H,H), run with the perturbed J, score; the model is left as it was", Visibility = Visibility.Hidden, Atol = 1e-4, Rtol = 1e-4, TimeLimitSeconds = 20)]
    public static IReadOnlyDictionary<string, Tensor> RobustnessWeights(CheckContext ctx) => Robustness(ctx, PerturbationKind.RecurrentWeights, WeightLevels);

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

    private static IReadOnlyDictionary<string, Tensor> Robustness(CheckContext ctx, PerturbationKind kind, double[] levels)
    {
        using var scope = NewDisposeScope();
        var archive = ctx.LoadInputs("rnn_small_chaotic.npz");
        using var lease = CheckKit.Model(ctx, archive);
        var model = lease.Model;
        var inputs = archive["trajectory_inputs"][.., ..100].contiguous();
        var targets = CheckKit.SyntheticTargets(3, 100, ctx.Device);
        var maxError = targets.sub(targets.mean([0, 1], keepdim: true)).square().mean().item<float>();
        using var generator = CheckKit.NewGenerator(ctx, 2024);
        var result = RobustnessTest.Run(model, inputs, targets, maxError, levels, kind, generator, repeats: 4);
        return CheckKit.Results(
            ("mean", tensor(result.Mean)),
            ("std", tensor(result.StandardDeviation)),
            ("weights_after", model.Weights.J.detach()));
    }
}
