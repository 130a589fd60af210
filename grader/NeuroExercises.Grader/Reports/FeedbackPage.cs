namespace NeuroExercises.Grader.Reports;

/// <summary>
/// Everything a student's feedback page shows, already filtered: hidden checks are reduced to pass/fail here, once, so
/// the renderers (<see cref="FeedbackHtml"/>, <see cref="FeedbackMarkdown"/>) cannot leak what they never receive.
/// </summary>
/// <param name="Title">The page title: week number, week title.</param>
/// <param name="Week">The week id.</param>
/// <param name="Date">When the grade was made.</param>
/// <param name="Score">Points earned.</param>
/// <param name="MaxScore">Points available.</param>
/// <param name="Device">Where the checks ran.</param>
/// <param name="Message">The grade's top-level message (e.g. compile errors), capped; empty when none.</param>
/// <param name="Rows">The score table, one row per check in id order.</param>
/// <param name="Sections">One section per visible check that missed or has plots.</param>
/// <param name="HiddenCount">How many checks are hidden (pass/fail only).</param>
/// <param name="Manifest">The manifest hash (proves which rules graded this).</param>
internal sealed record FeedbackPage(
    string Title,
    string Week,
    DateTimeOffset Date,
    double Score,
    double MaxScore,
    string Device,
    string Message,
    IReadOnlyList<FeedbackRow> Rows,
    IReadOnlyList<FeedbackSection> Sections,
    int HiddenCount,
    string Manifest);
