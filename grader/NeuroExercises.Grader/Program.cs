using System.CommandLine;
using NeuroExercises.Grader.Cli;

var root = new RootCommand("NeuroExercises grader: compile a submission, run its checks in a sandboxed child, compare with snapshots, report.")
{
    GradeCommand.Create(),
    WeeksCommand.Create(),
    SnapshotCommand.Create(),
    RunCheckCommand.Create(),
};
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
