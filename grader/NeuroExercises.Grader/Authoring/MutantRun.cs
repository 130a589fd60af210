using System.Diagnostics;
using NeuroExercises.Grader.Judge;

namespace NeuroExercises.Grader.Authoring;

/// <summary>
/// Grades the week's solutions, then each mutant (the solutions with that one change, in a temporary folder) with the
/// caller's grade function (the normal pipeline, sandboxed as usual), and decides which checks catch which mutant:
/// a check catches a mutant when it passes on the solutions and fails on the mutant.
/// </summary>
internal static class MutantRun
{
    /// <summary>Runs every mutant of <paramref name="set"/> (or only <paramref name="only"/>).</summary>
    /// <param name="layout">The week.</param>
    /// <param name="set">Its mutants.json.</param>
    /// <param name="grade">Grades a submission folder.</param>
    /// <param name="progress">Receives one line per graded folder.</param>
    /// <param name="only">Mutant names to run (empty: all; the check-coverage rules then are not applied).</param>
    /// <param name="cancellationToken">Cancels between grades.</param>
    public static async Task<MutantReport> RunAsync(
        WeekLayout layout, MutantSet set, Func<string, CancellationToken, Task<GradeResult>> grade, Action<string> progress,
        IReadOnlyCollection<string> only, CancellationToken cancellationToken)
    {
        var mutants = only.Count == 0 ? set.Mutants : [.. only.Select(n => set.Find(n, "--only"))];
        var sources = WeekGenerator.ReadSources(layout);
        var sw = Stopwatch.StartNew();
        var baseline = await grade(layout.SolutionDir, cancellationToken).ConfigureAwait(false);
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

        var outcomes = new List<MutantOutcome>();
        foreach (var mutant in mutants)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var folder = Directory.CreateTempSubdirectory($"neuro-mutant-{mutant.Name}-").FullName;
            try
            {
                foreach (var (rel, text) in sources.Where(kv => kv.Key.EndsWith(".cs", StringComparison.Ordinal)))
                {
                    var path = Path.Combine(folder, rel);
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    File.WriteAllText(path, rel == mutant.File ? MutantSet.Apply(mutant, text).Text : text);
                }

                sw.Restart();
                var result = await grade(folder, cancellationToken).ConfigureAwait(false);
                var caught = result.Checks.Where(c => !c.Passed && passing.Contains(c.Id)).Select(c => c.Id).ToList();
                outcomes.Add(new MutantOutcome(mutant, caught, result.Score, result.Message, sw.Elapsed.TotalSeconds));
                progress($"{mutant.Name}: {result.Score:0.##} / {result.MaxScore:0.##}, caught by {caught.Count} check(s), {sw.Elapsed.TotalSeconds:0.0} s");
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        problems.AddRange(Judge(layout, set, checks, outcomes, coverage: only.Count == 0));
        return new MutantReport(checks, outcomes, set.Reasons, problems);
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

    private static string FirstLine(string s) => s.Split('\n', 2)[0];
}
