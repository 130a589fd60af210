using System.CommandLine;
using System.Globalization;
using NeuroExercises.Grader.Batch;
using NeuroExercises.Grader.Checks;
using Spectre.Console;

namespace NeuroExercises.Grader.Cli;

/// <summary><c>grade-batch &lt;folder&gt; --week W --out DIR [--workers N] [--shard K/N]</c>: grades a class (see <see cref="BatchRunner"/>).</summary>
internal static class GradeBatchCommand
{
    private static readonly Argument<string> Folder = new("folder") { Description = "The folder of submissions: one subfolder or .zip per student (its name is the submission id)." };
    private static readonly Option<string> WeekOption = new("--week") { Description = "The week id (see 'weeks').", Required = true };
    private static readonly Option<string> Out = new("--out") { Description = "The output folder: gradebook.csv, batch.json, submissions/<id>/ (results.json, junit.xml, feedback). Rerunning into the same folder resumes.", Required = true };
    private static readonly Option<int?> Workers = new("--workers") { Description = "Submissions graded at once (default: the machine's cores)." };
    private static readonly Option<int?> Slots = new("--slots-per-grade") { Description = "Runner children per submission (default: cores / workers, at least 1)." };
    private static readonly Option<int> SlotBase = new("--slot-base") { Description = "First sandbox slot (uid 61000 + slot); give batches running side by side on one machine disjoint ranges (e.g. 0, 8, 16).", DefaultValueFactory = _ => 0 };
    private static readonly Option<string?> Shard = new("--shard") { Description = "Grade only shard K of N (e.g. 2/3): a stable slice by submission id; combine with 'merge'." };
    private static readonly Option<string> Device = SharedOptions.Choice("--device", "Where checks run.", "auto", SharedOptions.Devices);
    private static readonly Option<string> Sandbox = SharedOptions.Choice("--sandbox", "Isolation of the check runner (auto = bwrap when usable).", "auto", SharedOptions.Sandboxes);
    private static readonly Option<string?> Snapshots = new("--snapshots") { Description = "The snapshots folder (default: found in the source tree)." };
    private static readonly Option<string> ProgressOption = SharedOptions.Choice("--progress", "Live display on a terminal, plain lines otherwise (auto), or force one.", "auto", ["auto", "live", "plain"]);
    private static readonly Option<bool> NoFeedback = new("--no-feedback") { Description = "Do not write feedback.html/.md per submission (faster)." };
    private static readonly Option<bool> NoCompileServer = new("--no-compile-server") { Description = "Start a fresh sandboxed compile child per submission instead of one long-lived child per worker (slower: Roslyn starts cold every time)." };
    private static readonly Option<double> TimeScale = new("--time-limit-scale") { Description = "Multiplies every check's time limit.", DefaultValueFactory = _ => 1.0, Hidden = true };
    private static readonly Option<string?> ChecksAssembly = new("--checks-assembly") { Description = "Tests: a checks assembly outside the catalog (with --assembly-name and --inputs).", Hidden = true };
    private static readonly Option<string?> AssemblyName = new("--assembly-name") { Description = "Tests: the submission's assembly name for --checks-assembly.", Hidden = true };
    private static readonly Option<string?> Inputs = new("--inputs") { Description = "Tests: the week's inputs folder.", Hidden = true };

    /// <summary>The command.</summary>
    public static Command Create()
    {
        var command = new Command("grade-batch", "Grade a folder of submissions in parallel, resumably; write gradebook.csv and each submission's results.json, JUnit and feedback. Exit codes: 0 done, 1 usage, 7 bad input (nothing graded), 8 some submissions could not be graded (rerun retries them).")
        {
            Folder, WeekOption, Out, Workers, Slots, SlotBase, Shard, Device, Sandbox, Snapshots, ProgressOption, NoFeedback, NoCompileServer, TimeScale, ChecksAssembly, AssemblyName, Inputs,
        };
        command.SetAction((parse, ct) => RunAsync(parse, ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        BatchOptions options;
        try
        {
            options = Options(parse);
        }
        catch (Exception e) when (e is BatchInputException or ArgumentException or InvalidOperationException)
        {
            Console.Error.WriteLine(e.Message.StartsWith("grade-batch", StringComparison.Ordinal) ? e.Message : "grade-batch: " + e.Message);
            return ExitCodes.BatchInput;
        }

        try
        {
            var mode = parse.GetValue(ProgressOption);
            var live = mode == "live" || (mode == "auto" && !Console.IsOutputRedirected);
            var summary = live
                ? await LiveBatchProgress.RunAsync(AnsiConsole.Console, p => BatchRunner.RunAsync(options, p, cancellationToken)).ConfigureAwait(false)
                : await BatchRunner.RunAsync(options, new PlainBatchProgress(Console.Out), cancellationToken).ConfigureAwait(false);
            Print(summary, options);
            return summary.Errors > 0 ? ExitCodes.BatchIncomplete : ExitCodes.Ok;
        }
        catch (BatchInputException e)
        {
            Console.Error.WriteLine(e.Message);
            return ExitCodes.BatchInput;
        }
    }

    private static BatchOptions Options(ParseResult parse)
    {
        var weekId = parse.GetValue(WeekOption)!;
        WeekInfo week;
        if (parse.GetValue(ChecksAssembly) is { Length: > 0 } checks)
        {
            week = new WeekInfo(weekId, 0, weekId, "", "", parse.GetValue(AssemblyName) ?? weekId, weekId) { ChecksPath = Path.GetFullPath(checks) };
        }
        else
        {
            week = SharedOptions.Week(weekId);
        }

        var cores = Environment.ProcessorCount;
        var workers = parse.GetValue(Workers) ?? cores;
        if (workers < 1)
        {
            throw new BatchInputException($"grade-batch: --workers {workers}: give 1 or more (default: {cores}, the machine's cores).");
        }

        var slots = parse.GetValue(Slots) ?? Math.Max(1, cores / workers);
        return new BatchOptions(parse.GetValue(Folder)!, week, parse.GetValue(Out)!, SharedOptions.SnapshotsRoot(parse.GetValue(Snapshots)))
        {
            Workers = workers,
            SlotsPerGrade = Math.Max(1, slots),
            SlotBase = parse.GetValue(SlotBase),
            Shard = ShardSpec.Parse(parse.GetValue(Shard)),
            Device = parse.GetValue(Device)!,
            Sandbox = SharedOptions.Sandbox(parse.GetValue(Sandbox)!),
            TimeLimitScale = parse.GetValue(TimeScale),
            InputsDirectory = parse.GetValue(Inputs) is { Length: > 0 } inputs ? Path.GetFullPath(inputs) : null,
            Feedback = !parse.GetValue(NoFeedback),
            CompileServer = !parse.GetValue(NoCompileServer),
        };
    }

    private static void Print(BatchSummary summary, BatchOptions options)
    {
        var inv = CultureInfo.InvariantCulture;
        var graded = summary.Records.Count - summary.Reused;
        var perSubmission = graded > 0 ? summary.BusySeconds / graded : 0;
        Console.WriteLine(string.Create(inv,
            $"grade-batch: {summary.Records.Count} submissions ({summary.Reused} reused): {summary.Records.Count(r => r.Status == BatchStatus.Graded)} graded, {summary.Records.Count(r => r.Status == BatchStatus.CompileError)} compile-error, {summary.Records.Count(r => r.Status == BatchStatus.Refused)} refused, {summary.Errors} error"));
        Console.WriteLine(string.Create(inv,
            $"grade-batch: {graded} graded in this run in {summary.WallSeconds:0.0} s with {summary.Workers} workers × {options.SlotsPerGrade} slots: {perSubmission:0.0} s per submission (one worker), {(summary.WallSeconds > 0 ? graded * 60 / summary.WallSeconds : 0):0.0} submissions/min, workers busy {summary.Utilisation:P0}"));
        Console.WriteLine($"Gradebook: {summary.GradebookPath}");
        if (summary.Errors > 0)
        {
            Console.Error.WriteLine($"grade-batch: {summary.Errors} submissions could not be graded (status error in the gradebook); run the same command again to retry only those.");
        }
    }
}
