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

    /// <summary>Copies the solutions' .cs files into <paramref name="folder"/> (a submission to doctor).</summary>
    private static void CopySolutionsTo(string folder)
    {
        var solutions = Path.Combine(TestPaths.RepoRoot, Week.SolutionFolder);
        foreach (var rel in Compile.SubmissionCompiler.SourceFiles(solutions))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, rel))!);
            File.Copy(Path.Combine(solutions, rel), Path.Combine(folder, rel));
        }
    }

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
            CopySolutionsTo(copy);
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

    /// <summary>
    /// A trainer that only pretends: it moves the weights by seeded noise (so they change, reproducibly) and reports a
    /// falling loss. TrainShort measures the training error itself, so this scores 0 there and full marks elsewhere.
    /// </summary>
    [Fact]
    public async Task AFakeTrainerThatReportsAFallingLossFailsTrainShort()
    {
        const string fake = """
            using static TorchSharp.torch;

            namespace NeuroExercises.Week01.TaskDrivenRnn;

            public static class Trainer
            {
                public static TrainingHistory Train(RateRnn model, PreparedDataset data, ConditionSplit split, TrainingOptions options)
                {
                    manual_seed(options.Seed);
                    using (no_grad())
                    {
                        var w = model.Weights;
                        w.J.add_(randn_like(w.J) * 0.5);
                        w.W.add_(randn_like(w.W) * 0.5);
                    }

                    var loss = Enumerable.Range(0, options.Epochs).Select(e => 1.0 / (e + 1)).ToArray();
                    return new TrainingHistory(loss, loss);
                }
            }
            """;
        var copy = Directory.CreateTempSubdirectory("neuro-grader-faketrainer-").FullName;
        try
        {
            CopySolutionsTo(copy);
            File.WriteAllText(Path.Combine(copy, "Trainer.cs"), fake);
            var grade = await GradePipeline.GradeAsync(Request(copy), TestContext.Current.CancellationToken);
            grade.Message.Should().BeEmpty("the fake compiles");
            var trainShort = grade.Checks.Single(c => c.Id == "task-driven-rnn/TrainingChecks.TrainShort");
            trainShort.Passed.Should().BeFalse();
            trainShort.Output.Should().Contain("train_error_decreased");
            grade.Checks.Where(c => c != trainShort).Should().OnlyContain(c => c.Passed);
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
