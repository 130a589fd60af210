namespace NeuroExercises.Grader.Judge;

/// <summary>Finds the repository root (the folder holding NeuroExercises.sln).</summary>
internal static class RepoLocator
{
    /// <summary>Walks up from <paramref name="start"/>; null when no NeuroExercises.sln is found.</summary>
    public static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NeuroExercises.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
