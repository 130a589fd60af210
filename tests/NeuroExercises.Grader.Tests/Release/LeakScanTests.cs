using FluentAssertions;
using NeuroExercises.Grader.Release;
using NeuroExercises.Grader.Release.Steps;

namespace NeuroExercises.Grader.Tests.Release;

/// <summary>
/// The leak scan catches a deliberately leaking release (Fixtures/LeakingRelease laid over a fresh release of week 1),
/// each file with its reason, and the release's last step then refuses it.
/// </summary>
public sealed class LeakScanTests
{
    private static string Fixture => Path.Combine(AppContext.BaseDirectory, "Release", "Fixtures", "LeakingRelease");

    /// <summary>A copy of the week-1 release with the leaking fixture laid over it, plus a hidden snapshot under an innocent name.</summary>
    private static string LeakingRelease()
    {
        var root = Path.Combine(WeekOneRelease.TempFolder("neuro-leaking-"), "release");
        WeekOneRelease.CopyTree(WeekOneRelease.Folder, root);
        WeekOneRelease.CopyTree(Fixture, root);
        File.Copy(
            Path.Combine(TestPaths.RepoRoot, WeekOneRelease.Week.GraderFolder, "snapshots", "TrajectoryGeneratorChecks.FullEdge.expected.npz"),
            Path.Combine(root, "exercises", "NeuroExercises.Week01.TaskDrivenRnn", "data.npz"));
        return root;
    }

    [Fact]
    public void LeakingFixtureIsCaughtWithEveryReason()
    {
        var leaks = LeakScanner.Scan(LeakingRelease(), WeekOneRelease.Rules);
        var found = leaks.Select(l => (l.Path, l.Kind)).ToList();
        found.Should().Contain(("exercises/NeuroExercises.Week01.TaskDrivenRnn/RnnMath.cs", LeakKind.SolutionBody));
        found.Should().Contain(("grader/weeks/Week01.TaskDrivenRnn/PsthChecks.cs", LeakKind.HiddenCheckName));
        found.Should().Contain(("grader/weeks/Week01.TaskDrivenRnn/snapshots/RateRnnChecks.SingleStep_H150_Chaotic.expected.npz", LeakKind.HiddenSnapshot));
        found.Should().Contain(("exercises/NeuroExercises.Week01.TaskDrivenRnn/data.npz", LeakKind.HiddenSnapshot));
        found.Should().Contain(("notes.txt", LeakKind.NotOnManifest));
        found.Should().Contain(("exercises/NeuroExercises.Week01.TaskDrivenRnn/RnnMath.cs", LeakKind.ChangedSinceManifest));
        leaks.Single(l => l.Kind == LeakKind.SolutionBody).Detail.Should().Contain("RnnMath.RectifiedTanh").And.Contain("solutions/NeuroExercises.Week01.TaskDrivenRnn/RnnMath.cs");
        leaks.Single(l => l.Kind == LeakKind.HiddenCheckName).Detail.Should().Contain("TrajectoryGeneratorChecks.FullChaotic");
        leaks.Single(l => l.Path.EndsWith("data.npz", StringComparison.Ordinal) && l.Kind == LeakKind.HiddenSnapshot).Detail.Should().Contain("task-driven-rnn/TrajectoryGeneratorChecks.FullEdge");
        leaks.Select(l => l.Path).Distinct().Should().HaveCount(5, "every other file of the release is clean");
    }

    [Fact]
    public void LeakScanStepRefusesTheLeakingReleaseNamingFileAndReason()
    {
        var root = LeakingRelease();
        var context = new ReleaseContext(TestPaths.RepoRoot, root, WeekOneRelease.Context.Weeks);
        var refuse = () => new LeakScanStep().Run(context);
        refuse.Should().Throw<ReleaseException>()
            .Where(e => e.ExitCode == 3)
            .Which.Message.Should().Contain("exercises/NeuroExercises.Week01.TaskDrivenRnn/RnnMath.cs: SolutionBody")
            .And.Contain("notes.txt: NotOnManifest")
            .And.Contain("PsthChecks.cs: HiddenCheckName")
            .And.Contain("RateRnnChecks.SingleStep_H150_Chaotic.expected.npz: HiddenSnapshot");
    }

    /// <summary>A hidden check kept in the checks sources is caught by its name, its method and its body; a removed manifest is caught too.</summary>
    [Fact]
    public void UnstrippedChecksAndMissingManifestAreCaught()
    {
        var root = Path.Combine(WeekOneRelease.TempFolder("neuro-unstripped-"), "release");
        WeekOneRelease.CopyTree(WeekOneRelease.Folder, root);
        var folder = WeekOneRelease.Week.GraderFolder;
        File.Copy(Path.Combine(TestPaths.RepoRoot, folder, "TrainerChecks.cs"), Path.Combine(root, folder, "TrainerChecks.cs"), overwrite: true);
        File.Copy(Path.Combine(TestPaths.RepoRoot, folder, "LossesChecks.cs"), Path.Combine(root, folder, "LossesChecks.cs"), overwrite: true);
        File.Copy(Path.Combine(TestPaths.RepoRoot, "solutions", "NeuroExercises.Week01.TaskDrivenRnn", "Trainer.cs"), Path.Combine(root, "src", "Trainer.cs"));
        File.Delete(Path.Combine(root, "release.json"));
        var leaks = LeakScanner.Scan(root, WeekOneRelease.Rules);
        var training = $"{folder}/TrainerChecks.cs";
        leaks.Should().Contain(l => l.Path == $"{folder}/LossesChecks.cs" && l.Kind == LeakKind.HiddenCheckName && l.Detail.Contains("LossRegularized"));
        leaks.Should().Contain(l => l.Path == training && l.Kind == LeakKind.HiddenCheckBody && l.Detail.Contains("TrainShortVerdict"));
        leaks.Should().Contain(l => l.Path == "src/Trainer.cs" && l.Kind == LeakKind.SolutionBody && l.Detail.Contains("Trainer.Train"));
        leaks.Should().Contain(l => l.Path == "release.json" && l.Kind == LeakKind.ManifestMismatch);
    }

    [Fact]
    public void StaffFilesAreCaught()
    {
        var root = Path.Combine(WeekOneRelease.TempFolder("neuro-staff-"), "release");
        WeekOneRelease.CopyTree(WeekOneRelease.Folder, root);
        File.Copy(Path.Combine(TestPaths.RepoRoot, "README.md"), Path.Combine(root, "STAFF.md"));
        Directory.CreateDirectory(Path.Combine(root, "solutions"));
        File.WriteAllText(Path.Combine(root, "solutions", "x.txt"), "x");
        var leaks = LeakScanner.Scan(root, WeekOneRelease.Rules);
        leaks.Should().Contain(l => l.Path == "STAFF.md" && l.Kind == LeakKind.ExcludedFile && l.Detail.Contains("staff README"));
        leaks.Should().Contain(l => l.Path == "solutions/x.txt" && l.Kind == LeakKind.ExcludedFile);
    }

    /// <summary>
    /// A hidden check's method name is a leak where it refers to that check (declared or used in its class, or qualified
    /// by it), and not where the same simple name is another member: a visible check of another class, the method a
    /// check grades, an enum member. Week 5's release was refused for a visible TrainThreeSteps beside a hidden one of
    /// another class, week 6's for calling Hebbian.Hebb beside the hidden HebbianChecks.Hebb.
    /// </summary>
    [Theory]
    [InlineData("public static class TiltCnnChecks { public static int TrainThreeSteps() => 1; }", "TrainThreeSteps")]
    [InlineData("public static class TiltCnnChecks { [Check(1, Derive = nameof(TrainThreeSteps))] public static int F() => TrainThreeSteps(); }", "TrainThreeSteps")]
    [InlineData("public static class Other { static int F() => TiltCnnChecks.TrainThreeSteps(); }", "TrainThreeSteps")]
    [InlineData("public static class Other { static string F() => nameof(NeuroExercises.Checks.TiltCnnChecks.TrainThreeSteps); }", "TrainThreeSteps")]
    [InlineData("public static class TiltCnnChecks { /// <see cref=\"TrainThreeSteps\"/>\n public static int F() => 1; }", "TrainThreeSteps")]
    [InlineData("public static class Other { /// <see cref=\"TiltCnnChecks.TrainThreeSteps\"/>\n public static int F() => 1; }", "TrainThreeSteps")]
    [InlineData("public static class TiltCnnChecks { /// <see cref=\"Other.TrainThreeSteps\"/>\n public static int F() => 1; }", "")]
    [InlineData("public static class DeepNetTrainingChecks { public static int TrainThreeSteps() => 1; }", "")]
    [InlineData("public static class HebbianChecks { static int F() => Hebbian.Hebb(1) + Reference.PrincipalAxis(2); }", "")]
    [InlineData("public static class LifChecks { static object F() => ResetMode.Zero; }", "")]
    public void HiddenCheckNamesAreJudgedByWhatTheyReferTo(string source, string expected)
    {
        var hidden = new[] { "NeuroExercises.Checks.TiltCnnChecks.TrainThreeSteps", "HebbianChecks.Hebb", "HebbianChecks.PrincipalAxis", "FrequencyCurrentChecks.Zero" };
        string.Join(",", LeakScanner.HiddenCheckIdentifiers(source, hidden).Select(t => t.Name)).Should().Be(expected);
    }

    [Theory]
    [InlineData("Graded by <c>spiking-networks/FrequencyCurrentChecks.Zero</c>.", 0)]
    [InlineData("see FrequencyCurrentChecks.Zero, and", 0)]
    [InlineData("Graded by <c>spiking-networks/FrequencyCurrentChecks.ZeroClosedForm</c>.", -1)]
    [InlineData("MyFrequencyCurrentChecks.Zero", -1)]
    public void AHiddenCheckIsNamedOnlyByItsWholeName(string text, int found)
    {
        (LeakScanner.NameAt(text, "FrequencyCurrentChecks.Zero") >= 0 ? 0 : -1).Should().Be(found);
    }
}
