using System.Diagnostics;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace NeuroExercises.Grader.Tests.Batch;

/// <summary>
/// SLOW (about 5 minutes on 2 loaded cores: the package carries libtorch, ≈ 330 MB): the grader packed as a .NET tool
/// (dotnet pack, from the build the tests already made), installed with dotnet tool install --tool-path into a temp
/// folder from a local source, answers --help on every command and grades week 1's sample to 38 / 41.
/// Filter it out with <c>-- --filter-not-trait "Category=Slow"</c>.
/// </summary>
[Collection("grading")]
[Trait("Category", "Slow")]
public sealed class DotnetToolTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("neuro-tool-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    private static async Task<(int Exit, string Out)> Run(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (p.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task PacksInstallsAndGradesTheSampleAsADotnetTool()
    {
        var feed = Path.Combine(work, "feed");
        var project = Path.Combine(TestPaths.RepoRoot, "grader", "NeuroExercises.Grader");
        var config = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0
        var pack = await Run("dotnet", "pack", project, "--no-build", "-c", config, "-o", feed, "-nologo", "-v", "q");
        pack.Exit.Should().Be(0, pack.Out);
        var nupkg = Directory.GetFiles(feed, "NeuroExercises.Grader.*.nupkg").Should().ContainSingle().Subject;
        var version = Path.GetFileNameWithoutExtension(nupkg)["NeuroExercises.Grader.".Length..];

        var tools = Path.Combine(work, "tools");
        var install = await Run("dotnet", "tool", "install", "NeuroExercises.Grader", "--tool-path", tools, "--add-source", feed, "--version", version);
        install.Exit.Should().Be(0, install.Out);
        var tool = Path.Combine(tools, "neuro-grader");

        var help = await Run(tool, "--help");
        help.Exit.Should().Be(0);
        help.Out.Should().Contain("grade-batch").And.Contain("merge").And.Contain("gradescope-package").And.Contain("check");
        foreach (var command in new[] { "grade", "grade-batch", "merge", "gradescope-package", "check", "weeks", "release", "mutants" })
        {
            var h = await Run(tool, command, "--help");
            h.Exit.Should().Be(0, command);
            h.Out.Should().Contain("Usage:").And.Contain(command);
        }

        var results = Path.Combine(work, "out", "results.json");
        var grade = await Run(tool, "grade", Path.Combine(TestPaths.RepoRoot, "grader", "samples", "task-driven-rnn"), "--week", "task-driven-rnn",
            "--out", results, "--snapshots", TestPaths.Snapshots, "--device", "cpu", "--time-limit-scale", "5");
        grade.Exit.Should().Be(0, grade.Out);
        var json = JsonNode.Parse(File.ReadAllText(results))!;
        json["score"]!.GetValue<double>().Should().Be(38, grade.Out);
        json["max_score"]!.GetValue<double>().Should().Be(41);
        json["extra_data"]!["grader_version"]!.GetValue<string>().Should().StartWith(version);
    }
}
