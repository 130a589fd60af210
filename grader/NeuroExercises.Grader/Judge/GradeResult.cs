namespace NeuroExercises.Grader.Judge;

/// <summary>One grade of one submission for one week: the input of every report.</summary>
/// <param name="Week">The week id.</param>
/// <param name="Device">The device the checks ran on.</param>
/// <param name="Sandbox">The isolation used (bwrap or none).</param>
/// <param name="Score">Total points earned.</param>
/// <param name="MaxScore">Total points available.</param>
/// <param name="Checks">Per-check results in id order.</param>
/// <param name="ManifestHash">SHA-256 of the rules and snapshots (see <see cref="Judge.ManifestHash"/>).</param>
/// <param name="ExecutionSeconds">Wall time of the whole grade.</param>
/// <param name="Message">A top-level message (compile errors, why the grade could not run); empty when none.</param>
internal sealed record GradeResult(
    string Week,
    string Device,
    string Sandbox,
    double Score,
    double MaxScore,
    IReadOnlyList<CheckResult> Checks,
    string ManifestHash,
    double ExecutionSeconds,
    string Message)
{
    /// <summary>Where the time went; null when the grade could not run.</summary>
    public GradeTimings? Timings { get; init; }

    /// <summary>
    /// Staff only: check id → the whole trace of the exception it threw (grader frames and paths included). Never in a
    /// report a student reads (not serialised: results.json, JUnit and feedback leave it out); <c>grade</c> writes it to
    /// its staff log (<c>--staff-log</c>).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<string, string> StaffLog { get; init; } = new Dictionary<string, string>();

    /// <summary>What was graded, by what, where and how isolated; null when the grade could not run.</summary>
    public Provenance? Provenance { get; init; }
}
