using System.Diagnostics;
using System.Text.RegularExpressions;
using FluentAssertions;
using NeuroExercises.Grader.Checks;
using Xunit.Sdk;

namespace NeuroExercises.Grader.Tests.Release;

/// <summary>
/// SLOW (minutes: a full restore and build of the release, then a check run): the week-1 release, copied to a temp
/// folder outside the repository, sets itself up with its own setup.sh and its <c>check</c> runs every visible check on
/// its own stub folder — with the repository out of reach (bubblewrap hides the folder that holds it and ../shared;
/// without bubblewrap the test says so and relies on the path assertions). Filter it out with
/// <c>-- --filter-not-trait "Category=Slow"</c>.
/// </summary>
[Trait("Category", "Slow")]
public sealed partial class FreshReleaseBuildTests(ITestOutputHelper output)
{
    [Fact]
    public void ReleaseBuildsAndChecksItsStubsWithoutTheRepository()
    {
        var sw = Stopwatch.StartNew();
        var root = Path.Combine(WeekOneRelease.TempFolder("neuro-fresh-"), "release");
        WeekOneRelease.CopyTree(WeekOneRelease.Folder, root);
        root.Should().NotStartWith(Path.GetDirectoryName(TestPaths.RepoRoot)!, "the copy must live outside the folder the sandbox hides");

        AssertNothingPointsOutside(root);
        if (Sandboxed)
        {
            Run(root, "test", "!", "-e", Path.Combine(TestPaths.RepoRoot, "NeuroExercises.sln")).Exit.Should().Be(0, "inside the sandbox the repository is out of reach");
            Run(root, "test", "!", "-e", Path.Combine(Path.GetDirectoryName(TestPaths.RepoRoot)!, "shared")).Exit.Should().Be(0, "and so is ../shared");
        }

        var (setupExit, setupOut) = Run(root, "bash", "setup.sh");
        output.WriteLine($"setup.sh ({sw.Elapsed.TotalSeconds:0} s):\n{setupOut}");
        setupExit.Should().Be(0, setupOut);
        var built = sw.Elapsed;

        var (checkExit, checkOut) = Run(root, "dotnet", "run", "--project", "grader/NeuroExercises.Grader", "--no-build", "--", "check", "--week", WeekOneRelease.WeekId);
        output.WriteLine($"check ({(sw.Elapsed - built).TotalSeconds:0} s):\n{checkOut}");
        checkExit.Should().Be(0, checkOut);

        var checks = WeekOneRelease.AllChecks;
        foreach (var shipped in checks.Where(c => c.Visibility == Visibility.Visible && c.DeriveMethodName is null))
        {
            checkOut.Should().Contain(shipped.Id);
        }

        checkOut.Should().Contain("Score 0 / 23.5", "every method is a stub");
        checkOut.Should().Contain("15.5 more points in 9 hidden checks are graded after you submit.");
        checkOut.Should().Contain("2 more points in TrainerChecks.TrainShort are graded after you submit");
        checkOut.Should().NotContainAny(checks.Where(c => c.Visibility != Visibility.Visible).Select(c => c.ShortName));
        checkOut.Should().NotContain("does not compile");
        output.WriteLine($"total {sw.Elapsed.TotalSeconds:0} s (setup {built.TotalSeconds:0} s)");
    }

    /// <summary>No project, props, targets or solution file reaches outside the release, and no file names the repository's path.</summary>
    private static void AssertNothingPointsOutside(string root)
    {
        var full = Path.GetFullPath(root) + Path.DirectorySeparatorChar;
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            text.Should().NotContain(TestPaths.RepoRoot, $"{file} must not name the repository");
            if (!Regex.IsMatch(file, @"\.(csproj|props|targets|sln)$"))
            {
                continue;
            }

            foreach (Match m in RelativePath().Matches(text))
            {
                var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, m.Value.Replace('\\', '/')));
                (target + Path.DirectorySeparatorChar).Should().StartWith(full, $"{file} refers to {m.Value}, outside the release");
            }
        }
    }

    private static string Hide => Path.GetDirectoryName(TestPaths.RepoRoot)!; // the repository and ../shared

    private static bool Sandboxed { get; } = File.Exists("/usr/bin/bwrap") && Probe(Hide);

    /// <summary>Runs a command in <paramref name="root"/>; under bubblewrap the repository's parent folder is an empty tmpfs.</summary>
    private (int Exit, string Output) Run(string root, params string[] command)
    {
        var hide = Hide;
        var bwrap = Sandboxed;
        var psi = new ProcessStartInfo(bwrap ? "/usr/bin/bwrap" : command[0]) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        if (bwrap)
        {
            foreach (var a in new[] { "--dev-bind", "/", "/", "--tmpfs", hide, "--unshare-pid", "--die-with-parent", "--proc", "/proc", "--chdir", root })
            {
                psi.ArgumentList.Add(a);
            }

            psi.ArgumentList.Add(command[0]);
        }
        else
        {
            output.WriteLine("bubblewrap is not usable here: the repository is not hidden; the path assertions stand in for it.");
        }

        foreach (var a in command.Skip(1))
        {
            psi.ArgumentList.Add(a);
        }

        // No MSBuild node or compiler server outlives the command (a node started in the sandbox must not serve other builds).
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        psi.Environment["UseSharedCompilation"] = "false";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(15)))
        {
            process.Kill(entireProcessTree: true);
            throw new XunitException($"{string.Join(' ', command)} did not finish in 15 minutes:\n{stdout}");
        }

        return (process.ExitCode, stdout + stderr.Result);
    }

    private static bool Probe(string hide)
    {
        var psi = new ProcessStartInfo("/usr/bin/bwrap", ["--dev-bind", "/", "/", "--tmpfs", hide, "--unshare-pid", "--die-with-parent", "--proc", "/proc", "true"]) { RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        p.WaitForExit();
        return p.ExitCode == 0;
    }

    [GeneratedRegex(@"(\.\.[\\/])+[^""';<>\s]*")]
    private static partial Regex RelativePath();
}
