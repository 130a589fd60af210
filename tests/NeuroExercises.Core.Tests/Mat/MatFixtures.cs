using System.Runtime.CompilerServices;

namespace NeuroExercises.Core.Tests.Mat;

/// <summary>Paths of the MAT fixtures in ../shared/fixtures/mat (written by scipy, Octave and h5py).</summary>
internal static class MatFixtures
{
    public static string Path(string fileName, [CallerFilePath] string sourceFile = "") =>
        System.IO.Path.Combine(SharedFolder(sourceFile), "fixtures", "mat", fileName);

    public static string SharedFolder([CallerFilePath] string sourceFile = "")
    {
        // The build output may live outside the repository (--artifacts-path): then start from this source file.
        var root = FindRepoRoot(AppContext.BaseDirectory) ?? FindRepoRoot(System.IO.Path.GetDirectoryName(sourceFile) ?? "")
            ?? throw new InvalidOperationException($"No NeuroExercises.sln above {AppContext.BaseDirectory} or {sourceFile}; run the tests from the repository.");
        return System.IO.Path.GetFullPath(System.IO.Path.Combine(root, "..", "shared"));
    }

    private static string? FindRepoRoot(string start)
    {
        for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "NeuroExercises.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
