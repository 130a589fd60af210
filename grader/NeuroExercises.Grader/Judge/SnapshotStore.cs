using NeuroExercises.Grader.Checks;

namespace NeuroExercises.Grader.Judge;

/// <summary>
/// The expected outputs of one week: <c>&lt;Class.Method&gt;.expected.npz</c> in the week's <c>snapshots/</c> folder
/// (grader/weeks/WeekNN.Name/snapshots), generated from the solutions by <c>snapshot update</c>. Read only by the judge
/// in the trusted parent; never copied to a build output, never inside the sandbox.
/// </summary>
/// <param name="Directory">The week's snapshots folder.</param>
internal sealed record SnapshotStore(string Directory)
{
    /// <summary>Suffix of a snapshot file.</summary>
    public const string ExpectedSuffix = ".expected.npz";

    /// <summary>Suffix of what a failed grade writes beside the report.</summary>
    public const string ReceivedSuffix = ".received.npz";

    /// <summary>The snapshots of <paramref name="week"/> under <paramref name="root"/> (the weeks folder): root/WeekNN.Name/snapshots.</summary>
    public static SnapshotStore For(string root, WeekInfo week) => new(Path.Combine(root, week.Folder, "snapshots"));

    /// <summary>The snapshot file of a check (id without the week).</summary>
    public string PathOf(string shortName) => Path.Combine(Directory, shortName + ExpectedSuffix);

    /// <summary>Short names of the snapshots present, sorted.</summary>
    public IReadOnlyList<string> Existing() =>
        System.IO.Directory.Exists(Directory)
            ? [.. System.IO.Directory.EnumerateFiles(Directory, "*" + ExpectedSuffix)
                .Select(p => Path.GetFileName(p)[..^ExpectedSuffix.Length])
                .Order(StringComparer.Ordinal)]
            : [];

    /// <summary>The weeks folder of the source tree above <paramref name="start"/> (grader/weeks), or null.</summary>
    public static string? FindDefaultRoot(string start)
    {
        var repo = RepoLocator.FindRoot(start);
        return repo is null ? null : Path.Combine(repo, "grader", "weeks");
    }
}
