using System.CommandLine;
using NeuroExercises.Grader.Runner;

namespace NeuroExercises.Grader.Cli;

/// <summary>Hidden <c>serve</c> command: the runner child (one per submission slot); see <see cref="ChildServer"/>.</summary>
internal static class ServeCommand
{
    private static readonly Option<string> Checks = Required("--checks");
    private static readonly Option<string> AssemblyName = Required("--assembly-name");
    private static readonly Option<string> Submission = Required("--submission");
    private static readonly Option<string> Inputs = Required("--inputs");
    private static readonly Option<string> Device = Required("--device");
    private static readonly Option<bool> Reusable = new("--reusable") { Description = "Accept load requests (a runner pool's child; trusted sources only)." };

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var command = new Command("serve", "Internal: the runner child; loads a submission and runs the checks sent on stdin.")
        {
            Checks, AssemblyName, Submission, Inputs, Device, Reusable,
        };
        command.Hidden = true;
        command.SetAction(parse => ChildServer.Run(new ServeOptions(
            parse.GetValue(Checks)!, parse.GetValue(AssemblyName)!, parse.GetValue(Submission)!, parse.GetValue(Inputs)!, parse.GetValue(Device)!, parse.GetValue(Reusable))));
        return command;
    }

    private static Option<string> Required(string name) => new(name) { Required = true };
}
