using FluentAssertions;
using NeuroExercises.Grader.Checks;
using NeuroExercises.Grader.Cli;
using NeuroExercises.Grader.Discovery;
using NeuroExercises.Grader.Grading;
using NeuroExercises.Grader.Judge;
using NeuroExercises.Grader.Reports;
using NeuroExercises.Grader.Runner;
using Spectre.Console;

namespace NeuroExercises.Grader.Tests.Grading;

/// <summary>
/// What a student reads when their code throws: the exception's type and message and their own frames, file names
/// relative to the submission — in the console, every results format and the feedback pages — and no path, assembly or
/// reflection frame of the grader; the full trace is in the staff log only.
/// </summary>
[Collection("grading")]
public sealed class StudentFacingMessagesTests : IDisposable
{
    /// <summary>Text no student-facing output may hold: grader paths, the grader's assembly, reflection frames.</summary>
    private static readonly string[] Forbidden = ["grader/", "/work/", "NeuroExercises.Grader", "System.Reflection"];

    private static readonly WeekInfo Week = WeekCatalog.Find("task-driven-rnn")!;

    private readonly string folder = Directory.CreateTempSubdirectory("neuro-student-messages-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task AStubSubmissionShowsTheStudentsFramesAndNoGraderPath()
    {
        var (grade, texts) = await GradeAndRender(Path.Combine(TestPaths.RepoRoot, Week.ExerciseFolder), "stub");
        grade.Checks.Should().OnlyContain(c => c.Outcome == "threw" || c.Outcome == "derive-failed");
        var tanh = grade.Checks.Single(c => c.Id == "task-driven-rnn/RnnMathChecks.RectifiedTanh").Output;
        tanh.Should().Contain("System.NotImplementedException: RnnMath.RectifiedTanh:")
            .And.Contain("at RnnMath.RectifiedTanh(Tensor x) in RnnMath.cs:line ");
        AssertNoGraderText(grade, texts);
        File.ReadAllText(Path.Combine(folder, "stub", "staff", GradeCommand.StaffLogFileName)).Should()
            .Contain("=== task-driven-rnn/RnnMathChecks.RectifiedTanh").And.Contain("RnnMathChecks.RectifiedTanh(CheckContext ctx)");
    }

    [Fact]
    public async Task AThrowingSubmissionShowsTypeMessageInnerAndItsOwnFramesOnly()
    {
        var submission = Path.Combine(folder, "throwing-submission");
        var source = Path.Combine(TestPaths.RepoRoot, Week.SolutionFolder);
        Directory.CreateDirectory(Path.Combine(submission, "Helpers"));
        foreach (var file in Directory.EnumerateFiles(source, "*.cs"))
        {
            File.Copy(file, Path.Combine(submission, Path.GetFileName(file)));
        }

        var rnnMath = Path.Combine(submission, "RnnMath.cs");
        File.WriteAllText(rnnMath, File.ReadAllText(rnnMath).Replace("ArgumentNullException.ThrowIfNull(x);", "Boom.Now(x);", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(submission, "Helpers", "Boom.cs"), """
            using static TorchSharp.torch;

            namespace NeuroExercises.Week01.TaskDrivenRnn;

            internal static class Boom
            {
                public static void Now(Tensor x) =>
                    throw new InvalidOperationException($"boom on {x.dim()} dimensions", new FormatException("inner detail"));
            }
            """);

        var (grade, texts) = await GradeAndRender(submission, "throwing");
        var tanh = grade.Checks.Single(c => c.Id == "task-driven-rnn/RnnMathChecks.RectifiedTanh");
        tanh.Outcome.Should().Be("threw");
        tanh.Output.Should().Contain("System.InvalidOperationException: boom on 1 dimensions")
            .And.Contain("---> System.FormatException: inner detail")
            .And.Contain("at Boom.Now(Tensor x) in Helpers/Boom.cs:line 8")
            .And.Contain("at RnnMath.RectifiedTanh(Tensor x) in RnnMath.cs:line ");
        grade.Checks.Single(c => c.Id == "task-driven-rnn/DatasetPreparationChecks.NormalizeTiny").Passed.Should().BeTrue("only RectifiedTanh was broken");
        AssertNoGraderText(grade, texts);

        grade.StaffLog.Should().ContainKey(tanh.Id);
        grade.StaffLog[tanh.Id].Should().Contain("RnnMathChecks.RectifiedTanh").And.Contain("System.Reflection", "the staff log keeps the whole trace");
    }

    [Fact]
    public void StudentTraceKeepsOnlyFramesOfTheNamedAssembly()
    {
        Exception caught;
        try
        {
            throw new InvalidOperationException("outer");
        }
        catch (InvalidOperationException e)
        {
            caught = e;
        }

        StudentTrace.Frames(caught, "NoSuchAssembly", 8).Should().StartWith("   (no frame of your code");
        var own = StudentTrace.Frames(caught, typeof(StudentFacingMessagesTests).Assembly.GetName().Name!, 8);
        own.Should().Contain("at StudentFacingMessagesTests.StudentTraceKeepsOnlyFramesOfTheNamedAssembly()").And.NotContain("(no frame");
    }

    /// <summary>Grades <paramref name="submission"/> and renders everything a student reads, as grade writes it.</summary>
    private async Task<(GradeResult Grade, Dictionary<string, string> Texts)> GradeAndRender(string submission, string name)
    {
        var outDir = Path.Combine(folder, name);
        var request = new GradeRequest(submission, Week, "cpu", SandboxMode.Auto, TestPaths.Snapshots, outDir);
        var grade = await GradePipeline.GradeAsync(request, TestContext.Current.CancellationToken);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var format in new[] { "json", "gradescope", "junit" })
        {
            texts[$"results ({format})"] = GradeCommand.Render(grade, format);
        }

        var (html, markdown) = FeedbackReport.Write(grade, outDir, DateTimeOffset.UtcNow);
        texts["feedback.html"] = File.ReadAllText(html);
        texts["feedback.md"] = File.ReadAllText(markdown);
        var console = new StringWriter();
        ConsoleReport.Write(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console), Ansi = AnsiSupport.No }), grade);
        texts["console"] = console.ToString();
        GradeCommand.WriteStaffLog(grade, Path.Combine(outDir, "staff", GradeCommand.StaffLogFileName));
        return (grade, texts);
    }

    private static void AssertNoGraderText(GradeResult grade, Dictionary<string, string> texts)
    {
        grade.Checks.Should().NotBeEmpty();
        var hits = grade.Checks.SelectMany(c => Forbidden.Where(f => c.Output.Contains(f, StringComparison.Ordinal)).Select(f => $"{c.Id}: '{f}'"))
            .Concat(texts.SelectMany(t => Forbidden.Where(f => t.Value.Contains(f, StringComparison.Ordinal)).Select(f => $"{t.Key}: '{f}'")))
            .ToList();
        hits.Should().BeEmpty();
        texts["console"].Should().Contain("your code threw", "the console shows the messages it was scanned for");
    }

    /// <summary>
    /// A libtorch error (here the week-6 dry run's: the mean of a Byte tensor, from <c>sum(0)</c> picking the ScalarType
    /// overload) reaches the student as its one-line cause, without libtorch's native frames repeated in every check.
    /// </summary>
    [Fact]
    public void LibtorchErrorsLoseTheirNativeFrames()
    {
        var e = Assert.ThrowsAny<Exception>(() =>
        {
            using var bytes = TorchSharp.torch.ones(3, dtype: TorchSharp.torch.ScalarType.Byte);
            using var mean = bytes.mean();
        });
        e.Message.Should().Contain("could not infer output dtype");
        var shown = StudentTrace.WithoutNativeFrames(e.Message);
        shown.Should().Contain("could not infer output dtype").And.NotContain("frame #").And.NotContain("libc10");
        if (e.Message.Contains("frame #", StringComparison.Ordinal))
        {
            shown.Should().MatchRegex(@"\(\d+ frames of libtorch's native stack left out\)$");
        }

        StudentTrace.WithoutNativeFrames("plain message\nsecond line").Should().Be("plain message\nsecond line");
    }
}
