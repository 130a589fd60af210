using System.Text.RegularExpressions;
using FluentAssertions;
using NeuroExercises.Grader.Checks;
using NeuroExercises.Grader.Discovery;
using NeuroExercises.Grader.Grading;
using NeuroExercises.Grader.Judge;
using NeuroExercises.Grader.Runner;

namespace NeuroExercises.Grader.Tests.Weeks;

/// <summary>
/// The guarantees every week gives, written once and run over every registered week (weeks register themselves by
/// [assembly: Week] in grader/weeks/WeekNN.Name): a week that lacks one of its pieces fails here, whoever adds it.
/// </summary>
[Collection("grading")]
public sealed partial class EveryWeekTests
{
    public static TheoryData<string> Weeks()
    {
        var data = new TheoryData<string>();
        foreach (var week in WeekCatalog.All)
        {
            data.Add(week.Id);
        }

        return data;
    }

    [Fact]
    public void WeeksAreRegisteredInCalendarOrder()
    {
        WeekCatalog.All.Should().NotBeEmpty();
        WeekCatalog.All.Select(w => w.Number).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        WeekCatalog.All[0].Id.Should().Be("task-driven-rnn");
    }

    /// <summary>Every week folder on disk (solutions, exercises, grader/weeks) belongs to a registered week, and no registered week lacks one.</summary>
    [Fact]
    public void EveryWeekFolderOnDiskIsRegisteredAndComplete()
    {
        var registered = WeekCatalog.All.ToDictionary(w => w.Folder);
        foreach (var (parent, prefix) in new[] { ("solutions", "NeuroExercises."), ("exercises", "NeuroExercises."), (Path.Combine("grader", "weeks"), "") })
        {
            foreach (var dir in Directory.EnumerateDirectories(Path.Combine(TestPaths.RepoRoot, parent), prefix + "Week*"))
            {
                var folder = Path.GetFileName(dir)[prefix.Length..];
                registered.Should().ContainKey(folder, $"{dir} is a week folder, but no checks project registers week '{folder}' with [assembly: Week(id, number, title)]");
            }
        }

        foreach (var week in WeekCatalog.All)
        {
            foreach (var path in new[] { week.SolutionFolder, week.ExerciseFolder, week.GraderFolder, $"{week.GraderFolder}/snapshots", $"{week.GraderFolder}/inputs" })
            {
                Directory.Exists(Path.Combine(TestPaths.RepoRoot, path)).Should().BeTrue($"week {week.Id} needs {path} (see docs/adding-a-week.md)");
            }

            Directory.Exists(GradePipeline.DefaultInputsDirectory(AppContext.BaseDirectory, week.InputsFolder)).Should().BeTrue($"week {week.Id}'s inputs must be copied beside the grader (checks-inputs/{week.InputsFolder})");
        }
    }

    [Theory]
    [MemberData(nameof(Weeks))]
    public void EveryCheckHasASnapshotAndEverySnapshotACheck(string id)
    {
        var week = WeekCatalog.Find(id)!;
        var checks = CheckDiscovery.Discover(week);
        checks.Should().NotBeEmpty();
        checks.Select(c => c.Id).Should().OnlyContain(c => c.StartsWith(id + "/", StringComparison.Ordinal));
        SnapshotStore.For(TestPaths.Snapshots, week).Existing().Should().Equal(checks.Select(c => c.ShortName).Order(StringComparer.Ordinal));
    }

    /// <summary>Every check id a stub's doc names (<c>week/Class.Method</c>) is a check of the week: docs never point at a check that does not exist.</summary>
    [Theory]
    [MemberData(nameof(Weeks))]
    public void EveryCheckNamedInTheDocsExists(string id)
    {
        var week = WeekCatalog.Find(id)!;
        var checks = CheckDiscovery.Discover(week).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var named = Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, week.ExerciseFolder), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => CheckReference().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Id: m.Value)))
            .Where(r => r.Id.StartsWith(id + "/", StringComparison.Ordinal))
            .ToList();
        named.Should().NotBeEmpty($"the stubs of {id} should name the checks that grade them");
        named.Where(r => !checks.Contains(r.Id)).Select(r => $"{r.File}: {r.Id}").Should().BeEmpty();
    }

    /// <summary>
    /// Every array a stub's doc says a check grades ("Graded by <c>week/Class.Method</c> (<c>array</c>, …)") is an output
    /// of one of the checks named in that sentence, so a doc never promises grading that does not happen. Brace lists
    /// expand (<c>grad_{w,b}</c>), a one-word brace is a placeholder (<c>nonlin_{act}_losses</c>), <c>*</c> matches any
    /// suffix, and an output may carry a golden's prefix (<c>bp_loss_before</c> for <c>loss_before</c>).
    /// </summary>
    [Fact]
    public void EveryArrayNamedInTheDocsIsAnOutputOfItsCheck()
    {
        var claims = 0;
        var unmatched = new List<string>();
        foreach (var week in WeekCatalog.All)
        {
            claims += ArrayClaims(week, unmatched);
        }

        claims.Should().BeGreaterThan(80, "weeks 2–4 name the arrays their checks grade in <c>…</c> (87 on 2026-12-05)");
        unmatched.Should().BeEmpty("a doc names an array as graded by a check that does not return it; fix the doc or the check");
    }

    /// <summary>Counts the arrays the week's stubs name after "Graded by" and adds those no named check returns.</summary>
    private static int ArrayClaims(WeekInfo week, List<string> unmatched)
    {
        var id = week.Id;
        var outputs = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string[] OutputsOf(string check)
        {
            if (!outputs.TryGetValue(check, out var names))
            {
                var path = Path.Combine(TestPaths.Snapshots, week.Folder, "snapshots", check[(id.Length + 1)..] + ".expected.npz");
                using var zip = System.IO.Compression.ZipFile.OpenRead(path);
                names = [.. zip.Entries.Select(e => e.FullName).Where(n => n.EndsWith(".npy", StringComparison.Ordinal)).Select(n => n[..^4])];
                outputs[check] = names;
            }

            return names;
        }

        var claims = 0;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, week.ExerciseFolder), "*.cs", SearchOption.AllDirectories))
        {
            foreach (var doc in DocComments(File.ReadAllLines(file)))
            {
                foreach (var sentence in doc.Split("Graded by", StringSplitOptions.RemoveEmptyEntries))
                {
                    var checks = CheckReference().Matches(sentence).Select(m => m.Value).Where(c => c.StartsWith(id + "/", StringComparison.Ordinal)).ToList();
                    if (checks.Count == 0)
                    {
                        continue;
                    }

                    foreach (var name in ArrayName().Matches(sentence).Select(m => m.Groups[1].Value).Where(n => n.Contains('_') && !n.StartsWith("torch.", StringComparison.Ordinal)))
                    {
                        claims++;
                        var pattern = new Regex("^(\\w+_)?" + ArrayPattern(name) + "$");
                        if (!checks.Any(c => OutputsOf(c).Any(pattern.IsMatch)))
                        {
                            unmatched.Add($"{Path.GetFileName(file)}: {name} is not an output of {string.Join(" or ", checks)}");
                        }
                    }
                }
            }
        }

        return claims;
    }

    /// <summary>The text of each /// block, lines joined by spaces.</summary>
    private static IEnumerable<string> DocComments(IEnumerable<string> lines)
    {
        var block = new List<string>();
        foreach (var line in lines.Select(l => l.Trim()))
        {
            if (line.StartsWith("///", StringComparison.Ordinal))
            {
                block.Add(line[3..].Trim());
                continue;
            }

            if (block.Count > 0)
            {
                yield return string.Join(' ', block);
                block.Clear();
            }
        }

        if (block.Count > 0)
        {
            yield return string.Join(' ', block);
        }
    }

    /// <summary>An array name from a doc as a regex: {a,b} alternatives, {word} a placeholder, * any suffix.</summary>
    private static string ArrayPattern(string name)
    {
        var pattern = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] == '{' && name.IndexOf('}', i) is var close and > 0)
            {
                var inner = name[(i + 1)..close];
                pattern.Append(inner.Contains(',') ? "(" + string.Join('|', inner.Split(',').Select(a => Regex.Escape(a.Trim()))) + ")" : "[A-Za-z0-9]+");
                i = close;
            }
            else
            {
                pattern.Append(name[i] == '*' ? ".*" : Regex.Escape(name[i].ToString()));
            }
        }

        return pattern.ToString();
    }

    /// <summary>
    /// Every week's student release can be built: the release pipeline ends with the leak scan, which refuses a release
    /// holding a solution body, a hidden check's name, body or snapshot; so a week whose sources leak fails here, not on
    /// the instructor's machine.
    /// </summary>
    [Theory]
    [MemberData(nameof(Weeks))]
    public void EveryWeeksStudentReleaseIsBuiltWithACleanLeakScan(string id)
    {
        var outDir = Path.Combine(Release.WeekOneRelease.TempFolder("neuro-release-" + id + "-"), "release");
        var context = Grader.Release.ReleasePipeline.Run(new Grader.Release.ReleaseRequest(TestPaths.RepoRoot, [id], outDir)); // its last step is the leak scan: a finding throws
        File.Exists(Path.Combine(context.Staging, "release.json")).Should().BeTrue();
        var week = WeekCatalog.Find(id)!;
        var shipped = Directory.EnumerateFiles(Path.Combine(context.Staging, week.GraderFolder), "*.cs", SearchOption.AllDirectories).ToList();
        shipped.Should().NotBeEmpty($"the release of {id} ships its visible checks");
        var trusted = shipped.SelectMany(f => Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(File.ReadAllText(f)).GetRoot()
                .DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>()
                .Where(m => m.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax { Identifier.ValueText: "Reference" })
                .Select(m => m.Identifier.ValueText))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        trusted.Should().BeEmpty(
            $"the checks' trusted Reference code must not ship with the visible checks of {id} (it solves graded methods): store the visible checks' arguments as inputs (inputs/arguments.npz, as every week does)");
    }

    /// <summary>
    /// Every check class is named after the type it grades, <c>TypeChecks</c> with <c>Type.cs</c> in the week's exercise
    /// project, so a student's failing check id names the file to open.
    /// </summary>
    [Theory]
    [MemberData(nameof(Weeks))]
    public void EveryCheckClassIsNamedAfterTheTypeItGrades(string id)
    {
        var week = WeekCatalog.Find(id)!;
        var classes = CheckDiscovery.Discover(week).Select(c => c.ShortName.Split('.')[0]).Distinct(StringComparer.Ordinal).ToList();
        classes.Should().NotBeEmpty();
        classes.Where(c => !c.EndsWith("Checks", StringComparison.Ordinal)
                || !File.Exists(Path.Combine(TestPaths.RepoRoot, week.ExerciseFolder, c[..^"Checks".Length] + ".cs")))
            .Should().BeEmpty($"each check class of {id} must be <Type>Checks, with <Type>.cs in {week.ExerciseFolder}");
    }

    [Theory]
    [MemberData(nameof(Weeks))]
    public async Task GradingTheSolutionsGivesFullMarks(string id)
    {
        var week = WeekCatalog.Find(id)!;
        var grade = await GradePipeline.GradeAsync(Request(week, week.SolutionFolder), TestContext.Current.CancellationToken);
        grade.Checks.Where(c => !c.Passed).Select(c => c.Id + ": " + c.Output).Should().BeEmpty();
        grade.Score.Should().Be(grade.MaxScore).And.BeGreaterThan(0);
    }

    [Theory]
    [MemberData(nameof(Weeks))]
    public async Task GradingTheExercisesGivesZero(string id)
    {
        var week = WeekCatalog.Find(id)!;
        var grade = await GradePipeline.GradeAsync(Request(week, week.ExerciseFolder), TestContext.Current.CancellationToken);
        grade.Message.Should().BeEmpty("the stubs compile");
        grade.Score.Should().Be(0);
        grade.Checks.Should().OnlyContain(c => c.Outcome == "threw" || c.Outcome == "mismatch" || c.Outcome == "derive-failed");
    }

    [Theory]
    [MemberData(nameof(Weeks))]
    public async Task SnapshotsAreCurrent(string id)
    {
        var week = WeekCatalog.Find(id)!;
        var problems = await SnapshotMaintenance.VerifyAsync(Request(week, week.SolutionFolder), TestContext.Current.CancellationToken);
        problems.Should().BeEmpty();
    }

    private static GradeRequest Request(WeekInfo week, string folder) =>
        new(Path.Combine(TestPaths.RepoRoot, folder), week, "cpu", SandboxMode.Auto, TestPaths.Snapshots, null);

    [GeneratedRegex(@"[a-z0-9]+(-[a-z0-9]+)*/[A-Z]\w*Checks\.\w+")]
    private static partial Regex CheckReference();

    [GeneratedRegex(@"<c>([a-z][A-Za-z0-9_.{},*]*)</c>")]
    private static partial Regex ArrayName();
}
