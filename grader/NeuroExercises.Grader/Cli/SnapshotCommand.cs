using System.CommandLine;
using NeuroExercises.Grader.Grading;
using NeuroExercises.Grader.Judge;

namespace NeuroExercises.Grader.Cli;

/// <summary><c>snapshot update|verify --week W</c>: regenerate or check the week's snapshots from its solutions.</summary>
internal static class SnapshotCommand
{
    private static readonly Option<string> WeekOption = new("--week") { Description = "The week id.", Required = true };
    private static readonly Option<string> Device = SharedOptions.Choice("--device", "Where checks run.", "cpu", SharedOptions.Devices);
    private static readonly Option<string> Sandbox = SharedOptions.Choice("--sandbox", "Isolation of the check runner.", "auto", SharedOptions.Sandboxes);
    private static readonly Option<string?> Snapshots = new("--snapshots") { Description = "The Snapshots folder (default: found in the source tree)." };

    /// <summary>The command with its two subcommands.</summary>
    public static Command Create()
    {
        var update = new Command("update", "Compile the week's solutions like a submission, run every check, write Snapshots/<week>/*.expected.npz and remove unused snapshots.")
        {
            WeekOption, Device, Sandbox, Snapshots,
        };
        update.SetAction((parse, ct) => RunAsync(parse, verify: false, ct));
        var verify = new Command("verify", "Fail on a stale snapshot, a snapshot no check uses, or a check without one.")
        {
            WeekOption, Device, Sandbox, Snapshots,
        };
        verify.SetAction((parse, ct) => RunAsync(parse, verify: true, ct));
        return new Command("snapshot", "Maintain the judge's expected values.") { update, verify };
    }

    private static async Task<int> RunAsync(ParseResult parse, bool verify, CancellationToken cancellationToken)
    {
        var week = SharedOptions.Week(parse.GetValue(WeekOption)!);
        var repo = RepoLocator.FindRoot(AppContext.BaseDirectory) ?? RepoLocator.FindRoot(Environment.CurrentDirectory)
            ?? throw new InvalidOperationException("snapshot: the repository root (NeuroExercises.sln) was not found above the grader or the working folder; run from the repository.");
        var request = new GradeRequest(
            Path.Combine(repo, week.SolutionFolder), week, parse.GetValue(Device)!, SharedOptions.Sandbox(parse.GetValue(Sandbox)!),
            SharedOptions.SnapshotsRoot(parse.GetValue(Snapshots)), null);
        var problems = verify
            ? await SnapshotMaintenance.VerifyAsync(request, cancellationToken).ConfigureAwait(false)
            : await SnapshotMaintenance.UpdateAsync(request, cancellationToken).ConfigureAwait(false);
        foreach (var p in problems)
        {
            await Console.Error.WriteLineAsync(p).ConfigureAwait(false);
        }

        Console.Out.WriteLine(problems.Count == 0
            ? $"snapshot {(verify ? "verify" : "update")} --week {week.Id}: ok"
            : $"snapshot {(verify ? "verify" : "update")} --week {week.Id}: {problems.Count} problem(s)");
        return problems.Count == 0 ? ExitCodes.Ok : ExitCodes.SnapshotProblems;
    }
}
