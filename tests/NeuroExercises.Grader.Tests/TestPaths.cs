using NeuroExercises.Tests.Shared;

namespace NeuroExercises.Grader.Tests;

/// <summary>Where the tests find the repository and their data files.</summary>
internal static class TestPaths
{
    public static string RepoRoot => RepoPaths.Root;

    public static string Hostile => Path.Combine(AppContext.BaseDirectory, "Hostile");

    public static string Snapshots => Path.Combine(RepoRoot, "grader", "weeks");
}
