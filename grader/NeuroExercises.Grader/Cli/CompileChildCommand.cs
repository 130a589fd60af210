using System.CommandLine;
using NeuroExercises.Grader.Compile;

namespace NeuroExercises.Grader.Cli;

/// <summary>Hidden <c>compile-child --work DIR</c>: the compiler child's entry point (request.json in, result.json and the DLL out).</summary>
internal static class CompileChildCommand
{
    private static readonly Option<string> Work = new("--work") { Required = true };

    /// <summary>The command.</summary>
    public static Command Create()
    {
        var command = new Command("compile-child", "Internal: compile a submission's sources in this (child) process.") { Work };
        command.Hidden = true;
        command.SetAction(parse => CompileChild.Run(parse.GetValue(Work)!));
        return command;
    }
}
