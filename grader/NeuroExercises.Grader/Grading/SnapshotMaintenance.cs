using NeuroExercises.Core.Npy;
using NeuroExercises.Grader.Discovery;
using NeuroExercises.Grader.Judge;
using NeuroExercises.Grader.Records;

namespace NeuroExercises.Grader.Grading;

/// <summary>
/// <c>snapshot update</c> and <c>snapshot verify</c>: the week's SOLUTIONS folder is compiled exactly like a submission
/// and run through the same runner and the same trusted derive step as a grade; update writes what that gives, verify
/// judges it against what is stored. Snapshots of checks with a derive step thus hold derived values.
/// </summary>
internal static class SnapshotMaintenance
{
    /// <summary>Regenerates every snapshot of the week and removes snapshots no check uses.</summary>
    /// <returns>Problems (empty on success): checks that did not complete on the solutions.</returns>
    public static async Task<IReadOnlyList<string>> UpdateAsync(GradeRequest solutions, CancellationToken cancellationToken = default)
    {
        var checks = GradePipeline.DiscoverChecks(solutions.ChecksPath, solutions.Week.Id);
        var store = SnapshotStore.For(solutions.SnapshotsRoot, solutions.Week);
        var runs = await RunAsync(solutions, checks, cancellationToken).ConfigureAwait(false);
        var problems = new List<string>();
        Directory.CreateDirectory(store.Directory);
        foreach (var (spec, run) in checks.Zip(runs))
        {
            if (run.Status != RunStatus.Completed)
            {
                problems.Add($"{spec.Id}: the solutions did not complete ({run.Status}): {run.Detail}");
                continue;
            }

            var path = store.PathOf(spec.ShortName);
            if (!StillHolds(path, spec, run.Outputs, GradePipeline.ResolveDevice(solutions.Device)))
            {
                Npz.Write(path, run.Outputs.OrderBy(kv => kv.Key, StringComparer.Ordinal));
            }
        }

        var used = checks.Select(c => c.ShortName).ToHashSet(StringComparer.Ordinal);
        foreach (var orphan in store.Existing().Where(s => !used.Contains(s)))
        {
            File.Delete(store.PathOf(orphan));
        }

        return problems;
    }

    /// <summary>Problems with the stored snapshots: stale (the solutions no longer match), unused, or missing.</summary>
    public static async Task<IReadOnlyList<string>> VerifyAsync(GradeRequest solutions, CancellationToken cancellationToken = default)
    {
        var checks = GradePipeline.DiscoverChecks(solutions.ChecksPath, solutions.Week.Id);
        var store = SnapshotStore.For(solutions.SnapshotsRoot, solutions.Week);
        var problems = new List<string>();
        var existing = store.Existing().ToHashSet(StringComparer.Ordinal);
        foreach (var orphan in existing.Where(s => !checks.Any(c => c.ShortName == s)).Order(StringComparer.Ordinal))
        {
            problems.Add($"{store.PathOf(orphan)}: no check uses this snapshot; run 'snapshot update --week {solutions.Week.Id}' to remove it.");
        }

        var missing = checks.Where(c => !existing.Contains(c.ShortName)).ToList();
        problems.AddRange(missing.Select(c => $"{c.Id}: has no snapshot ({store.PathOf(c.ShortName)}); run 'snapshot update --week {solutions.Week.Id}'."));
        var runs = await RunAsync(solutions, checks, cancellationToken).ConfigureAwait(false);
        var judge = new SubmissionJudge(store, GradePipeline.ResolveDevice(solutions.Device), null);
        foreach (var (spec, run) in checks.Zip(runs))
        {
            if (missing.Contains(spec))
            {
                continue;
            }

            var result = judge.JudgeOne(spec, run);
            if (!result.Passed)
            {
                problems.Add($"{spec.Id}: the snapshot is stale (the solutions give {result.Outcome}): {result.Output}");
            }
        }

        return problems;
    }

    /// <summary>
    /// True when the snapshot at <paramref name="path"/> already holds <paramref name="outputs"/>: same names, dtypes and
    /// shapes, and values within a tenth of the check's tolerance. Then update keeps its bytes, so float noise of the
    /// solutions from run to run (gradients summed in another order move by ~1e-6) changes neither the snapshot nor the
    /// manifest hash; a real change (beyond a tenth of the tolerance) rewrites it.
    /// </summary>
    private static bool StillHolds(string path, CheckSpec spec, IReadOnlyDictionary<string, NpyArray> outputs, string device)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            var old = Npz.Read(path);
            return old.Keys.Order(StringComparer.Ordinal).SequenceEqual(outputs.Keys.Order(StringComparer.Ordinal), StringComparer.Ordinal)
                && ArrayComparer.CompareAll(old, outputs, name => spec.Tolerances.For(name, device) is var t ? new OutputTolerance(t.Atol / 10, t.Rtol / 10) : t)
                    .All(c => c.Passed);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or Core.DataFormatException)
        {
            return false;
        }
    }

    private static async Task<IReadOnlyList<CheckRun>> RunAsync(GradeRequest solutions, IReadOnlyList<CheckSpec> checks, CancellationToken cancellationToken)
    {
        var scratch = Directory.CreateTempSubdirectory("neuro-snapshot-").FullName;
        try
        {
            var device = GradePipeline.ResolveDevice(solutions.Device);
            var (runs, _, message, _, _, _) = await GradePipeline.CompileAndRunAsync(solutions, checks, device, scratch, cancellationToken).ConfigureAwait(false);
            return message.Length > 0
                ? throw new InvalidOperationException($"{solutions.SubmissionFolder}: {message}")
                : TrustedDerive.Apply(solutions.ChecksPath, checks, runs, GradePipeline.InputsOf(solutions));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
