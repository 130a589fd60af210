using FluentAssertions;
using NeuroExercises.Grader.Authoring;
using NeuroExercises.Grader.Grading;
using NeuroExercises.Grader.Runner;

namespace NeuroExercises.Grader.Tests.Mutants;

/// <summary>
/// Every mutant of week 1 is caught by at least one check, and every check catches a mutant or states why not. One test
/// for all mutants: it grades the solutions and then each mutant with the normal pipeline (a few minutes).
/// </summary>
[Collection("grading")]
public sealed class MutantsCaughtTests
{
    [Fact]
    public async Task EveryMutantIsCaughtAndEveryCheckCatchesOneOrSaysWhyNot()
    {
        var layout = WeekLayout.Find("task-driven-rnn", TestPaths.RepoRoot);
        var set = MutantSet.Load(layout);
        var log = new List<string>();

        var report = await MutantRun.RunAsync(
            layout,
            set,
            (folder, ct) => GradePipeline.GradeAsync(new GradeRequest(folder, layout.Week, "cpu", SandboxMode.Auto, TestPaths.Snapshots, null), ct),
            log.Add,
            [],
            TestContext.Current.CancellationToken);

        foreach (var line in log)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(line);
        }

        report.Problems.Should().BeEmpty();
        report.Outcomes.Should().HaveCount(set.Mutants.Count);
        report.Outcomes.Where(o => o.Mutant.KnownGap is null).Should().OnlyContain(o => o.CaughtBy.Count > 0);
        report.Checks.Should().HaveCount(22);
        report.Outcomes.Single(o => o.Mutant.Name == "biased-std").CaughtBy.Should().Equal("task-driven-rnn/DatasetChecks.NormalizeTiny");
    }
}
