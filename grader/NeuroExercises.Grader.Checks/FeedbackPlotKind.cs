namespace NeuroExercises.Grader.Checks;

/// <summary>How a <see cref="FeedbackPlotAttribute"/> draws the student's output against the expected one.</summary>
public enum FeedbackPlotKind
{
    /// <summary>
    /// Expected (solid) and yours (dashed) along the first remaining axis, one pair of lines per column of the second
    /// (e.g. the two outputs over time of one condition). What remains after <see cref="FeedbackPlotAttribute.Select"/>
    /// must be [T] or [T, F].
    /// </summary>
    Trace,

    /// <summary>
    /// The largest |yours − expected| over the columns at each point of the first remaining axis, on a log scale, with the
    /// allowed error atol + rtol·|expected| of that element: the eye finds where the error starts and how it grows.
    /// Same shapes as <see cref="Trace"/>.
    /// </summary>
    Error,

    /// <summary>Yours against expected for every remaining element, with the line y = x: any shape.</summary>
    Scatter,
}
