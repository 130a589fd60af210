using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using NeuroExercises.Grader.Checks;
using NeuroExercises.Grader.Release;

namespace NeuroExercises.Grader.Tests.Release;

/// <summary>
/// What the release of week 1 holds, by the leak scan and, independently of it, by plain file reading here: no
/// solution body, no hidden check's name or snapshot, no staff file, every file on release.json with its hash.
/// </summary>
public sealed partial class ReleaseContentTests
{
    private static string Root => WeekOneRelease.Folder;

    private static IReadOnlyList<string> AllFiles() =>
        [.. Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))];

    [Fact]
    public void WeekOneReleasePassesTheLeakScan()
    {
        LeakScanner.Scan(Root, WeekOneRelease.Rules).Should().BeEmpty();
    }

    /// <summary>
    /// Independent of the scan: every code line of a solution file that its stub lacks (the reference lines, comments and
    /// braces left out) is absent from every .cs file of the release, whitespace removed.
    /// </summary>
    [Fact]
    public void NoReleaseFileHoldsAReferenceLineOfTheSolutions()
    {
        var week = WeekOneRelease.Week;
        var solutions = Path.Combine(TestPaths.RepoRoot, week.SolutionFolder);
        var referenceLines = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(solutions, "*.cs").Where(f => !f.Contains("/obj/", StringComparison.Ordinal)))
        {
            var stub = Path.Combine(TestPaths.RepoRoot, week.ExerciseFolder, Path.GetFileName(file));
            var stubLines = File.Exists(stub) ? File.ReadAllLines(stub).Select(Squash).ToHashSet(StringComparer.Ordinal) : [];
            referenceLines.UnionWith(File.ReadAllLines(file).Select(Squash).Where(l => l.Length >= 20 && !l.StartsWith("//", StringComparison.Ordinal) && !stubLines.Contains(l)));
        }

        // Lines the staff ship anyway (Core, the grader, the unstripped checks, any stub: a `using var scope = NewDisposeScope();`) are not reference logic.
        foreach (var shipped in new[] { "src", "grader/NeuroExercises.Grader", "grader/NeuroExercises.Grader.Checks", week.GraderFolder, week.ExerciseFolder })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, shipped), "*.cs", SearchOption.AllDirectories))
            {
                referenceLines.ExceptWith(File.ReadAllLines(file).Select(Squash));
            }
        }

        referenceLines.Should().HaveCountGreaterThan(20, "the solutions differ from the stubs, so this test has something to look for");
        var hits = AllFiles().Where(f => f.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(f => File.ReadAllLines(Path.Combine(Root, f)).Select(Squash).Where(referenceLines.Contains).Select(l => $"{f}: {l}"))
            .ToList();
        hits.Should().BeEmpty();
    }

    /// <summary>The exercise files are the stubs: byte-equal, except lines whose doc names a hidden check (there the name is gone).</summary>
    [Fact]
    public void ExerciseFilesAreTheStubs()
    {
        var week = WeekOneRelease.Week;
        var hidden = WeekOneRelease.AllChecks.Where(c => c.Visibility != Visibility.Visible).Select(c => c.ShortName).ToList();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, week.ExerciseFolder)).Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal)))
        {
            var released = File.ReadAllLines(Path.Combine(Root, week.ExerciseFolder, Path.GetFileName(file)));
            var stub = File.ReadAllLines(file);
            released.Should().HaveSameCount(stub, Path.GetFileName(file));
            foreach (var (mine, theirs) in released.Zip(stub).Where(p => p.First != p.Second))
            {
                hidden.Should().Contain(h => theirs.Contains(h, StringComparison.Ordinal), $"{Path.GetFileName(file)} differs from the stub only where a doc names a hidden check: {mine}");
                hidden.Should().NotContain(h => mine.Contains(h, StringComparison.Ordinal));
            }
        }
    }

    /// <summary>The stubs' docs name every grading check (main's style); in the release a hidden one becomes "a hidden check".</summary>
    [Fact]
    public void HiddenNamesInStubDocsAreScrubbed()
    {
        const string Doc = "/// Graded by <c>task-driven-rnn/TrajectoryGeneratorChecks.SmallChaotic</c>, <c>task-driven-rnn/TrajectoryGeneratorChecks.FullChaotic</c> and <c>task-driven-rnn/TrajectoryGeneratorChecks.FullEdge</c> (absolute tolerances).";
        var hidden = WeekOneRelease.AllChecks.Where(c => c.Visibility != Visibility.Visible).Select(c => c.ShortName).ToList();
        global::NeuroExercises.Grader.Release.Steps.ScrubHiddenNamesStep.Scrub(Doc, WeekOneRelease.WeekId, hidden).Should()
            .Be("/// Graded by <c>task-driven-rnn/TrajectoryGeneratorChecks.SmallChaotic</c>, 2 hidden checks (absolute tolerances).");
        const string Broken = "/// Graded by <c>task-driven-rnn/TrajectoryGeneratorChecks.FullChaotic</c>,\n    /// <c>task-driven-rnn/TrajectoryGeneratorChecks.FullEdge</c> and <c>task-driven-rnn/TrajectoryGeneratorChecks.SmallChaotic</c>.";
        global::NeuroExercises.Grader.Release.Steps.ScrubHiddenNamesStep.Scrub(Broken, WeekOneRelease.WeekId, hidden).Should()
            .Be("/// Graded by 2 hidden checks and <c>task-driven-rnn/TrajectoryGeneratorChecks.SmallChaotic</c>.", "a run of hidden names across doc lines is counted, not repeated (the week-6 dry run read 'a hidden check, a hidden check, a hidden check and a hidden check')");
    }

    /// <summary>Independent of the scan: no file's bytes (text or binary) contain a hidden check's Class.Method.</summary>
    [Fact]
    public void NoFileNamesAHiddenCheck()
    {
        var hidden = WeekOneRelease.AllChecks.Where(c => c.Visibility != Visibility.Visible).Select(c => c.ShortName).ToList();
        hidden.Should().HaveCountGreaterThan(0);
        foreach (var file in AllFiles())
        {
            var text = Encoding.Latin1.GetString(File.ReadAllBytes(Path.Combine(Root, file)));
            hidden.Where(h => text.Contains(h, StringComparison.Ordinal)).Should().BeEmpty($"{file} must not name a hidden check");
        }
    }

    /// <summary>The snapshots are exactly those of the visible checks without a derive step, byte-equal to the staff's; no file equals a withheld snapshot.</summary>
    [Fact]
    public void SnapshotsAreThoseOfTheShippedChecksOnly()
    {
        var checks = WeekOneRelease.AllChecks;
        var shipped = checks.Where(c => c.Visibility == Visibility.Visible && c.DeriveMethodName is null).Select(c => c.ShortName + ".expected.npz").Order(StringComparer.Ordinal).ToList();
        var snapshots = Path.Combine(Root, WeekOneRelease.Week.GraderFolder, "snapshots");
        Directory.EnumerateFiles(snapshots).Select(Path.GetFileName).Order(StringComparer.Ordinal).Should().Equal(shipped);
        AllFiles().Where(f => f.EndsWith(".npz", StringComparison.Ordinal) && f.Contains("snapshots", StringComparison.Ordinal))
            .Should().HaveCount(shipped.Count, "no other folder holds snapshots");

        var staff = Path.Combine(TestPaths.RepoRoot, WeekOneRelease.Week.GraderFolder, "snapshots");
        var withheld = checks.Where(c => !shipped.Contains(c.ShortName + ".expected.npz"))
            .Select(c => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(staff, c.ShortName + ".expected.npz")))))
            .ToHashSet(StringComparer.Ordinal);
        withheld.Should().HaveCount(10, "9 hidden checks and TrainShort (derive step) are withheld");
        AllFiles().Where(f => withheld.Contains(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(Root, f)))))).Should().BeEmpty();
    }

    /// <summary>The stripped checks sources declare exactly the shipped checks and none of TrainShort's reference trainer.</summary>
    [Fact]
    public void StrippedChecksDeclareExactlyTheShippedChecks()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(Root, WeekOneRelease.Week.GraderFolder), "*.cs").Select(File.ReadAllText).ToList();
        var declared = sources.SelectMany(s => CheckMethod().Matches(s).Select(m => m.Groups["name"].Value)).Order(StringComparer.Ordinal);
        var shipped = WeekOneRelease.AllChecks.Where(c => c.Visibility == Visibility.Visible && c.DeriveMethodName is null).Select(c => c.MethodName).Order(StringComparer.Ordinal);
        declared.Should().Equal(shipped);
        string.Concat(sources).Should().NotContain("ReferenceTraining").And.NotContain("TrainShortVerdict").And.NotContain("Derive =").And.NotContain("Visibility.Hidden");
    }

    /// <summary>Independent of the scan: every file is on release.json with its SHA-256 and size, and nothing on it is missing.</summary>
    [Fact]
    public void EveryFileIsOnTheManifestWithItsHash()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "release.json")));
        var listed = json.RootElement.GetProperty("files").EnumerateArray()
            .ToDictionary(f => f.GetProperty("path").GetString()!, f => (Sha: f.GetProperty("sha256").GetString()!, Bytes: f.GetProperty("bytes").GetInt64()));
        var files = AllFiles().Where(f => f != "release.json").ToList();
        listed.Keys.Order(StringComparer.Ordinal).Should().Equal(files.Order(StringComparer.Ordinal));
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(Path.Combine(Root, file));
            listed[file].Should().Be((Convert.ToHexStringLower(SHA256.HashData(bytes)), (long)bytes.Length), file);
        }
    }

    /// <summary>release.json counts the hidden checks and their points, names none, and names TrainShort as graded after submission.</summary>
    [Fact]
    public void ManifestCountsHiddenChecksWithoutNamingThem()
    {
        var text = File.ReadAllText(Path.Combine(Root, "release.json"));
        using var json = JsonDocument.Parse(text);
        var week = json.RootElement.GetProperty("weeks").EnumerateArray().Single();
        var hidden = WeekOneRelease.AllChecks.Where(c => c.Visibility != Visibility.Visible).ToList();
        week.GetProperty("id").GetString().Should().Be(WeekOneRelease.WeekId);
        week.GetProperty("number").GetInt32().Should().Be(1);
        week.GetProperty("hidden_checks").GetInt32().Should().Be(hidden.Count).And.Be(9);
        week.GetProperty("hidden_points").GetDouble().Should().Be(hidden.Sum(c => c.Points)).And.Be(15.5);
        week.GetProperty("visible_checks").GetInt32().Should().Be(12);
        week.GetProperty("graded_after_submission").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Should().Equal("TrainerChecks.TrainShort");
        foreach (var h in hidden)
        {
            text.Should().NotContain(h.MethodName);
        }
    }

    [Fact]
    public void ReleaseHoldsNoStaffOnlyFile()
    {
        var files = AllFiles();
        files.Should().NotContain(f => f.StartsWith("solutions/", StringComparison.Ordinal) || f.StartsWith("tests/", StringComparison.Ordinal)
            || f.StartsWith("grader/samples/", StringComparison.Ordinal) || f.EndsWith("mutants.json", StringComparison.Ordinal)
            || f.EndsWith("sample.json", StringComparison.Ordinal) || f.EndsWith(".py", StringComparison.Ordinal) || f.Contains("/bin/", StringComparison.Ordinal));
        File.ReadAllText(Path.Combine(Root, "README.md")).Should().NotBe(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md")))
            .And.Contain("check --week task-driven-rnn").And.Contain("graded after you submit");
        var top = Directory.EnumerateFileSystemEntries(Root).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        top.Should().Equal(".gitignore", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "NeuroExercises.sln", "README.md",
            "exercises", "global.json", "grader", "release.json", "setup.sh", "src", "tools");
        File.ReadAllText(Path.Combine(Root, "Directory.Packages.props")).Should().NotContain("xunit").And.Contain("TorchSharp");
    }

    /// <summary>Inputs: those the shipped checks name (the H = 150 archives only hidden checks read stay behind).</summary>
    [Fact]
    public void InputsAreThoseTheShippedChecksName()
    {
        Directory.EnumerateFiles(Path.Combine(Root, WeekOneRelease.Week.GraderFolder, "inputs")).Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .Should().Equal("condsForSim_synthetic.mat", "m1_reaching_synthetic.mat", "perturb_inputs.npz", "rnn_small_chaotic.npz");
    }

    private static string Squash(string line) => WhiteSpace().Replace(line, "");

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"public static IReadOnlyDictionary<string, Tensor> (?<name>\w+)\(CheckContext ctx\)")]
    private static partial Regex CheckMethod();
}
