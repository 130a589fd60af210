using System.Runtime.CompilerServices;

namespace NeuroExercises.Tests.Shared;

/// <summary>
/// The repository root (the folder holding NeuroExercises.sln) and the course's shared folder next to it (../shared).
/// Linked into every test project by Directory.Build.targets.
/// </summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootFolder = new(Locate);

    /// <summary>The folder holding NeuroExercises.sln.</summary>
    public static string Root => RootFolder.Value;

    /// <summary>The course's shared folder, ../shared next to the repository root.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>A file under ../shared/fixtures.</summary>
    public static string Fixture(string relative) => Path.Combine(Shared, "fixtures", relative);

    /// <summary>A file under ../shared/reference.</summary>
    public static string Reference(string relative) => Path.Combine(Shared, "reference", relative);

    private static string Locate()
    {
        // Binaries built with --artifacts-path live outside the repository: then start from this source file.
        var sourceFile = ThisFile();
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var dir = start.Length == 0 ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "NeuroExercises.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException(
            $"No NeuroExercises.sln above {AppContext.BaseDirectory} or {sourceFile}; run the tests from a build of the repository.");
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
