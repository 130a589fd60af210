namespace NeuroExercises.Grader.Judge;

/// <summary>
/// The committed snapshots of one week: <c>&lt;root&gt;/&lt;week&gt;/&lt;Class.Method&gt;.expected.npz</c>. Read by the judge
/// (and written by <c>snapshot update</c>) from the source tree, never copied into the build output.
/// </summary>
/// <param name="Root">The Snapshots folder.</param>
/// <param name="Week">The week id.</param>
internal sealed record SnapshotStore(string Root, string Week)
{
    /// <summary>The suffix of an expected snapshot.</summary>
    public const string ExpectedSuffix = ".expected.npz";

    /// <summary>The suffix of a received array written on a miss.</summary>
    public const string ReceivedSuffix = ".received.npz";

    /// <summary>The week's folder.</summary>
    public string Directory => Path.Combine(Root, Week);

    /// <summary>The path of the snapshot of check <paramref name="shortName"/> (Class.Method).</summary>
    public string PathOf(string shortName) => Path.Combine(Directory, shortName + ExpectedSuffix);

    /// <summary>The short names (Class.Method) of every snapshot on disk.</summary>
    public IReadOnlyList<string> Existing() =>
        System.IO.Directory.Exists(Directory)
            ? [.. System.IO.Directory.EnumerateFiles(Directory, "*" + ExpectedSuffix)
                .Select(p => Path.GetFileName(p)[..^ExpectedSuffix.Length])
                .Order(StringComparer.Ordinal)]
            : [];

    /// <summary>The Snapshots folder of the source tree: walk up from <paramref name="start"/> to NeuroExercises.sln.</summary>
    public static string? FindDefaultRoot(string start)
    {
        var repo = RepoLocator.FindRoot(start);
        return repo is null ? null : Path.Combine(repo, "grader", "NeuroExercises.Grader", "Snapshots");
    }
}
