using NeuroExercises.Week01.TaskDrivenRnn;
using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn.Checks;

/// <summary>Checks of the PSTH extraction from the recorded M1 data (synthetic file of the course's layout).</summary>
[WeekChecks(CheckKit.Week)]
public static class PsthChecks
{
    /// <summary>Extract on m1_reaching_synthetic.mat (read with the student's M1Reaching.Load) for the default and a narrow window.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>rates [N,C,T'] and times [T'] for −200..600 ms; rates_narrow and times_narrow for −50..250 ms.</returns>
    [Check(2, Description = "Psth.Extract: align to moveStarts, keep −200..600 ms (inclusive), rates float32 in Hz, times in s", Visibility = Visibility.Visible, Atol = 1e-4, Rtol = 1e-6, TimeLimitSeconds = 30, Hint = "Subtract each trial's movement start from its times, round to whole ms and keep −200..600 ms with both ends included; rates stay in Hz as stored (float32), times are in seconds.")]
    [FeedbackPlot("rates", Select = [0, 0], Title = "Neuron 0, condition 0: firing rate", XLabel = "time from movement onset (s)", XStart = -0.2, XStep = 0.01, YLabel = "rate (Hz)")]
    [Tolerance("times", 1e-9)]
    [Tolerance("times_narrow", 1e-9)]
    public static IReadOnlyDictionary<string, Tensor> Extract(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var data = M1Reaching.Load(ctx.InputPath("m1_reaching_synthetic.mat"));
        var wide = Psth.Extract(data);
        var narrow = Psth.Extract(data, -50, 250);
        return CheckKit.Results(("rates", wide.Rates), ("times", wide.Times), ("rates_narrow", narrow.Rates), ("times_narrow", narrow.Times));
    }
}
