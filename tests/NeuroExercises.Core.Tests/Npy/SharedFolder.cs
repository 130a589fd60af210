using NeuroExercises.Tests.Shared;

namespace NeuroExercises.Core.Tests.Npy;

/// <summary>Paths under ../shared next to the repository root (the folder holding NeuroExercises.sln).</summary>
internal static class SharedFolder
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([RepoPaths.Shared, .. parts]);
}
