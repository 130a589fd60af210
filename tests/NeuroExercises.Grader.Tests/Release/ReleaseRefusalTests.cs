using FluentAssertions;
using NeuroExercises.Grader.Cli;
using NeuroExercises.Grader.Release;

namespace NeuroExercises.Grader.Tests.Release;

/// <summary>
/// A release that fails part-way (a step refuses, the leak scan finds something) leaves nothing behind: no --out, no
/// staging folder. Run on a copy of the repository's sources with one thing broken.
/// </summary>
public sealed class ReleaseRefusalTests
{
    [Fact]
    public void LeakInTheSourcesFailsTheReleaseAndWritesNothing()
    {
        var repo = RepoCopy();
        var stub = Path.Combine(repo, WeekOneRelease.Week.ExerciseFolder, "RnnMath.cs");
        File.Copy(Path.Combine(repo, WeekOneRelease.Week.SolutionFolder, "RnnMath.cs"), stub, overwrite: true);
        var parent = WeekOneRelease.TempFolder("neuro-refused-");
        var outDir = Path.Combine(parent, "out");
        var run = () => ReleasePipeline.Run(new ReleaseRequest(repo, [WeekOneRelease.WeekId], outDir));
        run.Should().Throw<ReleaseException>().Where(e => e.ExitCode == ExitCodes.GradeFailed)
            .Which.Message.Should().Contain("leak scan refused the release")
            .And.Contain("exercises/NeuroExercises.Week01.TaskDrivenRnn/RnnMath.cs: SolutionBody")
            .And.Contain("RnnMath.RectifiedTanh");
        Directory.EnumerateFileSystemEntries(parent).Should().BeEmpty("neither --out nor the staging folder is left behind");
    }

    [Fact]
    public void MissingSnapshotOfAShippedCheckFailsTheReleaseNamingTheFix()
    {
        var repo = RepoCopy();
        File.Delete(Path.Combine(repo, WeekOneRelease.Week.GraderFolder, "snapshots", "RnnMathChecks.RectifiedTanh.expected.npz"));
        var parent = WeekOneRelease.TempFolder("neuro-refused-");
        var run = () => ReleasePipeline.Run(new ReleaseRequest(repo, [WeekOneRelease.WeekId], Path.Combine(parent, "out")));
        run.Should().Throw<ReleaseException>().Where(e => e.ExitCode == ExitCodes.GradeFailed)
            .Which.Message.Should().Contain("task-driven-rnn/RnnMathChecks.RectifiedTanh has no snapshot").And.Contain("snapshot update --week task-driven-rnn");
        Directory.EnumerateFileSystemEntries(parent).Should().BeEmpty();
    }

    /// <summary>The sources a release reads (no build outputs), copied to a temp folder.</summary>
    private static string RepoCopy()
    {
        var repo = WeekOneRelease.TempFolder("neuro-repo-");
        var week = WeekOneRelease.Week;
        foreach (var folder in new[] { "src/NeuroExercises.Core", week.ExerciseFolder, week.SolutionFolder, week.GraderFolder, "grader/NeuroExercises.Grader", "grader/NeuroExercises.Grader.Checks", "grader/release-template", "tools/native" })
        {
            foreach (var rel in ReleaseContext.Files(Path.Combine(TestPaths.RepoRoot, folder)))
            {
                var target = Path.Combine(repo, folder, rel);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(Path.Combine(TestPaths.RepoRoot, folder, rel), target);
            }
        }

        foreach (var file in new[] { "README.md", "NeuroExercises.sln", "Directory.Packages.props", "global.json" })
        {
            File.Copy(Path.Combine(TestPaths.RepoRoot, file), Path.Combine(repo, file));
        }

        return repo;
    }
}
