using System.Text.Json.Serialization;

namespace NeuroExercises.Grader.Release;

/// <summary>One week of a release in release.json.</summary>
/// <param name="Id">The week id.</param>
/// <param name="Number">The week number.</param>
/// <param name="Title">The title.</param>
/// <param name="ExerciseFolder">The exercise project, relative to the release root.</param>
/// <param name="VisibleChecks">Checks that ship (run by <c>check</c>).</param>
/// <param name="VisiblePoints">Their points.</param>
/// <param name="HiddenChecks">How many hidden checks the week has (graded after submission; names not given).</param>
/// <param name="HiddenPoints">Their points.</param>
/// <param name="GradedAfterSubmission">Visible checks that do not ship because the grader verifies them against its own reference (named: they are not secret).</param>
internal sealed record ReleaseManifestWeek(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("number")] int Number,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("exercise_folder")] string ExerciseFolder,
    [property: JsonPropertyName("visible_checks")] int VisibleChecks,
    [property: JsonPropertyName("visible_points")] double VisiblePoints,
    [property: JsonPropertyName("hidden_checks")] int HiddenChecks,
    [property: JsonPropertyName("hidden_points")] double HiddenPoints,
    [property: JsonPropertyName("graded_after_submission")] IReadOnlyList<ReleaseManifestCheck> GradedAfterSubmission)
{
    /// <summary>The week's entry for <paramref name="week"/>.</summary>
    public static ReleaseManifestWeek Of(ReleaseWeek week)
    {
        var hidden = week.Checks.Where(ReleasePolicy.IsHidden).ToList();
        return new ReleaseManifestWeek(
            week.Week.Id,
            week.Week.Number,
            week.Week.Title,
            week.Week.ExerciseFolder,
            week.Shipped.Count,
            week.Shipped.Sum(c => c.Points),
            hidden.Count,
            hidden.Sum(c => c.Points),
            [.. week.Withheld.Where(c => !ReleasePolicy.IsHidden(c)).Select(c => new ReleaseManifestCheck(c.ShortName, c.Points))]);
    }
}
