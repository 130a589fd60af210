using System.CommandLine;
using FluentAssertions;
using NeuroExercises.Grader.Checks;
using NeuroExercises.Grader.Cli;
using NeuroExercises.Grader.Release;

namespace NeuroExercises.Grader.Tests.Release;

/// <summary>Bad input to release and check: a message naming the thing and the fix, the CLI's exit code, nothing half-written.</summary>
public sealed class ReleaseBadInputTests
{
    [Fact]
    public void ReleaseToANonEmptyFolderIsRefusedAndLeavesItAlone()
    {
        var parent = WeekOneRelease.TempFolder("neuro-bad-");
        var outDir = Path.Combine(parent, "out");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "mine.txt"), "keep me");
        var run = () => ReleasePipeline.Run(new ReleaseRequest(TestPaths.RepoRoot, [WeekOneRelease.WeekId], outDir));
        run.Should().Throw<ReleaseException>().Where(e => e.ExitCode == ExitCodes.Usage)
            .Which.Message.Should().Contain(outDir).And.Contain("not empty").And.Contain("pass a new or empty folder");
        Directory.EnumerateFileSystemEntries(outDir).Select(Path.GetFileName).Should().Equal("mine.txt");
        Directory.EnumerateFileSystemEntries(parent).Select(Path.GetFileName).Should().Equal("out");
    }

    [Fact]
    public void UnknownWeekIsRefusedNamingTheKnownOnes()
    {
        var parent = WeekOneRelease.TempFolder("neuro-bad-");
        var outDir = Path.Combine(parent, "out");
        var run = () => ReleasePipeline.Run(new ReleaseRequest(TestPaths.RepoRoot, ["no-such-week"], outDir));
        run.Should().Throw<ReleaseException>().Where(e => e.ExitCode == ExitCodes.Usage)
            .Which.Message.Should().Contain("'no-such-week' is not a week").And.Contain("task-driven-rnn").And.Contain("'weeks'");
        Directory.EnumerateFileSystemEntries(parent).Should().BeEmpty("nothing is written for a refused release");
    }

    [Fact]
    public void WeekWithoutItsChecksAssemblyIsRefusedNamingTheFix()
    {
        var parent = WeekOneRelease.TempFolder("neuro-bad-");
        var outDir = Path.Combine(parent, "out");
        var missing = Path.Combine(parent, "NeuroExercises.Week01.TaskDrivenRnn.Checks.dll");
        var week = WeekOneRelease.Week with { ChecksPath = missing };
        var run = () => ReleasePipeline.Run(new ReleaseRequest(TestPaths.RepoRoot, [WeekOneRelease.WeekId], outDir) { Catalog = [week] });
        run.Should().Throw<ReleaseException>().Where(e => e.ExitCode == ExitCodes.GradeFailed)
            .Which.Message.Should().Contain(missing).And.Contain("dotnet build grader/NeuroExercises.Grader");
        Directory.EnumerateFileSystemEntries(parent).Should().BeEmpty();
    }

    [Fact]
    public void WeekRegisteredInSourcesButNotBuiltIsRefusedAsMissingAssembly()
    {
        var parent = WeekOneRelease.TempFolder("neuro-bad-");
        var run = () => ReleasePipeline.Run(new ReleaseRequest(TestPaths.RepoRoot, [WeekOneRelease.WeekId], Path.Combine(parent, "out")) { Catalog = [] });
        run.Should().Throw<ReleaseException>().Where(e => e.ExitCode == ExitCodes.GradeFailed)
            .Which.Message.Should().Contain("registered in grader/weeks/Week01.TaskDrivenRnn").And.Contain("checks assembly is not beside the grader");
        Directory.EnumerateFileSystemEntries(parent).Should().BeEmpty();
    }

    [Fact]
    public void ReleaseCommandReturnsUsageForANonEmptyFolder()
    {
        var outDir = WeekOneRelease.TempFolder("neuro-bad-");
        File.WriteAllText(Path.Combine(outDir, "x"), "x");
        Invoke("release", "--week", WeekOneRelease.WeekId, "--out", outDir).Should().Be(ExitCodes.Usage);
        Invoke("release", "--week", "no-such-week", "--out", Path.Combine(outDir, "new")).Should().Be(ExitCodes.Usage);
        Directory.Exists(Path.Combine(outDir, "new")).Should().BeFalse();
    }

    [Fact]
    public void CheckRefusesAFolderWithoutCsFilesAndAnUnknownWeek()
    {
        var empty = WeekOneRelease.TempFolder("neuro-empty-");
        File.WriteAllText(Path.Combine(empty, "notes.md"), "no code");
        CheckCommand.Refusal(empty, WeekOneRelease.Week).Should().Contain(empty).And.Contain("holds no .cs files").And.Contain("exercises/NeuroExercises.Week01.TaskDrivenRnn");
        CheckCommand.Refusal(Path.Combine(empty, "nope"), WeekOneRelease.Week).Should().Contain("does not exist");
        CheckCommand.Refusal(Path.Combine(TestPaths.RepoRoot, WeekOneRelease.Week.ExerciseFolder), WeekOneRelease.Week).Should().BeNull();
        Invoke("check", "--week", WeekOneRelease.WeekId, empty).Should().Be(ExitCodes.GradeFailed);
        Invoke("check", "--week", "no-such-week", empty).Should().Be(ExitCodes.Usage);
    }

    /// <summary>An earlier run's received arrays are removed before a check runs, so a passing check leaves none behind (the week-4 dry run saw stale ones).</summary>
    [Fact]
    public void CheckRemovesAnEarlierRunsReceivedArrays()
    {
        var outDir = WeekOneRelease.TempFolder("neuro-check-out-");
        var stale = Path.Combine(outDir, WeekOneRelease.WeekId, "RnnMathChecks.RectifiedTanh.received.npz");
        Directory.CreateDirectory(Path.GetDirectoryName(stale)!);
        File.WriteAllText(stale, "from an earlier run");
        var other = Path.Combine(outDir, "notes.txt");
        File.WriteAllText(other, "mine");
        Invoke("check", "--week", WeekOneRelease.WeekId, Path.Combine(TestPaths.RepoRoot, WeekOneRelease.Week.SolutionFolder), "--out", outDir).Should().Be(ExitCodes.Ok);
        File.Exists(stale).Should().BeFalse("the solutions pass every visible check, so no received array belongs there");
        File.Exists(other).Should().BeTrue("only the week's received arrays are removed");
    }

    /// <summary>In the repository, check counts hidden checks from discovery (no names) and names TrainShort as graded after submission.</summary>
    [Fact]
    public void CheckInTheRepositoryCountsHiddenPointsFromDiscovery()
    {
        var lines = CheckCommand.AfterSubmission(TestPaths.RepoRoot, WeekOneRelease.Week);
        lines[0].Should().Be("15.5 more points in 9 hidden checks are graded after you submit.");
        lines.Should().HaveCount(2);
        lines[1].Should().StartWith("2 more points in TrainerChecks.TrainShort are graded after you submit");
        var hidden = WeekOneRelease.AllChecks.Where(c => c.Visibility != Visibility.Visible).Select(c => c.MethodName);
        string.Concat(lines).Should().NotContainAny(hidden);
        CheckCommand.AfterSubmission(WeekOneRelease.Folder, WeekOneRelease.Week).Should().Equal(lines, "release.json gives the same counts");
    }

    private static int Invoke(params string[] args) =>
        new RootCommand { ReleaseCommand.Create(), CheckCommand.Create() }.Parse(args).Invoke();
}
