namespace NeuroExercises.Grader.Release;

/// <summary>The release being built: where it comes from, the staging folder it is written to, and what the steps found.</summary>
/// <param name="RepoRoot">The staff repository.</param>
/// <param name="Staging">The staging folder (renamed to --out when every step succeeded).</param>
/// <param name="Weeks">The weeks released, with their checks.</param>
internal sealed record ReleaseContext(string RepoRoot, string Staging, IReadOnlyList<ReleaseWeek> Weeks)
{
    /// <summary>The manifest, once <see cref="Steps.WriteManifestStep"/> ran.</summary>
    public ReleaseManifest? Manifest { get; set; }

    /// <summary>What <see cref="Steps.LeakScanStep"/> found (empty: clean).</summary>
    public IReadOnlyList<Leak> Leaks { get; set; } = [];

    /// <summary>The absolute path of <paramref name="relative"/> (forward slashes) in the staging folder.</summary>
    public string Out(string relative) => Path.Combine(Staging, relative);

    /// <summary>The absolute path of <paramref name="relative"/> in the repository.</summary>
    public string Repo(string relative) => Path.Combine(RepoRoot, relative);

    /// <summary>
    /// Copies the repository folder <paramref name="from"/> to <paramref name="to"/> in the release, skipping build
    /// outputs and leftovers, and every file <paramref name="include"/> (given the path relative to <paramref name="from"/>) refuses.
    /// </summary>
    public void CopyTree(string from, string to, Func<string, bool>? include = null)
    {
        var source = Repo(from);
        if (!Directory.Exists(source))
        {
            throw new ReleaseException($"release: the repository has no folder '{from}' ({source}); restore it (git checkout) or fix the week's registration.", Cli.ExitCodes.GradeFailed);
        }

        foreach (var rel in Files(source))
        {
            if (include is null || include(rel))
            {
                CopyFile(Path.Combine(from, rel), Path.Combine(to, rel));
            }
        }
    }

    /// <summary>Copies one repository file to the release.</summary>
    public void CopyFile(string from, string to)
    {
        var target = Out(to);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(Repo(from), target, overwrite: false);
    }

    /// <summary>Writes a text file of the release (UTF-8 without BOM, '\n' line ends).</summary>
    public void WriteText(string to, string text)
    {
        var target = Out(to);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllText(target, text.ReplaceLineEndings("\n"));
    }

    /// <summary>Files under <paramref name="root"/>, relative with '/' separators, sorted, skipping build outputs and leftovers.</summary>
    public static IReadOnlyList<string> Files(string root) =>
        [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(rel => !rel.Split('/')[..^1].Any(ReleasePolicy.IsBuildOrToolFolder) && !ReleasePolicy.IsLeftover(Path.GetFileName(rel)))
            .Order(StringComparer.Ordinal)];
}
