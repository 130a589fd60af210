using System.CommandLine;
using NeuroExercises.Grader.Checks;
using NeuroExercises.Grader.Judge;
using NeuroExercises.Grader.Runner;

namespace NeuroExercises.Grader.Cli;

/// <summary>Options several commands share, and their parsing.</summary>
internal static class SharedOptions
{
    /// <summary>Accepted <c>--device</c> values.</summary>
    public static readonly string[] Devices = ["cpu", "cuda", "auto"];

    /// <summary>Accepted <c>--sandbox</c> values.</summary>
    public static readonly string[] Sandboxes = ["auto", "bwrap", "none"];

    /// <summary>The week by id, or an error naming the known ones.</summary>
    public static WeekInfo Week(string id) => WeekCatalog.Find(id)
        ?? throw new ArgumentException($"--week: '{id}' is not a week; use one of {string.Join(", ", WeekCatalog.All.Select(w => w.Id))} (see 'weeks').");

    /// <summary>Parses <c>--sandbox</c>.</summary>
    public static SandboxMode Sandbox(string value) => value switch
    {
        "bwrap" => SandboxMode.Bwrap,
        "none" => SandboxMode.None,
        _ => SandboxMode.Auto,
    };

    /// <summary>The Snapshots folder: <c>--snapshots</c>, else the source tree found by walking up from the grader and the working folder.</summary>
    public static string SnapshotsRoot(string? option) =>
        option is { Length: > 0 }
            ? Path.GetFullPath(option)
            : SnapshotStore.FindDefaultRoot(AppContext.BaseDirectory) ?? SnapshotStore.FindDefaultRoot(Environment.CurrentDirectory)
                ?? throw new InvalidOperationException("the snapshots folder was not found (no NeuroExercises.sln above the grader or the working folder); pass --snapshots DIR.");

    /// <summary>A string option limited to <paramref name="values"/>.</summary>
    public static Option<string> Choice(string name, string description, string defaultValue, string[] values)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.AcceptOnlyFromAmong(values);
        return option;
    }
}
