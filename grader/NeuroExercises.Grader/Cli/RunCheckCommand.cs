using System.CommandLine;
using NeuroExercises.Grader.Runner;

namespace NeuroExercises.Grader.Cli;

/// <summary>Hidden <c>run-check</c>: the runner child's entry point (one check, results to the scratch folder).</summary>
internal static class RunCheckCommand
{
    private static readonly Option<string> Check = Required("--check");
    private static readonly Option<string> Checks = Required("--checks");
    private static readonly Option<string> Class = Required("--class");
    private static readonly Option<string> Method = Required("--method");
    private static readonly Option<string> AssemblyName = Required("--assembly-name");
    private static readonly Option<string> Submission = Required("--submission");
    private static readonly Option<string> Inputs = Required("--inputs");
    private static readonly Option<string> Device = Required("--device");
    private static readonly Option<string> Scratch = Required("--scratch");

    /// <summary>The command.</summary>
    public static Command Create()
    {
        var command = new Command("run-check", "Internal: run one check in this (child) process.")
        {
            Check, Checks, Class, Method, AssemblyName, Submission, Inputs, Device, Scratch,
        };
        command.Hidden = true;
        command.SetAction(parse => ChildHost.Run(new ChildRequest(
            parse.GetValue(Check)!, parse.GetValue(Checks)!, parse.GetValue(Class)!, parse.GetValue(Method)!,
            parse.GetValue(AssemblyName)!, parse.GetValue(Submission)!, parse.GetValue(Inputs)!, parse.GetValue(Device)!,
            parse.GetValue(Scratch)!)));
        return command;
    }

    private static Option<string> Required(string name) => new(name) { Required = true };
}
