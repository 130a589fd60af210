using System.Text.Json;
using FluentAssertions;
using NeuroExercises.Grader.Grading;
using NeuroExercises.Grader.Judge;
using NeuroExercises.Grader.Runner;

namespace NeuroExercises.Grader.Tests.Grading;

/// <summary>Each folder under Hostile/Submissions gets the outcome Hostile/expected.json lists for it, check by check.</summary>
[Collection("grading")]
public sealed class HostileSubmissionTests(SelfTestWeek week) : IClassFixture<SelfTestWeek>
{
    public static TheoryData<string> Submissions()
    {
        var data = new TheoryData<string>();
        foreach (var name in Expected().Keys)
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void SnapshotUpdateFromTheGoodSubmissionSucceeds()
    {
        week.UpdateProblems.Should().BeEmpty();
        SnapshotStore.For(SelfTestWeek.SnapshotsRoot, SelfTestWeek.Week).Existing()
            .Should().Equal("CalcChecks.AddOne", "CalcChecks.Double", "CalcChecks.Square");
    }

    [Theory]
    [MemberData(nameof(Submissions))]
    public async Task GetsTheListedOutcomeForEveryCheck(string submission)
    {
        ChildLauncher.Resolve(SandboxMode.Auto).Should().Be(SandboxMode.Bwrap, "these tests run as root with bubblewrap installed");
        var expected = Expected()[submission];
        // The self-test checks allow 2 s; cases that must not time out get room for a busy machine (allocating 400 MB
        // or 2 GB takes a while on 2 loaded cores), the timeout cases keep the short limit.
        var scale = expected.ContainsValue("timeout") ? 1 : 5;
        var grade = await GradePipeline.GradeAsync(week.Request(submission) with { TimeLimitScale = scale }, TestContext.Current.CancellationToken);
        grade.Checks.Select(c => (c.Id, c.Outcome)).Should().BeEquivalentTo(
            expected.Select(kv => ($"grader-selftest/{kv.Key}", kv.Value)), string.Join("\n", grade.Checks.Select(c => c.Output)));
        grade.Score.Should().Be(grade.Checks.Where(c => c.Passed).Sum(c => c.MaxScore));
        grade.MaxScore.Should().Be(6);
        grade.Sandbox.Should().Be(submission == "compile-error" ? "none" : "bwrap");
    }

    [Fact]
    public async Task CompileErrorsScoreZeroAndNameFileAndLine()
    {
        var grade = await GradePipeline.GradeAsync(week.Request("compile-error"), TestContext.Current.CancellationToken);
        grade.Score.Should().Be(0);
        grade.Message.Should().Contain("Calc.cs:7:").And.Contain("error CS1525");
    }

    [Fact]
    public async Task HugeStdoutIsCappedAndTheTailKept()
    {
        var grade = await GradePipeline.GradeAsync(week.Request("huge-stdout"), TestContext.Current.CancellationToken);
        var check = grade.Checks.Single(c => c.Id.EndsWith("Double", StringComparison.Ordinal));
        check.Outcome.Should().Be("output-capped");
        check.Output.Should().Contain("more than 1048576 bytes");
    }

    [Fact]
    public async Task AMissWritesTheReceivedArrayBesideTheReport()
    {
        var dir = Directory.CreateTempSubdirectory("neuro-grader-received-").FullName;
        try
        {
            var grade = await GradePipeline.GradeAsync(week.Request("wrong-value", dir), TestContext.Current.CancellationToken);
            var miss = grade.Checks.Single(c => !c.Passed);
            miss.Output.Should().Contain("output 'y'").And.Contain("first bad index (0,): expected 2, got 3");
            var received = Path.Combine(dir, "grader-selftest", "CalcChecks.Double.received.npz");
            ((float[])Core.Npy.Npz.Read(received)["y"].Data).Should().Equal(3f, 6f, 9f);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task ManifestHashCoversRulesAndSnapshots()
    {
        var grade = await GradePipeline.GradeAsync(week.Request("good"), TestContext.Current.CancellationToken);
        var checks = GradePipeline.DiscoverChecks(week.ChecksPath, SelfTestWeek.Week.Id);
        var store = SnapshotStore.For(SelfTestWeek.SnapshotsRoot, SelfTestWeek.Week);
        grade.Score.Should().Be(6);
        grade.ManifestHash.Should().HaveLength(64).And.Be(ManifestHash.Compute(checks, store));
        var changed = checks.Select(c => c with { Points = c.Points + 1 }).ToList();
        ManifestHash.Compute(changed, store).Should().NotBe(grade.ManifestHash);
        ManifestHash.Compute(checks, store with { Directory = "/nonexistent" }).Should().NotBe(grade.ManifestHash);
    }

    [Fact]
    public async Task ASubmissionThatHangsWhileLoadingScoresZeroInSeconds()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var grade = await GradePipeline.GradeAsync(week.Request("module-init-hang"), TestContext.Current.CancellationToken);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15));
        grade.Score.Should().Be(0);
        grade.Checks.Should().OnlyContain(c => c.Outcome == "load-failed" && c.Output.Contains("did not finish loading", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASubmissionThatKillsItsChildWhileLoadingStopsAfterTwoChildren()
    {
        var grade = await GradePipeline.GradeAsync(week.Request("module-init-exit"), TestContext.Current.CancellationToken);
        grade.Checks.Should().OnlyContain(c => c.Outcome == "load-failed" && c.Output.Contains("killed two runner children", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AHugeExceptionMessageIsCappedInTheResults()
    {
        var grade = await GradePipeline.GradeAsync(week.Request("huge-exception") with { TimeLimitScale = 5 }, TestContext.Current.CancellationToken);
        var check = grade.Checks.Single(c => c.Id.EndsWith("Double", StringComparison.Ordinal));
        check.Outcome.Should().Be("threw");
        check.Output.Length.Should().BeLessThan(Grader.Judge.Caps.MessageChars + 100);
        check.Output.Should().Contain("more characters cut");
        System.Text.Encoding.UTF8.GetByteCount(Cli.GradeCommand.Render(grade, "gradescope")).Should().BeLessThan(64 * 1024);
    }

    [Fact]
    public async Task AGiganticTensorIsRefusedWithItsShape()
    {
        var grade = await GradePipeline.GradeAsync(week.Request("gigantic-tensor") with { TimeLimitScale = 5 }, TestContext.Current.CancellationToken);
        grade.Checks.Single(c => c.Id.EndsWith("Double", StringComparison.Ordinal)).Output.Should().Contain("more than 64 MB").And.Contain("[100000000]");
    }

    [Fact]
    public async Task NoNetworkReachesAListenerOnTheHost()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 47853);
        listener.Start();
        try
        {
            var grade = await GradePipeline.GradeAsync(week.Request("network"), TestContext.Current.CancellationToken);
            grade.Checks.Single(c => c.Id.EndsWith("Double", StringComparison.Ordinal)).Outcome.Should().Be("mismatch", "the submission is right only when a connection worked");
            listener.Pending().Should().BeFalse("no connection may reach the host's listener");
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task TheGradersEnvironmentIsNotVisibleInside()
    {
        Environment.SetEnvironmentVariable("NEURO_HOSTILE_SECRET", "s3cret");
        try
        {
            var grade = await GradePipeline.GradeAsync(week.Request("reads-environment"), TestContext.Current.CancellationToken);
            grade.Checks.Single(c => c.Id.EndsWith("Double", StringComparison.Ordinal)).Outcome.Should().Be("mismatch");
        }
        finally
        {
            Environment.SetEnvironmentVariable("NEURO_HOSTILE_SECRET", null);
        }
    }

    [Fact]
    public async Task AWallBudgetBoundsTheWholeRun()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var grade = await GradePipeline.GradeAsync(week.Request("sleeps") with { WallBudget = TimeSpan.FromMilliseconds(1) }, TestContext.Current.CancellationToken);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        grade.Checks.Should().OnlyContain(c => c.Outcome == "budget");
    }

    private static Dictionary<string, Dictionary<string, string>> Expected()
    {
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.Hostile, "expected.json")));
        return json.RootElement.EnumerateObject()
            .Where(p => !p.Name.StartsWith('_'))
            .ToDictionary(p => p.Name, p => p.Value.EnumerateObject().ToDictionary(q => q.Name, q => q.Value.GetString()!));
    }
}
