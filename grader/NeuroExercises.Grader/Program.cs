using System.CommandLine;
using NeuroExercises.Core.Devices;
using NeuroExercises.Grader.Cli;
using Spectre.Console;

// Before libtorch loads, in the grader and in its runner children alike (the same executable), so the trusted derive step
// and the children run the same MKL kernels: by CPU features, not vendor (see MklKernels).
MklKernels.UseCpuFeatures();

if (Console.IsOutputRedirected && AnsiConsole.Profile.Width < 140)
{
    AnsiConsole.Profile.Width = 140; // logs and CI: keep check ids and descriptions on one line
}

var root = new RootCommand("NeuroExercises grader: compile a submission, run its checks in a sandboxed child, compare with snapshots, report.")
{
    GradeCommand.Create(),
    WeeksCommand.Create(),
    SnapshotCommand.Create(),
    ServeCommand.Create(),
    CompileChildCommand.Create(),
    AuthorCommand.Create(),
    MutantsCommand.Create(),
    ReleaseCommand.Create(),
    CheckCommand.Create(),
    GradeBatchCommand.Create(),
    MergeCommand.Create(),
    GradescopePackageCommand.Create(),
};
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
