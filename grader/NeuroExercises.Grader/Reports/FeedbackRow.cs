namespace NeuroExercises.Grader.Reports;

/// <summary>One row of the feedback page's score table.</summary>
/// <param name="Check">The check id.</param>
/// <param name="Score">Points earned.</param>
/// <param name="MaxScore">Points available.</param>
/// <param name="Passed">True on a pass.</param>
/// <param name="Result">"passed", or for a visible check what went wrong ("wrong values", "threw an exception", …), for a hidden one "failed".</param>
/// <param name="Hidden">True for a check whose details the student does not see.</param>
/// <param name="HasSection">True when the page has a section on this check (a link target).</param>
internal sealed record FeedbackRow(string Check, double Score, double MaxScore, bool Passed, string Result, bool Hidden, bool HasSection);
