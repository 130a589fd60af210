using FluentAssertions;
using NeuroExercises.Grader.Checks;
using NeuroExercises.Grader.Grading;
using NeuroExercises.Grader.Runner;

namespace NeuroExercises.Grader.Tests.Grading;

/// <summary>The real week 1 beyond what every week is held to (EveryWeekTests): half-way and doctored submissions, order, regrades.</summary>
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
            var trainShort = grade.Checks.Single(c => c.Id == "task-driven-rnn/TrainerChecks.TrainShort");
            trainShort.Passed.Should().BeFalse();
            trainShort.Output.Should().Contain("train_error_decreased");
            grade.Checks.Where(c => c != trainShort).Should().OnlyContain(c => c.Passed);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    /// <summary>
    /// The stubs plus a trainer that never runs BPTT but makes the network look trained (J halved, a silent readout: the
    /// training error does fall, the weights change, reproducibly, with a falling history): 0 points, as the stubs alone.
    /// </summary>
    [Fact]
    public async Task StubsWithAPlausibleFakeTrainerScoreZero()
    {
        const string fake = """
            using static TorchSharp.torch;

            namespace NeuroExercises.Week01.TaskDrivenRnn;

            public static class Trainer
            {
                public static TrainingHistory Train(RateRnn model, PreparedDataset data, ConditionSplit split, TrainingOptions options)
                {
                    using (no_grad())
                    {
                        var w = model.Weights;
                        w.J.mul_(0.5);
                        w.W.zero_();
                        w.C.zero_();
                    }

                    var loss = Enumerable.Range(0, options.Epochs).Select(e => 1.0 / (e + 1)).ToArray();
                    return new TrainingHistory(loss, loss);
                }
            }
            """;
        var copy = Directory.CreateTempSubdirectory("neuro-grader-stubfake-").FullName;
        try
        {
            var exercises = Path.Combine(TestPaths.RepoRoot, Week.ExerciseFolder);
            foreach (var rel in Compile.SubmissionCompiler.SourceFiles(exercises))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(copy, rel))!);
                File.Copy(Path.Combine(exercises, rel), Path.Combine(copy, rel));
            }

            File.WriteAllText(Path.Combine(copy, "Trainer.cs"), fake);
            var grade = await GradePipeline.GradeAsync(Request(copy), TestContext.Current.CancellationToken);
            grade.Message.Should().BeEmpty("the fake compiles");
            grade.Score.Should().Be(0, string.Join("\n", grade.Checks.Where(c => c.Passed).Select(c => c.Id)));
            grade.Checks.Single(c => c.Id == "task-driven-rnn/TrainerChecks.TrainShort").Output.Should().Contain("matches_reference");
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    /// <summary>
    /// Every check starts from fresh statics and reset TorchSharp state: the solutions' outputs are the same whatever order
    /// the checks run in (one slot, so one child runs them all, in the given order and reversed).
    /// </summary>
    [Fact]
    public async Task ChecksGiveTheSameOutputsInAnyOrder()
    {
        var request = Request(Path.Combine(TestPaths.RepoRoot, Week.SolutionFolder));
        var checks = GradePipeline.DiscoverChecks(request.ChecksPath, Week.Id);
        var forward = await RunInOrder(request, checks);
        var backward = await RunInOrder(request, [.. checks.Reverse()]);
        foreach (var spec in checks)
        {
            var a = forward.Single(r => r.Id == spec.Id);
            var b = backward.Single(r => r.Id == spec.Id);
            a.Status.Should().Be(Records.RunStatus.Completed, a.Detail);
            b.Status.Should().Be(Records.RunStatus.Completed, b.Detail);
            // Not bit for bit: libtorch's SIMD kernels round differently with the alignment of the buffers the allocator
            // hands out (measured: 1 ulp in one output of one check), so outputs agree within the check's own tolerance,
            // which makes the judged results identical.
            Grader.Judge.ArrayComparer.CompareAll(a.Outputs, b.Outputs, n => spec.Tolerances.For(n, "cpu"))
                .Where(c => !c.Passed).Select(c => spec.Id + ": " + c.Message).Should().BeEmpty();
        }
    }

    /// <summary>Grading the same submission twice gives the same results file, byte for byte, once timings are removed.</summary>
    [Fact]
    public async Task ARegradeGivesTheSameResultsApartFromTimings()
    {
        var sample = Path.Combine(TestPaths.RepoRoot, "grader", "samples", Week.Id);
        var first = await GradePipeline.GradeAsync(Request(sample), TestContext.Current.CancellationToken);
        var second = await GradePipeline.GradeAsync(Request(sample) with { UseCompileCache = false }, TestContext.Current.CancellationToken);
        static string WithoutTimings(Grader.Judge.GradeResult g) =>
            Cli.GradeCommand.Render(g with { ExecutionSeconds = 0, Timings = null, Checks = [.. g.Checks.Select(c => c with { Seconds = 0, StartupSeconds = null })] }, "gradescope");
        WithoutTimings(second).Should().Be(WithoutTimings(first));
        first.Provenance!.Submission.Should().HaveLength(64);
    }

    private static async Task<IReadOnlyList<Records.CheckRun>> RunInOrder(GradeRequest request, IReadOnlyList<Grader.Discovery.CheckSpec> checks)
    {
        var scratch = Directory.CreateTempSubdirectory("neuro-grader-order-").FullName;
        try
        {
            var (runs, _, message, _, _, _) = await GradePipeline.CompileAndRunAsync(request with { Parallelism = 1 }, checks, "cpu", scratch, TestContext.Current.CancellationToken);
            message.Should().BeEmpty();
            return TrustedDerive.Apply(request.ChecksPath, checks, runs, GradePipeline.InputsOf(request));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
