using System.Text.Json.Serialization;
using NeuroExercises.Grader.Checks;

namespace NeuroExercises.Grader.Judge;

/// <summary>The judged outcome of one check.</summary>
/// <param name="Id">The check id.</param>
/// <param name="Description">What the check grades.</param>
/// <param name="Score">Points earned (all or nothing).</param>
/// <param name="MaxScore">Points available.</param>
/// <param name="Passed">True when every output matched its snapshot.</param>
/// <param name="Visibility">When the student sees it.</param>
/// <param name="Outcome">Short outcome word: passed, mismatch, threw, timeout, no-result, output-capped, not-run, no-snapshot, derive-failed.</param>
/// <param name="Output">The message shown: what went wrong and how to fix it.</param>
/// <param name="Seconds">Wall time of the check's child.</param>
/// <param name="StartupSeconds">Child process start to the check call (null when unknown).</param>
internal sealed record CheckResult(
    string Id,
    string Description,
    double Score,
    double MaxScore,
    bool Passed,
    Visibility Visibility,
    string Outcome,
    string Output,
    double Seconds,
    double? StartupSeconds = null)
{
    /// <summary>The tolerances the check was judged with (device-specific), for the record.</summary>
    public string Tolerance { get; init; } = "";

    /// <summary>The detail behind the score for the feedback page (comparisons, hint, plot data); null when the judge has none. Not serialised.</summary>
    [JsonIgnore]
    public CheckFeedback? Feedback { get; init; }
}
