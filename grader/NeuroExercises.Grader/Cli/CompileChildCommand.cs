using System.CommandLine;
using NeuroExercises.Grader.Compile;

namespace NeuroExercises.Grader.Cli;

/// <summary>Hidden <c>compile-child --work DIR</c>: the compiler child's entry point (request.json in, result.json and the DLL out).</summary>
internal static class CompileChildCommand
{
    private static readonly Option<string> Work = new("--work") { Required = true };

    private static readonly Option<bool> Serve = new("--serve") { Description = "Stay up: compile the job folder named on each stdin line, answer 'done' (a batch worker's compile server)." };

    /// <summary>The command.</summary>
    public static Command Create()
    {
        var command = new Command("compile-child", "Internal: compile a submission's sources in this (child) process.") { Work, Serve };
        command.Hidden = true;
        command.SetAction(parse => parse.GetValue(Serve) ? CompileChild.Serve(parse.GetValue(Work)!) : CompileChild.Run(parse.GetValue(Work)!));
        return command;
    }
}
