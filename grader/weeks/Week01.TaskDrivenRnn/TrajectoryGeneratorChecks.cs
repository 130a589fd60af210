using NeuroExercises.Week01.TaskDrivenRnn;
using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn.Checks;

/// <summary>
/// Checks of <see cref="TrajectoryGenerator"/>: whole runs over 250 steps from the stored prepared inputs of conditions 0, 6
/// and 9. Tolerances are absolute (trajectories cross zero) and those measured for float32 ports in
/// ../shared/reference/README.md.
/// </summary>
[WeekChecks(CheckKit.Week)]
public static class TrajectoryGeneratorChecks
{
    /// <summary>The H = 10 chaotic network's trajectory.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>outputs [3,250,2], hidden [3,250,10].</returns>
    [Check(3, Description = "TrajectoryGenerator.Generate, H = 10: from x = 0, 250 steps, outputs and hidden state after each step", Visibility = Visibility.Visible, Atol = 1e-5, TimeLimitSeconds = 20, Hint = "Start from x = 0; at each step first update x with that step's input, then record the output W r(x) + c and the new x. Inputs are [batch, T, I]: return outputs [batch, T, 2] and hidden [batch, T, H].")]
    [FeedbackPlot("outputs", Select = [0], Title = "Condition 0: network outputs over 250 steps", XLabel = "time step", YLabel = "output")]
    [FeedbackPlot("outputs", Kind = FeedbackPlotKind.Error, Select = [0], Title = "Condition 0: error of the outputs over time", XLabel = "time step")]
    [FeedbackPlot("hidden", Kind = FeedbackPlotKind.Error, Select = [0], Title = "Condition 0: error of the hidden state (10 units) over time", XLabel = "time step")]
    public static IReadOnlyDictionary<string, Tensor> SmallChaotic(CheckContext ctx) => Run(ctx, "rnn_small_chaotic.npz");

    /// <summary>The H = 150 chaotic network's trajectory (g = 4: errors grow, hence the wider hidden tolerance).</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>outputs [3,250,2], hidden [3,250,150].</returns>
    [Check(2, Description = "TrajectoryGenerator.Generate, H = 150, g = 4", Visibility = Visibility.Hidden, Atol = 2e-5, TimeLimitSeconds = 20)]
    [Tolerance("hidden", 1e-4)]
    public static IReadOnlyDictionary<string, Tensor> FullChaotic(CheckContext ctx) => Run(ctx, "rnn_full_chaotic.npz");

    /// <summary>The H = 150 network at the edge of chaos.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>outputs [3,250,2], hidden [3,250,150].</returns>
    [Check(2, Description = "TrajectoryGenerator.Generate, H = 150, g = 1.5", Visibility = Visibility.Hidden, Atol = 1e-5, TimeLimitSeconds = 20)]
    public static IReadOnlyDictionary<string, Tensor> FullEdge(CheckContext ctx) => Run(ctx, "rnn_full_edge.npz");

    private static IReadOnlyDictionary<string, Tensor> Run(CheckContext ctx, string archiveName)
    {
        using var scope = NewDisposeScope();
        var archive = ctx.LoadInputs(archiveName);
        using var lease = CheckKit.Model(ctx, archive);
        var model = lease.Model;
        var trajectory = TrajectoryGenerator.Generate(model, archive["trajectory_inputs"]);
        return CheckKit.Results(("outputs", trajectory.Outputs), ("hidden", trajectory.Hidden));
    }
}
