using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using FluentAssertions;
using NeuroExercises.Grader.Batch;
using NeuroExercises.Grader.Checks;
using NeuroExercises.Grader.Grading;
using NeuroExercises.Grader.Judge;

namespace NeuroExercises.Grader.Tests.Batch;

/// <summary>
/// autograder.zip holds what Gradescope runs, and its run_autograder, run against a temporary /autograder tree laid out as
/// Gradescope's (source = the unzipped package, submission = week 1's sample), writes results/results.json with the
/// sample's score using the package's own snapshots. (setup.sh installs .NET and builds: not run here; the grader built
/// beside the tests stands in for the one it builds, through NEURO_GRADER.)
/// </summary>
[Collection("grading")]
[Trait("Category", "Slow")]
public sealed class GradescopePackageTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("neuro-gradescope-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    private static WeekInfo Week1 => WeekCatalog.Find("task-driven-rnn")!;

    private string Package()
    {
        var checks = GradePipeline.DiscoverChecks(Week1.ChecksPath, Week1.Id);
        var manifest = ManifestHash.Compute(checks, SnapshotStore.For(TestPaths.Snapshots, Week1));
        var zip = Path.Combine(work, "autograder.zip");
        GradescopePackage.Build(TestPaths.RepoRoot, Week1, manifest, Provenance.GraderVersion, zip).Should().BeGreaterThan(20);
        return zip;
    }

    [Fact]
    public void TheZipHoldsTheScriptsAndTheWeeksKitOnly()
    {
        using var zip = ZipFile.OpenRead(Package());
        var names = zip.Entries.Select(e => e.FullName).ToList();
        names.Should().Contain(["setup.sh", "run_autograder", "autograder.json", "kit/setup.sh", "kit/Directory.Packages.props",
            "kit/grader/NeuroExercises.Grader/NeuroExercises.Grader.csproj", "kit/exercises/NeuroExercises.Week01.TaskDrivenRnn/NeuroExercises.Week01.TaskDrivenRnn.csproj"]);
        names.Should().Contain(n => n.StartsWith("kit/grader/weeks/Week01.TaskDrivenRnn/snapshots/", StringComparison.Ordinal) && n.EndsWith(".expected.npz", StringComparison.Ordinal));
        names.Should().NotContain(n => n.StartsWith("kit/solutions/", StringComparison.Ordinal) || n.StartsWith("kit/tests/", StringComparison.Ordinal)
            || n.Contains("Week02", StringComparison.Ordinal) || n.Contains("/bin/", StringComparison.Ordinal) || n.Contains("/obj/", StringComparison.Ordinal));
        ((zip.GetEntry("run_autograder")!.ExternalAttributes >> 16) & 0x1FF).Should().Be(0x1ED, "Gradescope executes it");
        ((zip.GetEntry("setup.sh")!.ExternalAttributes >> 16) & 0x1FF).Should().Be(0x1ED);
        new StreamReader(zip.GetEntry("run_autograder")!.Open()).ReadToEnd().Should().Contain("--week task-driven-rnn").And.NotContain("__WEEK__");
    }

    [Fact]
    public async Task RunAutograderGradesASubmissionIntoResultsJson()
    {
        var root = Path.Combine(work, "autograder");
        ZipFile.ExtractToDirectory(Package(), Path.Combine(root, "source"));
        var submission = Path.Combine(root, "submission");
        Directory.CreateDirectory(submission);
        foreach (var f in Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "grader", "samples", "task-driven-rnn"), "*.cs"))
        {
            File.Copy(f, Path.Combine(submission, Path.GetFileName(f)));
        }

        var psi = new ProcessStartInfo("/bin/bash", [Path.Combine(root, "source", "run_autograder")]) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment["AUTOGRADER_ROOT"] = root;
        psi.Environment["NEURO_GRADER"] = $"dotnet exec {GraderProcess.Dll}";
        psi.Environment["NEURO_GRADE_ARGS"] = "--time-limit-scale 5";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = p.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await p.WaitForExitAsync(TestContext.Current.CancellationToken);
        p.ExitCode.Should().Be(0, await stderr);

        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "results", "results.json")))!;
        results["max_score"]!.GetValue<double>().Should().Be(41);
        results["score"]!.GetValue<double>().Should().Be(38, await stdout);
        results["tests"]!.AsArray().Should().HaveCount(22);
        results["extra_data"]!["week"]!.GetValue<string>().Should().Be("task-driven-rnn");
        File.Exists(Path.Combine(root, "results", "feedback.html")).Should().BeTrue();
    }

    [Fact]
    public async Task RunAutograderStillWritesAResultsFileWhenTheGraderCannotStart()
    {
        var root = Path.Combine(work, "autograder");
        ZipFile.ExtractToDirectory(Package(), Path.Combine(root, "source"));
        var psi = new ProcessStartInfo("/bin/bash", [Path.Combine(root, "source", "run_autograder")]) { RedirectStandardError = true, RedirectStandardOutput = true };
        psi.Environment["AUTOGRADER_ROOT"] = root;
        psi.Environment["NEURO_GRADER"] = "/nonexistent/grader";
        using var p = Process.Start(psi)!;
        await p.WaitForExitAsync(TestContext.Current.CancellationToken);
        p.ExitCode.Should().Be(0);
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "results", "results.json")))!;
        results["score"]!.GetValue<double>().Should().Be(0);
        results["output"]!.GetValue<string>().Should().Contain("could not start (exit 127)");
    }
}
