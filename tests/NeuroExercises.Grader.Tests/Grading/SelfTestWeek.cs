using NeuroExercises.Grader.Checks;
using NeuroExercises.Grader.Compile;
using NeuroExercises.Grader.Grading;
using NeuroExercises.Grader.Runner;

namespace NeuroExercises.Grader.Tests.Grading;

/// <summary>
/// A tiny week made only for the grader's tests (Hostile/SelfTestApi, Hostile/SelfTestChecks), compiled at test time with
/// the grader's own compiler; its snapshots are made from Hostile/Submissions/good by 'snapshot update'.
/// </summary>
public sealed class SelfTestWeek : IAsyncLifetime
{
    /// <summary>Fixed so a hostile submission knows where to look (it must not get there from the sandbox).</summary>
    public const string SnapshotsRoot = "/tmp/neuro-grader-selftest-snapshots";

    public static readonly WeekInfo Week = new("grader-selftest", 0, "Grader self-test", "", "", "NeuroExercises.SelfTest", "SelfTest");

    private readonly string work = Directory.CreateTempSubdirectory("neuro-grader-selftest-").FullName;

    public string ChecksPath { get; private set; } = "";

    public IReadOnlyList<string> UpdateProblems { get; private set; } = [];

    internal GradeRequest Request(string submission, string? received = null) =>
        new(Path.Combine(TestPaths.Hostile, "Submissions", submission), Week, "cpu", SandboxMode.Auto, SnapshotsRoot, received)
        {
            ChecksPath = ChecksPath,
            InputsDirectory = work,
        };

    public async ValueTask InitializeAsync()
    {
        // CreateTempSubdirectory makes 0700 folders; the sandboxed child (uid 65534) reads the checks and inputs here.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(work, (UnixFileMode)0b111_101_101);
        }
        var refs = SubmissionCompiler.DefaultReferences(AppContext.BaseDirectory);
        var api = SubmissionCompiler.Compile(Path.Combine(TestPaths.Hostile, "SelfTestApi"), Week.AssemblyName, Path.Combine(work, "api"), refs, TimeSpan.FromSeconds(60));
        if (!api.Succeeded)
        {
            throw new InvalidOperationException("self-test API: " + string.Join("\n", api.Errors));
        }

        var checks = SubmissionCompiler.Compile(
            Path.Combine(TestPaths.Hostile, "SelfTestChecks"), "NeuroExercises.SelfTest.Checks", Path.Combine(work, "checks"),
            [.. refs, api.AssemblyPath!, typeof(CheckAttribute).Assembly.Location], TimeSpan.FromSeconds(60));
        if (!checks.Succeeded)
        {
            throw new InvalidOperationException("self-test checks: " + string.Join("\n", checks.Errors));
        }

        ChecksPath = checks.AssemblyPath!;
        if (Directory.Exists(SnapshotsRoot))
        {
            Directory.Delete(SnapshotsRoot, recursive: true);
        }

        UpdateProblems = await SnapshotMaintenance.UpdateAsync(Request("good"));
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(work, recursive: true);
        return ValueTask.CompletedTask;
    }
}
