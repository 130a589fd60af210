using System.Diagnostics;
using NeuroExercises.Grader.Discovery;
using NeuroExercises.Grader.Judge;

namespace NeuroExercises.Grader.Authoring;

/// <summary>
/// Grades the week's solutions, then each mutant (the solutions with that one change, in a temporary folder) with the
/// caller's grade function (the normal pipeline, sandboxed as usual), and decides which checks catch which mutant:
/// a check catches a mutant when it passes on the solutions and fails on the mutant.
/// <para>
/// Two modes. <b>Full</b> (the <c>mutants</c> command): every mutant against every check, the whole mutant × check table.
/// <b>Covering</b> (the test suite): just enough grading to decide the same two rules — every mutant is caught, every check
/// catches a mutant or says why not. Each mutant is graded first with the checks that have not caught any mutant yet plus
/// the checks of the type it changes (<c>Lif.cs</c> → <c>LifChecks</c>); only when none of those catches it is it graded
/// again with the rest. A check that never catches anything therefore runs against every mutant, so both rules get the
/// answer the full table gives, while a mutant's <see cref="MutantOutcome.CaughtBy"/> lists only the catching checks that ran.
/// </para>
/// </summary>
internal static class MutantRun
{
    /// <summary>Runs every mutant of <paramref name="set"/> (or only <paramref name="only"/>).</summary>
    /// <param name="layout">The week.</param>
    /// <param name="set">Its mutants.json.</param>
    /// <param name="grade">Grades a submission folder with the checks the filter accepts (null: all), as worker k (0-based).</param>
    /// <param name="progress">Receives one line per graded folder.</param>
    /// <param name="only">Mutant names to run (empty: all; the check-coverage rules then are not applied).</param>
    /// <param name="cancellationToken">Cancels between grades.</param>
    /// <param name="covering">Covering mode (see the class summary) instead of the full table.</param>
    /// <param name="workers">Mutants graded at the same time (each worker's grades get their own sandbox slots through the
    /// worker index passed to <paramref name="grade"/>). In covering mode a worker starts a mutant with the checks uncovered
    /// at that moment, so with more than one worker a few more checks may run; the verdicts are the same.</param>
    public static async Task<MutantReport> RunAsync(
        WeekLayout layout, MutantSet set, Func<string, Func<CheckSpec, bool>?, int, CancellationToken, Task<GradeResult>> grade, Action<string> progress,
        IReadOnlyCollection<string> only, CancellationToken cancellationToken, bool covering = false, int workers = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        var mutants = only.Count == 0 ? set.Mutants : [.. only.Select(n => set.Find(n, "--only"))];
        var sources = WeekGenerator.ReadSources(layout);
        var sw = Stopwatch.StartNew();
        var baseline = await grade(layout.SolutionDir, null, 0, cancellationToken).ConfigureAwait(false);
        progress($"solutions: {baseline.Score:0.##} / {baseline.MaxScore:0.##} in {sw.Elapsed.TotalSeconds:0.0} s");
        var checks = baseline.Checks.Select(c => c.Id).ToList();
        var passing = baseline.Checks.Where(c => c.Passed).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var problems = baseline.Checks.Where(c => !c.Passed)
            .Select(c => $"{c.Id}: fails on the solutions themselves ({c.Outcome}), so it can catch nothing; run 'snapshot verify --week {layout.Week.Id}' and fix the check or the snapshot.")
            .ToList();
        if (baseline.Message.Length > 0)
        {
            problems.Add($"the solutions did not grade cleanly: {baseline.Message}");
        }

        var uncovered = passing.ToHashSet(StringComparer.Ordinal);
        var results = new MutantOutcome[mutants.Count];
        var gate = new object();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(workers, Math.Max(1, mutants.Count))).Select(w => Task.Run(() => WorkAsync(w), cancellationToken))).ConfigureAwait(false);
        var outcomes = results.ToList();

        problems.AddRange(Judge(layout, set, checks, outcomes, coverage: only.Count == 0));
        return new MutantReport(checks, outcomes, set.Reasons, problems);

        async Task WorkAsync(int worker)
        {
            for (var i = Interlocked.Increment(ref next); i < mutants.Count; i = Interlocked.Increment(ref next))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var mutant = mutants[i];
                var folder = Directory.CreateTempSubdirectory($"neuro-mutant-{mutant.Name}-").FullName;
                try
                {
                    foreach (var (rel, text) in sources.Where(kv => kv.Key.EndsWith(".cs", StringComparison.Ordinal)))
                    {
                        var path = Path.Combine(folder, rel);
                        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                        File.WriteAllText(path, rel == mutant.File ? MutantSet.Apply(mutant, text).Text : text);
                    }

                    HashSet<string>? open = null;
                    if (covering)
                    {
                        lock (gate)
                        {
                            open = [.. uncovered];
                        }
                    }

                    var clock = Stopwatch.StartNew();
                    var (caught, result, graded) = await GradeMutantAsync(folder, mutant, open, worker).ConfigureAwait(false);
                    results[i] = new MutantOutcome(mutant, caught, result.Score, result.Message, clock.Elapsed.TotalSeconds);
                    lock (gate)
                    {
                        uncovered.ExceptWith(caught);
                        progress($"{mutant.Name}: {result.Score:0.##} / {result.MaxScore:0.##}, caught by {caught.Count} check(s){(covering ? $" of {graded} run" : "")}, {clock.Elapsed.TotalSeconds:0.0} s{Breakdown(result.Timings)}");
                    }
                }
                finally
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }

        // Full mode: one grade with every check. Covering mode: the uncovered checks and the mutated type's own, then, if
        // none of them catches the mutant, the rest.
        async Task<(List<string> Caught, GradeResult Result, int Graded)> GradeMutantAsync(string folder, Mutant mutant, HashSet<string>? open, int worker)
        {
            var ownClass = Path.GetFileNameWithoutExtension(mutant.File) + "Checks";
            var first = open is null ? [] : passing.Where(id => open.Contains(id) || id.Split('/', 2)[^1].StartsWith(ownClass + ".", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
            if (first.Count == 0)
            {
                var all = await grade(folder, null, worker, cancellationToken).ConfigureAwait(false);
                return (Caught(all), all, all.Checks.Count);
            }

            var result = await grade(folder, c => first.Contains(c.Id), worker, cancellationToken).ConfigureAwait(false);
            var caught = Caught(result);
            var graded = result.Checks.Count;
            if (caught.Count == 0 && result.Message.Length == 0 && passing.Count > first.Count)
            {
                result = await grade(folder, c => passing.Contains(c.Id) && !first.Contains(c.Id), worker, cancellationToken).ConfigureAwait(false);
                caught = Caught(result);
                graded += result.Checks.Count;
            }

            return (caught, result, graded);
        }

        List<string> Caught(GradeResult result) => [.. result.Checks.Where(c => !c.Passed && passing.Contains(c.Id)).Select(c => c.Id)];
    }

    private static IEnumerable<string> Judge(WeekLayout layout, MutantSet set, IReadOnlyList<string> checks, IReadOnlyList<MutantOutcome> outcomes, bool coverage)
    {
        var file = layout.Relative(layout.MutantsPath);
        foreach (var o in outcomes)
        {
            if (o.Message.Length > 0)
            {
                yield return $"mutant '{o.Mutant.Name}': the mutated solutions did not grade ({FirstLine(o.Message)}); a mutant must compile, so fix its \"replace\" text in {file}.";
            }
            else if (o.CaughtBy.Count == 0 && o.Mutant.KnownGap is null)
            {
                yield return $"mutant '{o.Mutant.Name}' ({o.Mutant.Description}) is caught by no check; add a check or an input that tells it from the solution (or, while that is pending, state why in its \"knownGap\").";
            }
            else if (o.CaughtBy.Count > 0 && o.Mutant.KnownGap is not null)
            {
                yield return $"mutant '{o.Mutant.Name}' has a \"knownGap\" but is caught by {string.Join(", ", o.CaughtBy)}; the gap is closed: remove \"knownGap\" from {file}.";
            }
        }

        if (!coverage)
        {
            yield break;
        }

        foreach (var check in checks)
        {
            var catching = outcomes.Where(o => o.CaughtBy.Contains(check)).Select(o => o.Mutant.Name).ToList();
            var hasReason = set.Reasons.ContainsKey(check);
            if (catching.Count == 0 && !hasReason)
            {
                yield return $"{check} catches no mutant and {file} gives no reason; add a mutant it catches, or a reason under \"checksWithoutMutant\".";
            }
            else if (catching.Count > 0 && hasReason)
            {
                yield return $"{check} catches {string.Join(", ", catching)} but {file} still gives a reason why it catches none; remove it from \"checksWithoutMutant\".";
            }
        }

        foreach (var id in set.Reasons.Keys.Where(k => !checks.Contains(k)))
        {
            yield return $"{file}: \"checksWithoutMutant\" names '{id}', which is not a check of the week; use a full id such as {checks.FirstOrDefault()}.";
        }
    }

    // Where a grade's time went (the last grade of a mutant when it took two), so an author sees what a slow week pays for.
    private static string Breakdown(GradeTimings? t) => t is null ? "" : FormattableString.Invariant($" (compile {t.Compile:0.0} s, child start {t.ChildStart:0.0} s, checks {t.Checks:0.0} s)");

    private static string FirstLine(string s) => s.Split('\n', 2)[0];
}
