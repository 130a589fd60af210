namespace NeuroExercises.Grader.Tests;

/// <summary>Where the tests find the repository, the shared folder and their data files.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepo();

    public static string Shared => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static string Hostile => Path.Combine(AppContext.BaseDirectory, "Hostile");

    public static string Snapshots => Path.Combine(RepoRoot, "grader", "NeuroExercises.Grader", "Snapshots");

    private static string FindRepo()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NeuroExercises.sln")))
            {
                return dir.FullName;
            }
        }

        // Built with --artifacts-path outside the repo: fall back to the source location of this file's project.
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NeuroExercises.sln")))
            {
                return dir.FullName;
            }
        }

        return "/work/main";
    }
}
