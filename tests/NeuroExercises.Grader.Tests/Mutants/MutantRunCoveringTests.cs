using FluentAssertions;
using NeuroExercises.Grader.Authoring;
using NeuroExercises.Grader.Discovery;
using NeuroExercises.Grader.Grading;
using NeuroExercises.Grader.Judge;

namespace NeuroExercises.Grader.Tests.Mutants;

/// <summary>
/// The covering mode of <see cref="MutantRun"/> (what the test suite runs) reaches the same verdicts as the full table
/// (what the <c>mutants</c> command prints) — which mutants no check catches, which checks catch no mutant — on week 1's
/// real mutants and checks with made-up catch tables, while running fewer checks.
/// </summary>
public sealed class MutantRunCoveringTests
{
    [Theory]
    [InlineData(0, 0.02)]
    [InlineData(1, 0.05)]
    [InlineData(2, 0.1)]
    [InlineData(3, 0.3)]
    [InlineData(4, 0.05)]
    [InlineData(5, 0.0)]
    public async Task CoveringGivesTheFullTablesVerdictsWithFewerChecksRun(int seed, double p)
    {
        var layout = WeekLayout.Find("task-driven-rnn", TestPaths.RepoRoot);
        var set = MutantSet.Load(layout);
        var specs = GradePipeline.DiscoverChecks(layout.Week.ChecksPath, layout.Week.Id);
        var random = new Random(seed);
        // Each mutant is caught by each check with probability p, and more often by the checks of the type it changes
        // (as real mutants are); the last three checks never catch anything.
        var table = set.Mutants.ToDictionary(
            m => m.Name,
            m => specs.Take(specs.Count - 3)
                .Where(s => random.NextDouble() < (s.ClassName == Path.GetFileNameWithoutExtension(m.File) + "Checks" ? 4 * p : p))
                .Select(s => s.Id).ToHashSet());

        var (full, fullRuns) = await Run(covering: false);
        var (covering, coveringRuns) = await Run(covering: true);

        Uncaught(covering).Should().Equal(Uncaught(full));
        CatchingNothing(covering).Should().Equal(CatchingNothing(full));
        CatchingNothing(full).Should().Contain(specs.TakeLast(3).Select(s => s.Id));
        if (p > 0)
        {
            coveringRuns.Should().BeLessThan(fullRuns);
        }
        else
        {
            coveringRuns.Should().Be(fullRuns, "when nothing is ever caught, every check runs against every mutant");
        }

        foreach (var o in covering.Outcomes)
        {
            o.CaughtBy.Should().BeSubsetOf(table[o.Mutant.Name], "a covering run reports only real catches");
        }

        async Task<(MutantReport Report, int ChecksRun)> Run(bool covering)
        {
            var run = 0;
            var report = await MutantRun.RunAsync(layout, set, Grade, _ => { }, [], TestContext.Current.CancellationToken, covering);
            return (report, run);

            Task<GradeResult> Grade(string folder, Func<CheckSpec, bool>? filter, int worker, CancellationToken ct)
            {
                var mutant = folder == layout.SolutionDir ? null : set.Mutants.Single(m => Path.GetFileName(folder).StartsWith($"neuro-mutant-{m.Name}-", StringComparison.Ordinal));
                var checks = specs.Where(filter ?? (_ => true))
                    .Select(s =>
                    {
                        var caught = mutant is not null && table[mutant.Name].Contains(s.Id);
                        return new CheckResult(s.Id, s.Description, caught ? 0 : s.Points, s.Points, !caught, s.Visibility, caught ? "mismatch" : "pass", "", 0);
                    })
                    .ToList();
                run += checks.Count;
                return Task.FromResult(new GradeResult(layout.Week.Id, "cpu", "none", checks.Sum(c => c.Score), checks.Sum(c => c.MaxScore), checks, "", 0, ""));
            }
        }

        static List<string> Uncaught(MutantReport r) => [.. r.Outcomes.Where(o => o.CaughtBy.Count == 0).Select(o => o.Mutant.Name)];

        static List<string> CatchingNothing(MutantReport r) => [.. r.Checks.Where(c => !r.Outcomes.Any(o => o.CaughtBy.Contains(c)))];
    }
}
