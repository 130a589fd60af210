using System.Diagnostics;
using FluentAssertions;
using NeuroExercises.Grader.Grading;
using NeuroExercises.Grader.Tests.Grading;

namespace NeuroExercises.Grader.Tests.SafeCompile;

/// <summary>Through the whole grade: a refused submission or a compile-time bomb is a graded 0 with the reason (never exit 3), odd names grade normally.</summary>
[Collection("grading")]
public sealed class GradeRefusalTests(SelfTestWeek week) : IClassFixture<SelfTestWeek>, IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("neuro-grade-refusal-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    private static string GoodCalc => File.ReadAllText(Path.Combine(TestPaths.Hostile, "Submissions", "good", "Calc.cs"));

    private GradeRequest Request(string folder) => week.Request("good") with { SubmissionFolder = folder, TimeLimitScale = 5 };

    [Fact]
    public async Task AStubFolderLinkedToTheSolutionsScoresZeroWithTheReason()
    {
        var folder = Path.Combine(work, "linked");
        Directory.CreateDirectory(folder);
        Directory.CreateSymbolicLink(Path.Combine(folder, "stub"), Path.Combine(TestPaths.Hostile, "Submissions", "good"));
        var grade = await GradePipeline.GradeAsync(Request(folder), TestContext.Current.CancellationToken);
        grade.Score.Should().Be(0);
        grade.Checks.Should().OnlyContain(c => c.Outcome == "not-run");
        grade.Message.Should().Contain("stub: error symlink: is a symbolic link").And.Contain("never followed");
    }

    [Fact]
    public async Task ACompileTimeBombScoresZeroWithinTheCompileLimit()
    {
        var folder = Path.Combine(work, "bomb");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "Calc.cs"), GoodCalc);
        File.WriteAllText(Path.Combine(folder, "Bomb.cs"), SafeCompileTests.Bomb(16).Replace("namespace Probe;", "namespace NeuroExercises.SelfTest;", StringComparison.Ordinal));
        var sw = Stopwatch.StartNew();
        var grade = await GradePipeline.GradeAsync(Request(folder) with { CompileTimeLimit = TimeSpan.FromSeconds(6) }, TestContext.Current.CancellationToken);
        sw.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20));
        grade.Score.Should().Be(0);
        grade.Message.Should().Contain("error compile-timeout: compilation ran past the limit of 6 s");
    }

    [Fact]
    public async Task OddButLegalFileNamesAreGradedLikeAnyOther()
    {
        var folder = Path.Combine(work, "odd");
        Directory.CreateDirectory(Path.Combine(folder, "sub dir"));
        File.WriteAllText(Path.Combine(folder, "--help.cs"), GoodCalc);
        string[] names = ["my calc.cs", "ünïcødé.cs", "-leading.cs", "new\nline.cs", "sub dir/-x.cs"];
        for (var i = 0; i < names.Length; i++)
        {
            File.WriteAllText(Path.Combine(folder, names[i]), $"namespace NeuroExercises.SelfTest;\n\npublic static class Odd{i} {{ public static int V => {i}; }}\n");
        }

        var grade = await GradePipeline.GradeAsync(Request(folder), TestContext.Current.CancellationToken);
        grade.Message.Should().BeEmpty();
        grade.Checks.Where(c => !c.Passed).Select(c => c.Id + ": " + c.Output).Should().BeEmpty();
        grade.Score.Should().Be(6);
    }
}
