using NeuroExercises.Grader.Checks;

namespace NeuroExercises.Grader.Release;

/// <summary>What to release.</summary>
/// <param name="RepoRoot">The staff repository (the folder holding NeuroExercises.sln).</param>
/// <param name="WeekIds">The weeks, as given with --week.</param>
/// <param name="OutDirectory">Where the release goes (must not exist or be empty).</param>
internal sealed record ReleaseRequest(string RepoRoot, IReadOnlyList<string> WeekIds, string OutDirectory)
{
    /// <summary>The registered weeks the ids are looked up in (default: the ones beside the grader).</summary>
    public IReadOnlyList<WeekInfo> Catalog { get; init; } = WeekCatalog.All;
}
