using FluentAssertions;
using NeuroExercises.Grader.Checks;
using NeuroExercises.Grader.Grading;
using NeuroExercises.Grader.Runner;

namespace NeuroExercises.Grader.Tests.Grading;

/// <summary>The real week 1: the solutions score full marks, the stubs 0, a half-way submission in between; snapshots are fresh.</summary>
[Collection("grading")]
public sealed class WeekOneEndToEndTests
{
    private static readonly WeekInfo Week = WeekCatalog.Find("task-driven-rnn")!;

    private static GradeRequest Request(string folder) =>
        new(folder, Week, "cpu", SandboxMode.Auto, TestPaths.Snapshots, null);

    [Fact]
    public async Task GradingTheSolutionsGivesFullMarks()
    {
        var grade = await GradePipeline.GradeAsync(Request(Path.Combine(TestPaths.RepoRoot, Week.SolutionFolder)), TestContext.Current.CancellationToken);
        grade.Checks.Where(c => !c.Passed).Select(c => c.Id + ": " + c.Output).Should().BeEmpty();
        grade.Score.Should().Be(grade.MaxScore).And.BeGreaterThan(0);
    }

    [Fact]
    public async Task GradingTheExercisesGivesZero()
    {
        var grade = await GradePipeline.GradeAsync(Request(Path.Combine(TestPaths.RepoRoot, Week.ExerciseFolder)), TestContext.Current.CancellationToken);
        grade.Message.Should().BeEmpty("the stubs compile");
        grade.Score.Should().Be(0);
        grade.Checks.Should().OnlyContain(c => c.Outcome == "threw" || c.Outcome == "mismatch");
    }

    [Fact]
    public async Task OneStubPutBackScoresStrictlyBetween()
    {
        var copy = Directory.CreateTempSubdirectory("neuro-grader-halfway-").FullName;
        try
        {
            var solutions = Path.Combine(TestPaths.RepoRoot, Week.SolutionFolder);
            foreach (var rel in Compile.SubmissionCompiler.SourceFiles(solutions))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(copy, rel))!);
                File.Copy(Path.Combine(solutions, rel), Path.Combine(copy, rel));
            }

            File.Copy(Path.Combine(TestPaths.RepoRoot, Week.ExerciseFolder, "RnnMath.cs"), Path.Combine(copy, "RnnMath.cs"), overwrite: true);
            var grade = await GradePipeline.GradeAsync(Request(copy), TestContext.Current.CancellationToken);
            grade.Message.Should().BeEmpty();
            grade.Score.Should().BeGreaterThan(0).And.BeLessThan(grade.MaxScore);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public async Task SnapshotsAreNotStale()
    {
        var problems = await SnapshotMaintenance.VerifyAsync(Request(Path.Combine(TestPaths.RepoRoot, Week.SolutionFolder)), TestContext.Current.CancellationToken);
        problems.Should().BeEmpty();
    }
}
