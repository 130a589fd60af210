using System.Globalization;

namespace NeuroExercises.Grader.Batch;

/// <summary>
/// Combines the output folders of <c>grade-batch --shard K/N</c> runs into one: refuses (before writing anything) a folder
/// that is not a batch, shards of different N, a shard missing or given twice, different weeks, grader versions or
/// manifests, an incomplete shard, and a submission in two shards. Writes gradebook.csv, batch.json (shard 1/1) and
/// copies each submission's folder.
/// </summary>
internal static class GradebookMerge
{
    /// <summary>Merges <paramref name="shardDirs"/> into <paramref name="outDir"/>; returns the merged manifest.</summary>
    public static BatchManifest Merge(IReadOnlyList<string> shardDirs, string outDir)
    {
        if (shardDirs.Count == 0)
        {
            throw new BatchInputException("merge: no shard folders given; pass the --out folder of every grade-batch --shard K/N run.");
        }

        var shards = shardDirs.Select(d => (Dir: Path.GetFullPath(d), Manifest: BatchManifest.Read(d))).ToList();
        var first = shards[0].Manifest;
        var parsed = shards.Select(s => (s.Dir, s.Manifest, Spec: ShardSpec.Parse(s.Manifest.Shard))).ToList();
        var n = parsed[0].Spec.Count;
        foreach (var (dir, m, spec) in parsed)
        {
            if (spec.Count != n)
            {
                throw new BatchInputException($"merge: '{dir}' is shard {m.Shard} but '{parsed[0].Dir}' is shard {first.Shard}: all shards must split into the same N; regrade with one --shard K/{n} scheme.");
            }

            if (m.Week != first.Week || m.Grader != first.Grader || m.Manifest != first.Manifest)
            {
                throw new BatchInputException(
                    $"merge: '{dir}' was graded with week {m.Week}, grader {m.Grader}, manifest {Short(m.Manifest)} but '{parsed[0].Dir}' with week {first.Week}, grader {first.Grader}, manifest {Short(first.Manifest)}; regrade the odd shard with the same grader release and week.");
            }

            if (!m.Complete)
            {
                throw new BatchInputException($"merge: shard {m.Shard} in '{dir}' has submissions the grader could not grade (status error); rerun its grade-batch command, then merge.");
            }
        }

        var duplicate = parsed.GroupBy(p => p.Spec.Index).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new BatchInputException($"merge: shard {duplicate.Key}/{n} is given twice ({string.Join(", ", duplicate.Select(d => $"'{d.Dir}'"))}); pass each shard's folder once.");
        }

        var missing = Enumerable.Range(1, n).Except(parsed.Select(p => p.Spec.Index)).ToList();
        if (missing.Count > 0)
        {
            throw new BatchInputException(string.Create(CultureInfo.InvariantCulture, $"merge: shard{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(k => $"{k}/{n}"))} missing; run grade-batch --shard for {(missing.Count > 1 ? "them" : "it")} and pass every shard's folder."));
        }

        var records = new Dictionary<string, (BatchRecord Record, string Dir)>(StringComparer.Ordinal);
        foreach (var (dir, m, _) in parsed)
        {
            foreach (var id in m.Submissions)
            {
                var sub = Path.Combine(dir, BatchRunner.SubmissionsFolder, id);
                var record = BatchRecord.TryRead(sub)
                    ?? throw new BatchInputException($"merge: submission '{id}' of shard {m.Shard} has no readable record in '{sub}'; rerun that shard's grade-batch command.");
                if (records.TryGetValue(id, out var other))
                {
                    throw new BatchInputException($"merge: submission '{id}' is in both '{other.Dir}' and '{dir}'; the shards were made from different folders: regrade them from one folder.");
                }

                records[id] = (record, sub);
            }
        }

        var target = Path.GetFullPath(outDir);
        try
        {
            Directory.CreateDirectory(target);
            foreach (var (id, (_, sub)) in records)
            {
                CopyFolder(sub, Path.Combine(target, BatchRunner.SubmissionsFolder, id));
            }

            var ordered = records.Values.Select(r => r.Record).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
            AtomicFile.WriteAllText(Path.Combine(target, Gradebook.FileName), Gradebook.Render(first.CheckIds, ordered));
            var merged = new BatchManifest(first.Week, first.Grader, first.Manifest, ShardSpec.All.ToString(), first.CheckIds, [.. ordered.Select(r => r.Id)], true);
            merged.Write(target);
            return merged;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BatchInputException($"merge: cannot write to '{target}' ({e.Message}); pass a writable --out folder.", e);
        }
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith(AtomicFile.TempSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            var dest = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest, overwrite: true);
        }
    }
}
