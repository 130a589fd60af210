using System.CommandLine;
using System.Globalization;
using NeuroExercises.Grader.Authoring;
using NeuroExercises.Grader.Grading;
using NeuroExercises.Grader.Runner;
using Spectre.Console;

namespace NeuroExercises.Grader.Cli;

/// <summary>
/// <c>mutants --week W [--only NAME…] [--device D] [--sandbox S] [--workers N]</c>: grade each mutant of grader/weeks/&lt;week&gt;/mutants.json
/// and print which checks catch it, and the checks that catch none.
/// </summary>
internal static class MutantsCommand
{
    private static readonly Option<string> WeekOption = new("--week") { Description = "The week id (see 'weeks').", Required = true };
    private static readonly Option<string[]> Only = new("--only") { Description = "Run only these mutants (the per-check coverage is then not judged).", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<string> Device = SharedOptions.Choice("--device", "Where checks run.", "cpu", SharedOptions.Devices);
    private static readonly Option<string> Sandbox = SharedOptions.Choice("--sandbox", "Isolation of the check runner.", "auto", SharedOptions.Sandboxes);
    private static readonly Option<string?> Snapshots = new("--snapshots") { Description = "The Snapshots folder (default: found in the source tree)." };
    private static readonly Option<int> Workers = new("--workers")
    {
        Description = "Mutants graded at the same time (each with its own sandbox slots).",
        DefaultValueFactory = _ => Math.Clamp(Environment.ProcessorCount, 1, 2),
    };

    /// <summary>The command.</summary>
    public static Command Create()
    {
        var command = new Command("mutants", "Grade wrong variants of the week's solutions (mutants.json) and show which checks catch each; fails on an uncaught mutant or a check that catches none without a stated reason.")
        {
            WeekOption, Only, Device, Sandbox, Snapshots, Workers,
        };
        command.SetAction((parse, ct) => RunAsync(parse, ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        MutantReport report;
        try
        {
            var layout = WeekLayout.Find(parse.GetValue(WeekOption)!, AuthorCommand.Repo());
            var set = MutantSet.Load(layout);
            var device = parse.GetValue(Device)!;
            var sandbox = SharedOptions.Sandbox(parse.GetValue(Sandbox)!);
            var snapshots = SharedOptions.SnapshotsRoot(parse.GetValue(Snapshots));
            using var runners = new RunnerPool();
            report = await MutantRun.RunAsync(
                layout,
                set,
                (folder, filter, worker, ct) => GradePipeline.GradeAsync(Request(folder, layout, device, sandbox, snapshots, filter, worker, runners), ct),
                line => Console.Error.WriteLine("mutants: " + line),
                parse.GetValue(Only) ?? [],
                cancellationToken,
                workers: Math.Max(1, parse.GetValue(Workers))).ConfigureAwait(false);
        }
        catch (AuthoringException e)
        {
            await Console.Error.WriteLineAsync("mutants: nothing graded. Fix:\n  " + string.Join("\n  ", e.Problems)).ConfigureAwait(false);
            return ExitCodes.AuthoringProblems;
        }

        Write(AnsiConsole.Console, report);
        return report.Problems.Count == 0 ? ExitCodes.Ok : ExitCodes.AuthoringProblems;
    }

    /// <summary>The grade request of one mutant (or the solutions) for worker <paramref name="worker"/>: trusted sources, one
    /// runner child, and the worker's own sandbox slot.</summary>
    internal static GradeRequest Request(string folder, WeekLayout layout, string device, SandboxMode sandbox, string snapshots, Func<Discovery.CheckSpec, bool>? filter, int worker, RunnerPool? runners = null)
    {
        // One runner child per grade, kept for the worker's next mutant when a pool is given: the workers already keep
        // the cores busy, and a fresh child per grade would pay the start-up (process, runtime, libtorch) every time.
        return new GradeRequest(folder, layout.Week, device, sandbox, snapshots, null) { TrustedSources = true, CheckFilter = filter, Parallelism = 1, SlotBase = worker, Runners = runners };
    }

    /// <summary>The mutant × catching-checks table, the checks that catch none, and the problems.</summary>
    internal static void Write(IAnsiConsole console, MutantReport report)
    {
        static string Short(string id) => id[(id.IndexOf('/', StringComparison.Ordinal) + 1)..];
        var table = new Table().Border(TableBorder.Rounded).Title("mutants");
        table.AddColumn("mutant");
        table.AddColumn("caught by");
        table.AddColumn(new TableColumn("score").RightAligned());
        table.AddColumn(new TableColumn("s").RightAligned());
        foreach (var o in report.Outcomes)
        {
            var caught = o.Message.Length > 0 ? "[red]did not grade[/]"
                : o.CaughtBy.Count > 0 ? Markup.Escape(string.Join(", ", o.CaughtBy.Select(Short)))
                : o.Mutant.KnownGap is { } gap ? "[yellow]none — known gap: " + Markup.Escape(gap) + "[/]"
                : "[red]NOT CAUGHT[/]";
            table.AddRow(Markup.Escape(o.Mutant.Name), caught, o.Score.ToString("0.##", CultureInfo.InvariantCulture), o.Seconds.ToString("0.0", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        foreach (var check in report.Uncatching)
        {
            console.MarkupLine(report.Reasons.TryGetValue(check, out var reason)
                ? $"catches no mutant: {Markup.Escape(Short(check))} — {Markup.Escape(reason)}"
                : $"[red]catches no mutant: {Markup.Escape(Short(check))} (no reason given)[/]");
        }

        foreach (var p in report.Problems)
        {
            console.MarkupLine("[red]problem:[/] " + Markup.Escape(p));
        }

        console.WriteLine(report.Problems.Count == 0 ? "mutants: ok" : $"mutants: {report.Problems.Count} problem(s)");
    }
}
