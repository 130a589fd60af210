namespace NeuroExercises.Grader.Reports;

/// <summary>What the feedback page says about one visible check: the misses, the message, the hint and the plots.</summary>
/// <param name="Check">The check id.</param>
/// <param name="Description">What the check grades.</param>
/// <param name="Score">Points earned.</param>
/// <param name="MaxScore">Points available.</param>
/// <param name="Passed">True on a pass (the section then holds plots only).</param>
/// <param name="Result">The row's result word.</param>
/// <param name="Compared">The names of the outputs compared with the reference (empty when the check did not complete).</param>
/// <param name="Misses">One per output that differs.</param>
/// <param name="Message">The judge's message when there is no comparison to show (an exception, a time-out), capped; else empty.</param>
/// <param name="Hint">The check's hint, shown on a miss; empty when none.</param>
/// <param name="ReceivedFile">The file with your outputs beside results.json, or null.</param>
/// <param name="Figures">The declared plots that could be drawn.</param>
internal sealed record FeedbackSection(
    string Check,
    string Description,
    double Score,
    double MaxScore,
    bool Passed,
    string Result,
    IReadOnlyList<string> Compared,
    IReadOnlyList<FeedbackMiss> Misses,
    string Message,
    string Hint,
    string? ReceivedFile,
    IReadOnlyList<FeedbackFigure> Figures)
{
    /// <summary>An HTML id / file stem for the check: its Class.Method with anything but letters, digits, '.', '-', '_' replaced.</summary>
    public string Anchor => FeedbackText.Anchor(Check);
}
