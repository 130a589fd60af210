using NeuroExercises.Week01.TaskDrivenRnn;
using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn.Checks;

/// <summary>Checks of the PSTH extraction from the recorded M1 data (synthetic file of the course's layout).</summary>
[WeekChecks(CheckKit.Week)]
public static class PsthChecks
{
    /// <summary>Extract on m1_reaching_synthetic.mat (read with the student's M1Reaching.Load) for the default and a narrow window.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>
    /// rates [N,C,T'] and times [T'] for −200..600 ms; rates_narrow and times_narrow for −50..250 ms; rates_half and
    /// times_half on data whose relative times are k + 0.5 ms (window −10..10 ms: halves to even keep −10.5 and 10.5, 22
    /// samples; half away from zero keeps 20, half up 21; rounded times differ from the returned unrounded ones);
    /// rates_fraction and times_fraction on relative times k + 0.7 ms (nearest keeps 21 samples, truncation 22).
    /// </returns>
    [Check(2, Description = "Psth.Extract: align to moveStarts, keep −200..600 ms (inclusive), rates float32 in Hz, times in s", Visibility = Visibility.Visible, Atol = 1e-4, Rtol = 1e-6, TimeLimitSeconds = 30, Hint = "Subtract each trial's movement start from its times, round to the nearest whole ms with halves to even (torch's round) only to choose the samples, and keep −200..600 ms with both ends included; rates stay in Hz as stored (float32), the returned times are the unrounded relative times in seconds.")]
    [FeedbackPlot("rates", Select = [0, 0], Title = "Neuron 0, condition 0: firing rate", XLabel = "time from movement onset (s)", XStart = -0.2, XStep = 0.01, YLabel = "rate (Hz)")]
    [Tolerance("times", 1e-9)]
    [Tolerance("times_narrow", 1e-9)]
    [Tolerance("times_half", 1e-9)]
    [Tolerance("times_fraction", 1e-9)]
    public static IReadOnlyDictionary<string, Tensor> Extract(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var data = M1Reaching.Load(ctx.InputPath("m1_reaching_synthetic.mat"));
        var wide = Psth.Extract(data);
        var narrow = Psth.Extract(data, -50, 250);
        var half = Psth.Extract(Offset(0.5), -10, 10);
        var fraction = Psth.Extract(Offset(0.7), -10, 10);
        return CheckKit.Results(
            ("rates", wide.Rates),
            ("times", wide.Times),
            ("rates_narrow", narrow.Rates),
            ("times_narrow", narrow.Times),
            ("rates_half", half.Rates),
            ("times_half", half.Times),
            ("rates_fraction", fraction.Rates),
            ("times_fraction", fraction.Times));
    }

    /// <summary>
    /// One neuron, two conditions, 24 samples whose times relative to movement onset are k + <paramref name="offset"/> ms
    /// for k = −12..11 (movement starts at 100 and 250 ms), rates 1.5 · sample number: every sample is a rounding case.
    /// </summary>
    private static M1Reaching Offset(double offset)
    {
        var relative = arange(-12, 12, float64) + offset;
        var moveStarts = tensor(new double[,] { { 100, 250 } });
        var times = relative.reshape(1, 1, 24) + moveStarts.unsqueeze(-1);
        var rates = arange(48, float64).reshape(1, 2, 24) * 1.5;
        return new M1Reaching(times, moveStarts, rates);
    }
}
