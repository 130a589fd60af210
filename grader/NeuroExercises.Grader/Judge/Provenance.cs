using System.Reflection;

namespace NeuroExercises.Grader.Judge;

/// <summary>
/// Where a grade came from, carried into every results file so a regrade can be proven identical: the grader's version,
/// the submission's content hash (SHA-256 of its .cs files' names and bytes), the week, the device and the isolation used.
/// (The manifest hash of checks, tolerances and snapshots is <see cref="GradeResult.ManifestHash"/>.)
/// </summary>
/// <param name="Grader">The grader's version (informational version, with the build's commit when known).</param>
/// <param name="Submission">SHA-256 of the submission's sources; empty when they could not be read.</param>
/// <param name="Week">The week id.</param>
/// <param name="Device">cpu or cuda.</param>
/// <param name="Isolation">The isolation actually used (e.g. bwrap, or none).</param>
internal sealed record Provenance(string Grader, string Submission, string Week, string Device, string Isolation)
{
    /// <summary>This grader's version.</summary>
    public static string GraderVersion { get; } =
        typeof(Provenance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(Provenance).Assembly.GetName().Version?.ToString() ?? "unknown";
}
