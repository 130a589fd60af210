using FluentAssertions;
using NeuroExercises.Grader.Checks;
using NeuroExercises.Grader.Discovery;
using NeuroExercises.Grader.Grading;
using NeuroExercises.Grader.Judge;
using NeuroExercises.Grader.Runner;

namespace NeuroExercises.Grader.Tests.Grading;

/// <summary>
/// The runner pool the <c>mutants</c> command grades with: a child kept from one grade of the staff's sources to the next
/// loads the next submission and gives exactly what a fresh child gives; one that dies is replaced; a student's submission
/// never gets one. Each grade runs week 1's RnnMath and Losses checks only, to stay quick.
/// </summary>
[Collection("grading")]
public sealed class RunnerPoolTests
{
    private static readonly WeekInfo Week = WeekCatalog.Find("task-driven-rnn")!;

    private static bool Few(CheckSpec c) => c.ClassName.EndsWith(".RnnMathChecks", StringComparison.Ordinal) || c.ClassName.EndsWith(".LossesChecks", StringComparison.Ordinal);

    private static GradeRequest Request(string folder, RunnerPool? pool) =>
        new(folder, Week, "cpu", SandboxMode.Auto, TestPaths.Snapshots, null)
        {
            TrustedSources = true, Parallelism = 1, CheckFilter = Few, Runners = pool, UseCompileCache = false,
        };

    private static string Solutions => Path.Combine(TestPaths.RepoRoot, Week.SolutionFolder);

    /// <summary>The solutions with RnnMath.RectifiedTanh's body replaced by <paramref name="body"/>.</summary>
    private static string Doctored(string body)
    {
        var copy = Directory.CreateTempSubdirectory("neuro-pool-").FullName;
        foreach (var rel in Compile.SubmissionCompiler.SourceFiles(Solutions))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(copy, rel))!);
            File.Copy(Path.Combine(Solutions, rel), Path.Combine(copy, rel));
        }

        var path = Path.Combine(copy, "RnnMath.cs");
        var text = File.ReadAllText(path);
        const string solution = "return x.clamp_min(0).tanh_();";
        text.Should().Contain(solution);
        File.WriteAllText(path, text.Replace(solution, body, StringComparison.Ordinal));
        return copy;
    }

    private static IEnumerable<(string Id, bool Passed, double Score)> Verdicts(GradeResult grade) =>
        grade.Checks.Select(c => (c.Id, c.Passed, c.Score));

    [Fact]
    public async Task AKeptChildGradesTheNextSubmissionExactlyAsAFreshChildDoes()
    {
        var ct = TestContext.Current.CancellationToken;
        var wrong = Doctored("return x.tanh();");
        try
        {
            GradeResult first, second, third;
            using (var pool = new RunnerPool())
            {
                first = await GradePipeline.GradeAsync(Request(Solutions, pool), ct);
                second = await GradePipeline.GradeAsync(Request(wrong, pool), ct);
                third = await GradePipeline.GradeAsync(Request(Solutions, pool), ct);
                pool.Started.Should().Be(1, "one child served the three grades");
                pool.Reused.Should().Be(2);
            }

            var fresh = await GradePipeline.GradeAsync(Request(wrong, null), ct);

            first.Checks.Should().NotBeEmpty().And.OnlyContain(c => c.Passed);
            first.Timings!.Children.Should().Be(1);
            second.Timings!.Children.Should().Be(0, "the second grade loaded its submission into the kept child");
            third.Timings!.Children.Should().Be(0);
            Verdicts(third).Should().Equal(Verdicts(first), "the kept child runs the solutions again after the wrong submission, with nothing carried over");
            second.Checks.Single(c => c.Id.EndsWith("RnnMathChecks.RectifiedTanh", StringComparison.Ordinal)).Passed.Should().BeFalse("tanh without the rectification is wrong");
            Verdicts(second).Should().Equal(Verdicts(fresh), "a kept child and a fresh one give the same verdicts");
            second.Score.Should().Be(fresh.Score).And.BeLessThan(first.Score);
        }
        finally
        {
            Directory.Delete(wrong, recursive: true);
        }
    }

    [Fact]
    public async Task AChildThatDiesIsReplacedAndThePoolGoesOn()
    {
        var ct = TestContext.Current.CancellationToken;
        var exits = Doctored("Environment.Exit(3); return x;");
        try
        {
            using var pool = new RunnerPool();
            var dying = await GradePipeline.GradeAsync(Request(exits, pool), ct);
            var after = await GradePipeline.GradeAsync(Request(Solutions, pool), ct);

            var died = dying.Checks.Single(c => c.Id.EndsWith("RnnMathChecks.RectifiedTanh", StringComparison.Ordinal));
            died.Passed.Should().BeFalse();
            died.Output.Should().Contain("exit code 3");
            after.Checks.Should().NotBeEmpty().And.OnlyContain(c => c.Passed, "the grade after a death gets a working child");
            pool.Started.Should().BeGreaterThanOrEqualTo(2, "the dead child was replaced");
        }
        finally
        {
            Directory.Delete(exits, recursive: true);
        }
    }

    [Fact]
    public async Task AStudentsSubmissionNeverGetsAKeptChild()
    {
        using var pool = new RunnerPool();
        var untrusted = Request(Solutions, pool) with { TrustedSources = false };
        var act = () => GradePipeline.GradeAsync(untrusted, TestContext.Current.CancellationToken);
        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*staff's own sources only*");
        pool.Started.Should().Be(0);
    }
}
