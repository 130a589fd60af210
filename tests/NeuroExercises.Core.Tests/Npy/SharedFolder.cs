using System.Runtime.CompilerServices;

namespace NeuroExercises.Core.Tests.Npy;

/// <summary>Finds ../shared next to the repository root (the folder holding NeuroExercises.sln).</summary>
internal static class SharedFolder
{
    private static readonly Lazy<string> Root = new(() => Locate());

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root.Value, .. parts]);

    private static string Locate([CallerFilePath] string sourceFile = "")
    {
        // Binaries built with --artifacts-path live outside the repo: then start from this source file.
        foreach (var start in new[] { AppContext.BaseDirectory, System.IO.Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var dir = start.Length == 0 ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "NeuroExercises.sln")))
                {
                    return System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared"));
                }
            }
        }

        throw new DirectoryNotFoundException($"no folder containing NeuroExercises.sln above {AppContext.BaseDirectory} or {sourceFile}; run the tests from inside the repository");
    }
}
