using FluentAssertions;
using NeuroExercises.Grader.Batch;
using NeuroExercises.Grader.Tests.Grading;

namespace NeuroExercises.Grader.Tests.Batch;

/// <summary>
/// grade-batch end to end on the self-test week: the gradebook's values, a batch killed with SIGKILL and resumed equals an
/// uninterrupted one, three shards run as separate processes and merged equal the unsharded batch, and bad input exits 7
/// naming the fix.
/// </summary>
[Collection("grading")]
public sealed class BatchGradingTests(SelfTestWeek week) : IClassFixture<SelfTestWeek>, IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("neuro-batch-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? reference;

    /// <summary>The uninterrupted, unsharded gradebook (in process, 2 workers), made once.</summary>
    private async Task<string> ReferenceAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (reference is null)
            {
                var dir = Path.Combine(Path.GetTempPath(), $"neuro-batch-reference-{Environment.ProcessId}");
                if (Directory.Exists(dir))
                {
                    Directory.Delete(dir, recursive: true);
                }

                var folder = BatchClass.Make(Path.Combine(dir, "class"));
                var summary = await BatchRunner.RunAsync(BatchClass.Options(week, folder, Path.Combine(dir, "out")), new PlainBatchProgress(TextWriter.Null), TestContext.Current.CancellationToken);
                summary.Reused.Should().Be(1, "only the symbolic link, refused again at no cost");
                reference = File.ReadAllText(summary.GradebookPath);
                Directory.Delete(dir, recursive: true);
            }

            return reference;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static Dictionary<string, string[]> Rows(string csv) =>
        csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToDictionary(c => c[0]);

    [Fact]
    public async Task TheGradebookHoldsEachSubmissionsPointsStatusAndReason()
    {
        var csv = await ReferenceAsync();
        var header = csv.Split("\r\n")[0].Split(',');
        header.Should().StartWith(["id"]).And.EndWith(["total", "max", "status", "reason", "grader_version", "manifest_sha256"]);
        var checks = header.Length - 7;
        checks.Should().Be(3);
        var rows = Rows(csv);
        rows.Keys.Should().Equal("broken", "good", "linked", "slip", "wrong", "zipped");
        var max = rows["good"][checks + 2];
        rows["good"][checks + 1].Should().Be(max);
        rows["good"][checks + 3].Should().Be("graded");
        rows["zipped"].Skip(1).Should().Equal(rows["good"].Skip(1), "the zip holds the same Calc.cs");
        double.Parse(rows["wrong"][checks + 1], System.Globalization.CultureInfo.InvariantCulture).Should().BeLessThan(double.Parse(max, System.Globalization.CultureInfo.InvariantCulture)).And.BeGreaterThanOrEqualTo(0);
        rows["wrong"][checks + 3].Should().Be("graded");
        rows["broken"][checks + 1].Should().Be("0");
        rows["broken"][checks + 3].Should().Be("compile-error");
        rows["broken"][checks + 4].Should().StartWith("does not compile: ");
        rows["slip"][checks + 3].Should().Be("refused");
        rows["slip"][checks + 4].Should().Contain("entry '../../escape.cs' climbs out of the archive");
        rows["linked"][checks + 3].Should().Be("refused");
        rows["linked"][checks + 4].Should().Contain("is a symbolic link");
        rows.Values.Select(r => r[^1]).Distinct().Should().ContainSingle().Which.Should().HaveLength(64);
        File.Exists(Path.Combine(TestPaths.Hostile, "escape.cs")).Should().BeFalse();
    }

    [Fact]
    public async Task ABatchKilledMidRunResumesToTheSameGradebook()
    {
        var expected = await ReferenceAsync();
        var folder = BatchClass.Make(Path.Combine(work, "class"));
        var outDir = Path.Combine(work, "out");
        string[] args = ["grade-batch", folder, "--out", outDir, "--workers", "1", .. BatchClass.WeekArgs(week)];
        using (var p = GraderProcess.Start(args))
        {
            var records = Path.Combine(outDir, BatchRunner.SubmissionsFolder);
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
            while (!p.HasExited && DateTime.UtcNow < deadline
                && !(Directory.Exists(records) && Directory.EnumerateFiles(records, BatchRecord.FileName, SearchOption.AllDirectories).Count() >= 3))
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }

            p.HasExited.Should().BeFalse("the batch must be killed mid-run, not after it ended");
            p.Kill(entireProcessTree: true); // SIGKILL: no cleanup, no finally
            await p.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        File.Exists(Path.Combine(outDir, Gradebook.FileName)).Should().BeFalse("the killed run never got to the gradebook");
        var done = Directory.EnumerateFiles(Path.Combine(outDir, BatchRunner.SubmissionsFolder), BatchRecord.FileName, SearchOption.AllDirectories).Count();
        done.Should().BeInRange(3, 5);

        var (exit, stdout, stderr) = await GraderProcess.RunAsync(args);
        exit.Should().Be(0, stderr);
        stdout.Should().Contain($"({done} reused)").And.Contain($"{6 - done} graded in this run"); // the link counts as reused: refused again at no cost
        File.ReadAllText(Path.Combine(outDir, Gradebook.FileName)).Should().Be(expected);

        var again = await GraderProcess.RunAsync(args);
        again.Exit.Should().Be(0, again.Err);
        again.Out.Should().Contain("0 graded in this run");
        File.ReadAllText(Path.Combine(outDir, Gradebook.FileName)).Should().Be(expected);
        File.Exists(Path.Combine(outDir, "submissions", "good", "results.json")).Should().BeTrue();
        File.Exists(Path.Combine(outDir, "submissions", "good", "junit.xml")).Should().BeTrue();
        File.Exists(Path.Combine(outDir, "submissions", "wrong", "feedback.html")).Should().BeTrue();
        Directory.EnumerateFiles(outDir, "*.tmp", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public async Task ThreeShardsRunAsProcessesMergeToTheUnshardedGradebook()
    {
        var expected = await ReferenceAsync();
        var folder = BatchClass.Make(Path.Combine(work, "class"));
        var shards = Enumerable.Range(1, 3).Select(k => Path.Combine(work, $"shard{k}")).ToList();
        var runs = await Task.WhenAll(Enumerable.Range(1, 3).Select(k => GraderProcess.RunAsync(
            ["grade-batch", folder, "--out", shards[k - 1], "--shard", $"{k}/3", "--workers", "1", "--slots-per-grade", "1", "--slot-base", $"{2 * (k - 1)}", .. BatchClass.WeekArgs(week)])));
        runs.Should().OnlyContain(r => r.Exit == 0);
        var ids = shards.SelectMany(s => BatchManifest.Read(s).Submissions).ToList();
        ids.Should().HaveCount(6).And.OnlyHaveUniqueItems();

        var missing = await GraderProcess.RunAsync(["merge", shards[0], shards[2], "--out", Path.Combine(work, "bad")]);
        missing.Exit.Should().Be(7);
        missing.Err.Should().Contain("shard 2/3 missing");

        var merged = Path.Combine(work, "merged");
        var (exit, _, err) = await GraderProcess.RunAsync(["merge", .. shards, "--out", merged]);
        exit.Should().Be(0, err);
        File.ReadAllText(Path.Combine(merged, Gradebook.FileName)).Should().Be(expected);
    }

    [Fact]
    public async Task BadInputExitsSevenNamingTheThingAndTheFix()
    {
        var empty = Path.Combine(work, "empty");
        Directory.CreateDirectory(empty);
        var unknown = await GraderProcess.RunAsync(["grade-batch", empty, "--week", "no-such-week", "--out", Path.Combine(work, "o1")]);
        unknown.Exit.Should().Be(7);
        unknown.Err.Should().Contain("--week: 'no-such-week' is not a week; use one of task-driven-rnn");

        var none = await GraderProcess.RunAsync(["grade-batch", empty, "--out", Path.Combine(work, "o2"), .. BatchClass.WeekArgs(week)]);
        none.Exit.Should().Be(7);
        none.Err.Should().Contain($"'{empty}' holds no submission; put one subfolder or .zip per student in it.");
        Directory.Exists(Path.Combine(work, "o2")).Should().BeFalse();

        var dup = Path.Combine(work, "dup");
        Directory.CreateDirectory(Path.Combine(dup, "a"));
        File.WriteAllText(Path.Combine(dup, "a.zip"), "");
        var dupRun = await GraderProcess.RunAsync(["grade-batch", dup, "--out", Path.Combine(work, "o3"), .. BatchClass.WeekArgs(week)]);
        dupRun.Exit.Should().Be(7);
        dupRun.Err.Should().Contain("'a' and 'a.zip'").And.Contain("keep one of them");

        var shard = await GraderProcess.RunAsync(["grade-batch", dup, "--out", Path.Combine(work, "o4"), "--shard", "4/3", .. BatchClass.WeekArgs(week)]);
        shard.Exit.Should().Be(7);
        shard.Err.Should().Contain("--shard: '4/3' is not K/N");
    }

    [Fact]
    public async Task AReadOnlyOutputFolderExitsSevenAndKeepsWhatIsThere()
    {
        var folder = Path.Combine(work, "class");
        Directory.CreateDirectory(Path.Combine(folder, "a"));
        var ro = Path.Combine(work, "ro");
        Directory.CreateDirectory(ro);
        File.WriteAllText(Path.Combine(ro, "gradebook.csv"), "earlier");
        var mounted = false;
        if (Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root")
        {
            // root writes through permission bits: make the folder a read-only file system instead (a bind mount of itself).
            var bind = System.Diagnostics.Process.Start("mount", ["--bind", "-o", "ro", ro, ro])!;
            await bind.WaitForExitAsync(TestContext.Current.CancellationToken);
            if (bind.ExitCode == 0)
            {
                var remount = System.Diagnostics.Process.Start("mount", ["-o", "remount,ro,bind", ro])!;
                await remount.WaitForExitAsync(TestContext.Current.CancellationToken);
                mounted = true;
            }
            else
            {
                Assert.Skip("root without mount: a read-only folder cannot be made here");
            }
        }
        else if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(ro, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        try
        {
            var run = await GraderProcess.RunAsync(["grade-batch", folder, "--out", ro, .. BatchClass.WeekArgs(week)]);
            run.Exit.Should().Be(7);
            run.Err.Should().Contain($"cannot write to the output folder '{ro}'").And.Contain("pass a writable --out folder");
            File.ReadAllText(Path.Combine(ro, "gradebook.csv")).Should().Be("earlier");
        }
        finally
        {
            if (mounted)
            {
                System.Diagnostics.Process.Start("umount", [ro])!.WaitForExit();
            }
            else if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(ro, (UnixFileMode)0b111_101_101);
            }
        }
    }
}
