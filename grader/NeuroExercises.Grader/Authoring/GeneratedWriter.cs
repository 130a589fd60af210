namespace NeuroExercises.Grader.Authoring;

/// <summary>Compares generated folders with the tree (staleness) and writes them: each into a temporary sibling first, then swapped in.</summary>
internal static class GeneratedWriter
{
    /// <summary>Files under <paramref name="dir"/> (relative, '/'), skipping bin/, obj/ and hidden folders, sorted.</summary>
    public static IReadOnlyList<string> ListFiles(string dir) =>
        !Directory.Exists(dir)
            ? []
            : [.. Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/'))
                .Where(rel => !rel.Split('/')[..^1].Any(d => d is "bin" or "obj" || d.StartsWith('.')))
                .OrderBy(rel => rel, StringComparer.Ordinal)];

    /// <summary>One line per stale file of <paramref name="folders"/> (differs, missing, or not generated); empty when current.</summary>
    public static IReadOnlyList<string> Stale(IEnumerable<GeneratedFolder> folders, string repoRoot)
    {
        var problems = new List<string>();
        foreach (var folder in folders)
        {
            var shown = Path.GetRelativePath(repoRoot, folder.Dir).Replace('\\', '/');
            var onDisk = ListFiles(folder.Dir).ToHashSet(StringComparer.Ordinal);
            foreach (var (rel, text) in folder.Files.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                if (!onDisk.Contains(rel))
                {
                    problems.Add($"{shown}/{rel}: missing (generation writes it)");
                    continue;
                }

                var actual = File.ReadAllText(Path.Combine(folder.Dir, rel));
                if (actual != text)
                {
                    problems.Add($"{shown}/{rel}: differs from what generation gives{FirstDifference(text, actual)}");
                }
            }

            problems.AddRange(onDisk.Where(rel => !folder.Files.ContainsKey(rel)).Order(StringComparer.Ordinal).Select(rel => $"{shown}/{rel}: not generated (generation removes it)"));
        }

        return problems;
    }

    /// <summary>
    /// Writes every folder: the whole content into a temporary sibling folder, the old folder's bin/ and obj/ moved
    /// over, then the two swapped by renames. Inputs are complete before the first write (generation is in memory).
    /// </summary>
    public static void Write(IEnumerable<GeneratedFolder> folders)
    {
        foreach (var folder in folders)
        {
            var target = Path.GetFullPath(folder.Dir).TrimEnd(Path.DirectorySeparatorChar);
            var parent = Path.GetDirectoryName(target)!;
            Directory.CreateDirectory(parent);
            var stamp = $"{Environment.ProcessId}-{Guid.NewGuid():N}"[..16];
            var fresh = Path.Combine(parent, $".{Path.GetFileName(target)}.new-{stamp}");
            var old = Path.Combine(parent, $".{Path.GetFileName(target)}.old-{stamp}");
            try
            {
                foreach (var (rel, text) in folder.Files)
                {
                    var path = Path.Combine(fresh, rel);
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    File.WriteAllText(path, text);
                }

                Directory.CreateDirectory(fresh);
                if (Directory.Exists(target))
                {
                    foreach (var build in new[] { "bin", "obj" }.Where(d => Directory.Exists(Path.Combine(target, d))))
                    {
                        Directory.Move(Path.Combine(target, build), Path.Combine(fresh, build));
                    }

                    Directory.Move(target, old);
                }

                Directory.Move(fresh, target);
                if (Directory.Exists(old))
                {
                    Directory.Delete(old, recursive: true);
                }
            }
            finally
            {
                if (!Directory.Exists(target) && Directory.Exists(old))
                {
                    Directory.Move(old, target); // the swap failed half-way: put the old folder back
                }

                if (Directory.Exists(fresh))
                {
                    Directory.Delete(fresh, recursive: true);
                }
            }
        }
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "<end of file>";
            var al = i < a.Length ? a[i] : "<end of file>";
            if (el != al)
            {
                var column = 0;
                while (column < Math.Min(el.Length, al.Length) && el[column] == al[column])
                {
                    column++;
                }

                var from = Math.Max(0, column - 30);
                return $" at line {i + 1}, column {column + 1}: generation gives '{Clip(el[from..])}', the file has '{Clip(al[from..])}'";
            }
        }

        return "";
    }

    private static string Clip(string s)
    {
        var t = s.Trim();
        return t.Length <= 100 ? t : t[..97] + "…";
    }
}
