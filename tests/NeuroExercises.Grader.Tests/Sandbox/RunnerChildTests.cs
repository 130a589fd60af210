using System.Globalization;
using System.Text.Json;
using FluentAssertions;
using NeuroExercises.Grader.Checks;
using NeuroExercises.Grader.Compile;
using NeuroExercises.Grader.Discovery;
using NeuroExercises.Grader.Grading;
using NeuroExercises.Grader.Runner;
using NeuroExercises.Grader.Sandbox;

namespace NeuroExercises.Grader.Tests.Sandbox;

/// <summary>The real runner child (run-check on week 1's solutions, TorchSharp) under the full containment of <see cref="ChildLauncher.Spec"/>.</summary>
public sealed class RunnerChildTests : IDisposable
{
    private static readonly WeekInfo Week = WeekCatalog.Find("task-driven-rnn")!;
    private readonly string work = Directory.CreateTempSubdirectory("neuro-runner-child-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    private (RunnerOptions Options, IReadOnlyList<CheckSpec> Checks) Prepare()
    {
        var compiled = SubmissionCompiler.Compile(
            Path.Combine(TestPaths.RepoRoot, Week.SolutionFolder), Week.AssemblyName, Path.Combine(work, "compiled"),
            SubmissionCompiler.DefaultReferences(AppContext.BaseDirectory), TimeSpan.FromSeconds(120));
        compiled.Errors.Should().BeEmpty();
        var checksPath = typeof(CheckAttribute).Assembly.Location;
        var options = new RunnerOptions(
            AppContext.BaseDirectory, checksPath, Week.AssemblyName, compiled.AssemblyPath!,
            GradePipeline.DefaultInputsDirectory(AppContext.BaseDirectory, Week.InputsFolder), "cpu", SandboxMode.Bwrap, Path.Combine(work, "run"));
        return (options, GradePipeline.DiscoverChecks(checksPath, Week.Id));
    }

    private async Task<(ChildStatus? Status, SandboxExit Exit, IsolationReport Isolation, string Output)> RunAsync(
        SandboxSession session, RunnerOptions options, CheckSpec check, int slot, SandboxLimits? limits = null)
    {
        var scratch = Path.Combine(options.ScratchRoot, check.Id.Replace('/', '_') + "." + slot.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(scratch);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(scratch, (UnixFileMode)0b111_111_111);
        }

        var request = new ChildRequest(
            check.Id, options.ChecksPath, check.ClassName, check.MethodName, options.SubmissionAssemblyName,
            options.SubmissionPath, options.InputsDirectory, options.Device, scratch);
        using var child = SandboxedProcess.Start(ChildLauncher.Spec(options, request, slot, limits), session);
        child.Process.StandardInput.Close();
        var stdout = child.Process.StandardOutput.ReadToEndAsync();
        var stderr = child.Process.StandardError.ReadToEndAsync();
        var exit = await child.WaitAsync(TimeSpan.FromSeconds(180));
        await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(2000));
        var statusPath = Path.Combine(scratch, ChildStatus.FileName);
        var status = File.Exists(statusPath) ? JsonSerializer.Deserialize<ChildStatus>(File.ReadAllText(statusPath)) : null;
        return (status, exit, child.Isolation, $"exit {exit.ExitCode} oom {exit.OomKilled}\n{(stdout.IsCompleted ? stdout.Result : "")}\n{(stderr.IsCompleted ? stderr.Result : "")}");
    }

    [Fact]
    public async Task ATorchSharpCheckRunsInTheFullSandboxAndATightCapKillsIt()
    {
        var (options, checks) = Prepare();
        using var session = SandboxSession.Create(sandboxed: true);
        var train = checks.Single(c => c.Id.EndsWith("TrainingChecks.TrainShort", StringComparison.Ordinal));
        var (status, exit, isolation, output) = await RunAsync(session, options, train, 7);
        status.Should().NotBeNull(output);
        status!.Ok.Should().BeTrue($"{status.ExceptionType}: {status.Message}\n{output}");
        isolation.ToString().Should().Be($"bwrap+{session.Cgroups.Name}(mem 1.5G, pids 256)+seccomp+uid 61007+scratch bind");
        exit.Usage!.PeakMemoryBytes.Should().BeLessThan(SandboxLimits.DefaultMemoryBytes / 2, "the default cap keeps a wide margin over a TorchSharp check");
        MeasurementTests.Say(string.Create(CultureInfo.InvariantCulture, $"{train.Id}: peak {exit.Usage.PeakMemoryBytes / 1e6:0} MB, {exit.Elapsed.TotalMilliseconds:0} ms"));

        var (tight, tightExit, _, tightOutput) = await RunAsync(session, options, train, 8, new SandboxLimits { MemoryBytes = 64L << 20, GcHeapHardLimitBytes = 32L << 20 });
        tight.Should().BeNull(tightOutput);
        tightExit.OomKilled.Should().BeTrue(tightOutput);
    }

    [Fact(Explicit = true)]
    public async Task MeasureEveryCheckOfTheWeek()
    {
        var (options, checks) = Prepare();
        using var session = SandboxSession.Create(sandboxed: true);
        foreach (var check in checks)
        {
            var (status, exit, _, output) = await RunAsync(session, options, check, 9);
            MeasurementTests.Say(string.Create(
                CultureInfo.InvariantCulture, $"{check.Id}: ok {status?.Ok}, peak {exit.Usage?.PeakMemoryBytes / 1e6:0} MB, {exit.Elapsed.TotalMilliseconds:0} ms"));
            status.Should().NotBeNull(output);
        }
    }
}
