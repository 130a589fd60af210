using FluentAssertions;
using NeuroExercises.Grader.Checks;
using NeuroExercises.Grader.Compile;
using NeuroExercises.Grader.Grading;
using NeuroExercises.Grader.Records;
using NeuroExercises.Grader.Runner;
using NeuroExercises.Grader.Sandbox;

namespace NeuroExercises.Grader.Tests.Sandbox;

/// <summary>The real runner child (serve, week 1's solutions, TorchSharp) under the full containment of <see cref="ChildLauncher.Spec"/>.</summary>
public sealed class RunnerChildTests : IDisposable
{
    private static readonly WeekInfo Week = WeekCatalog.Find("task-driven-rnn")!;
    private readonly string work = Directory.CreateTempSubdirectory("neuro-runner-child-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    private RunnerOptions Options()
    {
        var compiled = SubmissionCompiler.Compile(
            Path.Combine(TestPaths.RepoRoot, Week.SolutionFolder), Week.AssemblyName, Path.Combine(work, "compiled"),
            SubmissionCompiler.DefaultReferences(AppContext.BaseDirectory), TimeSpan.FromSeconds(120));
        compiled.Errors.Should().BeEmpty();
        return new RunnerOptions(
            AppContext.BaseDirectory, Week.ChecksPath, Week.AssemblyName, compiled.AssemblyPath!,
            GradePipeline.DefaultInputsDirectory(AppContext.BaseDirectory, Week.InputsFolder), "cpu", SandboxMode.Bwrap, Path.Combine(work, "run"))
        {
            Parallelism = 1,
        };
    }

    [Fact]
    public async Task ATorchSharpCheckRunsInTheFullSandboxAndATightCapKillsIt()
    {
        var options = Options();
        var train = GradePipeline.DiscoverChecks(Week.ChecksPath, Week.Id).Single(c => c.Id.EndsWith("TrainerChecks.TrainShort", StringComparison.Ordinal));
        var runner = new CheckRunner(options);
        var run = (await runner.RunAllAsync([train], TestContext.Current.CancellationToken)).Single();
        run.Status.Should().Be(RunStatus.Completed, run.Detail + run.OutputTail);
        runner.Isolation.Should().Be($"bwrap+{CgroupHost.Current.Name}(mem 1.5G, pids 256)+seccomp+uid 61000+scratch tmpfs 256M");

        var tight = new CheckRunner(options with { MemoryCapBytes = 64L << 20, GcHeapHardLimitBytes = 32L << 20, ScratchRoot = Path.Combine(work, "tight") });
        var killed = (await tight.RunAllAsync([train], TestContext.Current.CancellationToken)).Single();
        killed.Status.Should().NotBe(RunStatus.Completed);
        killed.Detail.Should().Contain("memory cap", killed.OutputTail);
    }
}
