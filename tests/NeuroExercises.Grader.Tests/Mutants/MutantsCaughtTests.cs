using FluentAssertions;
using NeuroExercises.Grader.Authoring;
using NeuroExercises.Grader.Grading;
using NeuroExercises.Grader.Runner;

namespace NeuroExercises.Grader.Tests.Mutants;

/// <summary>
/// Every mutant of every registered week is caught by at least one check, and every check catches a mutant or states
/// why not. One test per week: it grades the solutions and then each mutant with the normal pipeline, in covering mode
/// (<see cref="MutantRun"/>: the same verdicts as the full table of the <c>mutants</c> command, with fewer checks run), two
/// mutants at a time.
/// </summary>
[Collection("grading")]
public sealed class MutantsCaughtTests
{
    public static TheoryData<string> Weeks()
    {
        var data = new TheoryData<string>();
        foreach (var week in Checks.WeekCatalog.All)
        {
            data.Add(week.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Weeks))]
    public async Task EveryMutantIsCaughtAndEveryCheckCatchesOneOrSaysWhyNot(string week)
    {
        var layout = WeekLayout.Find(week, TestPaths.RepoRoot);
        var set = MutantSet.Load(layout);
        var log = new List<string>();
        using var runners = new RunnerPool();

        var report = await MutantRun.RunAsync(
            layout,
            set,
            (folder, filter, worker, ct) => GradePipeline.GradeAsync(Cli.MutantsCommand.Request(folder, layout, "cpu", SandboxMode.Auto, TestPaths.Snapshots, filter, worker, runners), ct),
            line => { lock (log) { log.Add(line); } },
            [],
            TestContext.Current.CancellationToken,
            covering: true,
            workers: 2);

        foreach (var line in log)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(line);
        }

        report.Problems.Should().BeEmpty();
        report.Outcomes.Should().HaveCount(set.Mutants.Count);
        report.Outcomes.Where(o => o.Mutant.KnownGap is null).Should().OnlyContain(o => o.CaughtBy.Count > 0);
        set.Mutants.Count.Should().BeGreaterThanOrEqualTo(6, "every week has at least six mutants");
        report.Checks.Should().HaveCount(GradePipeline.DiscoverChecks(layout.Week.ChecksPath, week).Count);
        if (week == "task-driven-rnn")
        {
            report.Outcomes.Single(o => o.Mutant.Name == "biased-std").CaughtBy.Should().Equal("task-driven-rnn/DatasetPreparationChecks.NormalizeTiny");
        }
    }
}
