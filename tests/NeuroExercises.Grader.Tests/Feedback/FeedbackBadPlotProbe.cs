using NeuroExercises.Grader.Checks;
using static TorchSharp.torch;

namespace NeuroExercises.Grader.Tests.Feedback;

/// <summary>A check with a malformed plot declaration (negative index): discovery must refuse it by name.</summary>
[WeekChecks(Week)]
public static class FeedbackBadPlotProbe
{
    public const string Week = "feedback-probe-bad-plot";

    [Check(1)]
    [FeedbackPlot("y", Select = [-1])]
    public static IReadOnlyDictionary<string, Tensor> NegativeSelect(CheckContext ctx) => throw new NotSupportedException("never run");
}
