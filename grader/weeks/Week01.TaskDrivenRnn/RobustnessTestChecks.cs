using NeuroExercises.Week01.TaskDrivenRnn;
using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn.Checks;

/// <summary>Checks of <see cref="RobustnessTest"/>: the robustness experiment (with a seeded generator).</summary>
[WeekChecks(CheckKit.Week)]
public static class RobustnessTestChecks
{
    private static readonly double[] RobustnessInputLevels = [0.0125, 0.05, 0.2];
    private static readonly double[] RobustnessWeightLevels = [0.01, 0.1, 0.8];

    /// <summary>The robustness experiment on inputs: H = 10, 100 steps, 4 repeats, a generator seeded with 2024.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>mean, std (per level, float64); mean_single, std_single (a second run with one repeat: s.d. 0); weights_after (J after both runs).</returns>
    [Check(1.5, Description = "RobustnessTest.Run on inputs: per level and repeat draw rand(B,1,F), perturb, run, score; mean and unbiased s.d.", Visibility = Visibility.Hidden, Atol = 1e-4, Rtol = 1e-4, TimeLimitSeconds = 20)]
    public static IReadOnlyDictionary<string, Tensor> RobustnessInputs(CheckContext ctx) => Robustness(ctx, PerturbationKind.Inputs, RobustnessInputLevels);

    /// <summary>The robustness experiment on the recurrent weights: H = 10, 100 steps, 4 repeats, seed 2024.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>mean, std (per level, float64); mean_single, std_single (a second run with one repeat: s.d. 0); weights_after (J after both runs).</returns>
    [Check(1.5, Description = "RobustnessTest.Run on weights: per level and repeat draw randn(H,H), run with the perturbed J, score; the model is left as it was", Visibility = Visibility.Hidden, Atol = 1e-4, Rtol = 1e-4, TimeLimitSeconds = 20)]
    public static IReadOnlyDictionary<string, Tensor> RobustnessWeights(CheckContext ctx) => Robustness(ctx, PerturbationKind.RecurrentWeights, RobustnessWeightLevels);

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
        var single = RobustnessTest.Run(model, inputs, targets, maxError, levels, kind, generator, repeats: 1);
        return CheckKit.Results(
            ("mean", tensor(result.Mean)),
            ("std", tensor(result.StandardDeviation)),
            ("mean_single", tensor(single.Mean)),
            ("std_single", tensor(single.StandardDeviation)),
            ("weights_after", model.Weights.J.detach()));
    }
}
