using NeuroExercises.Grader.Checks;
using static TorchSharp.torch;

namespace NeuroExercises.Grader.Tests.Feedback;

/// <summary>
/// Declarations only (never run): four checks of a made-up week whose specs the feedback tests judge with hand-made
/// runs. The hidden one carries marked strings that must never reach the page.
/// </summary>
[WeekChecks(Week)]
public static class FeedbackProbeChecks
{
    public const string Week = "feedback-probe";

    public const string TrajectoryHint = "Update x with the step's input before you record the output.";

    public const string ThrowsHint = "Return the tensor instead of throwing.";

    public const string HiddenDescription = "HIDDEN-DESCRIPTION-must-not-show";

    public const string HiddenHint = "HIDDEN-HINT-must-not-show";

    public const string HiddenOutput = "hidden_secret_output";

    [Check(3, Description = "Trajectory of two conditions", Hint = TrajectoryHint)]
    [FeedbackPlot("traj", Select = [0], Title = "Condition 0: trajectory", XLabel = "time step")]
    [FeedbackPlot("traj", Kind = FeedbackPlotKind.Error, Select = [0], Title = "Condition 0: error over time", XLabel = "time step")]
    public static IReadOnlyDictionary<string, Tensor> Trajectory(CheckContext ctx) => throw Never();

    [Check(1, Description = "A matrix that matches", Hint = "unused on a pass")]
    [FeedbackPlot("m", Kind = FeedbackPlotKind.Scatter, Title = "Matrix: yours against expected")]
    public static IReadOnlyDictionary<string, Tensor> Matrix(CheckContext ctx) => throw Never();

    [Check(2, Description = "A method that throws", Hint = ThrowsHint)]
    public static IReadOnlyDictionary<string, Tensor> Throws(CheckContext ctx) => throw Never();

    [Check(2, Description = HiddenDescription, Visibility = Visibility.Hidden, Hint = HiddenHint)]
    [FeedbackPlot(HiddenOutput, Title = "HIDDEN-PLOT-must-not-show")]
    public static IReadOnlyDictionary<string, Tensor> Hidden(CheckContext ctx) => throw Never();

    private static NotSupportedException Never() => new("a feedback probe is a declaration only; it is never run");
}
