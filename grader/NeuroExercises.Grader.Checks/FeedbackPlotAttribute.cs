using System.Globalization;

namespace NeuroExercises.Grader.Checks;

/// <summary>
/// Declares a plot of one output of a check on the student's feedback page (feedback.html and feedback.md): the
/// student's array against the snapshot's, drawn as <see cref="Kind"/>. Plots are drawn for visible checks only, whether
/// the check passed or not, and only when both arrays have the same shape. Declare as many as help, e.g. a trace and its
/// error over time: <c>[FeedbackPlot("outputs", Select = [0], Title = "Condition 0")]</c>. Presentation only: not part
/// of the manifest hash.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class FeedbackPlotAttribute : Attribute
{
    /// <summary>Declares a plot of output <paramref name="output"/>.</summary>
    /// <param name="output">The output name as the check returns it.</param>
    public FeedbackPlotAttribute(string output) => Output = output;

    /// <summary>The output plotted.</summary>
    public string Output { get; }

    /// <summary>How it is drawn (default: a trace).</summary>
    public FeedbackPlotKind Kind { get; set; } = FeedbackPlotKind.Trace;

    /// <summary>
    /// Indices fixing the leading axes before drawing, e.g. <c>[0]</c> keeps condition 0 of a [conditions, T, F] output.
    /// Empty: the whole array.
    /// </summary>
    public int[] Select { get; set; } = [];

    /// <summary>The plot's title (default: the output name and the selection).</summary>
    public string Title { get; set; } = "";

    /// <summary>The x axis label, with units (default: "index").</summary>
    public string XLabel { get; set; } = "";

    /// <summary>The y axis label (default: the output name).</summary>
    public string YLabel { get; set; } = "";

    /// <summary>x of the first point (traces and errors).</summary>
    public double XStart { get; set; }

    /// <summary>x step between points (traces and errors), e.g. 0.01 for time in s with dt = 10 ms.</summary>
    public double XStep { get; set; } = 1;

    /// <summary>At most this many columns are drawn in a trace (the first ones), so the lines stay readable.</summary>
    public int MaxLines { get; set; } = 4;

    /// <summary>Why this declaration cannot be drawn, or null when it is well-formed (checked at discovery).</summary>
    /// <returns>A message naming the property and the fix, or null.</returns>
    public string? Problem() =>
        string.IsNullOrWhiteSpace(Output) ? "[FeedbackPlot] names no output; pass the output name the check returns"
        : Select.Any(i => i < 0) ? $"[FeedbackPlot(\"{Output}\")] Select has a negative index; use indices ≥ 0"
        : !(XStep > 0) || double.IsInfinity(XStep) ? $"[FeedbackPlot(\"{Output}\")] XStep is {XStep.ToString(CultureInfo.InvariantCulture)}; use a finite step > 0"
        : !double.IsFinite(XStart) ? $"[FeedbackPlot(\"{Output}\")] XStart is {XStart.ToString(CultureInfo.InvariantCulture)}; use a finite value"
        : MaxLines < 1 ? $"[FeedbackPlot(\"{Output}\")] MaxLines is {MaxLines}; draw at least 1 line"
        : !Enum.IsDefined(Kind) ? $"[FeedbackPlot(\"{Output}\")] Kind {(int)Kind} is not a FeedbackPlotKind; use Trace, Error or Scatter"
        : null;
}
