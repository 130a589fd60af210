using System.CommandLine;
using System.Globalization;
using NeuroExercises.Grader.Checks;
using NeuroExercises.Grader.Discovery;
using NeuroExercises.Grader.Grading;
using NeuroExercises.Grader.Judge;
using NeuroExercises.Grader.Release;
using NeuroExercises.Grader.Reports;
using Spectre.Console;

namespace NeuroExercises.Grader.Cli;

/// <summary>
/// <c>check --week W [folder]</c>: a student checks their own folder with the visible checks — the same compile, sandbox,
/// messages and scoring as <c>grade</c> (it is <see cref="GradePipeline"/> with a filter) — and learns how many points
/// are graded after submission, without their names. Works in the staff repository and inside a release.
/// </summary>
internal static class CheckCommand
{
    private static readonly Argument<string?> Folder = new("folder") { Description = "Your folder (default: the week's exercise folder).", Arity = ArgumentArity.ZeroOrOne };
    private static readonly Option<string> WeekOption = new("--week") { Description = "The week id (see 'weeks').", Required = true };
    private static readonly Option<string> Out = new("--out") { Description = "Where results.json and the arrays of missed checks (<id>.received.npz) go.", DefaultValueFactory = _ => "check-results" };
    private static readonly Option<string> Device = SharedOptions.Choice("--device", "Where checks run.", "auto", SharedOptions.Devices);
    private static readonly Option<string> Sandbox = SharedOptions.Choice("--sandbox", "Isolation of the check runner (auto = bwrap when usable).", "auto", SharedOptions.Sandboxes);

    /// <summary>The command.</summary>
    public static Command Create()
    {
        var command = new Command("check", "Run the week's visible checks on your folder, exactly as the grader does, and say how many points are graded after you submit.")
        {
            Folder, WeekOption, Out, Device, Sandbox,
        };
        command.SetAction((parse, ct) => RunAsync(parse, ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        WeekInfo week;
        try
        {
            week = SharedOptions.Week(parse.GetValue(WeekOption)!);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync("check: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var root = RepoLocator.FindRoot(Environment.CurrentDirectory) ?? RepoLocator.FindRoot(AppContext.BaseDirectory);
        var folder = parse.GetValue(Folder) ?? (root is null ? null : Path.Combine(root, week.ExerciseFolder));
        if (Refusal(folder, week) is { } refusal)
        {
            await Console.Error.WriteLineAsync(refusal).ConfigureAwait(false);
            return ExitCodes.GradeFailed;
        }

        try
        {
            var outDir = Path.GetFullPath(parse.GetValue(Out)!);
            Directory.CreateDirectory(outDir);
            // An earlier run's arrays of checks that now pass would be mistaken for current misses (the week-4 dry run).
            var weekArrays = Path.Combine(outDir, week.Id);
            if (Directory.Exists(weekArrays))
            {
                foreach (var stale in Directory.EnumerateFiles(weekArrays, "*" + Judge.SnapshotStore.ReceivedSuffix))
                {
                    File.Delete(stale);
                }
            }

            var request = new GradeRequest(
                folder!, week, parse.GetValue(Device)!, SharedOptions.Sandbox(parse.GetValue(Sandbox)!), SharedOptions.SnapshotsRoot(null), outDir)
            {
                CheckFilter = ReleasePolicy.IsSelfCheckable,
            };
            var grade = await GradePipeline.GradeAsync(request, cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(outDir, "results.json"), GradeCommand.Render(grade, "json"), cancellationToken).ConfigureAwait(false);
            ConsoleReport.Write(AnsiConsole.Console, grade);
            foreach (var line in AfterSubmission(root, week))
            {
                Console.Out.WriteLine(line);
            }

            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException or UnauthorizedAccessException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync($"check: the checks could not run: {e.Message}").ConfigureAwait(false);
            return ExitCodes.GradeFailed;
        }
    }

    /// <summary>Why <paramref name="folder"/> cannot be checked (naming it and the fix), or null.</summary>
    internal static string? Refusal(string? folder, WeekInfo week)
    {
        if (folder is null)
        {
            return $"check: no folder given and no NeuroExercises.sln above the working folder; pass your folder, e.g. check --week {week.Id} {week.ExerciseFolder}.";
        }

        if (!Directory.Exists(folder))
        {
            return $"check: the folder '{folder}' does not exist; pass the folder that holds your week's .cs files (e.g. {week.ExerciseFolder}).";
        }

        return Compile.SubmissionCompiler.SourceFiles(folder).Count == 0
            ? $"check: the folder '{folder}' holds no .cs files; pass the folder of your week's project (e.g. {week.ExerciseFolder})."
            : null;
    }

    /// <summary>
    /// The lines on what is graded after submission: inside a release from its release.json, in the staff repository from
    /// discovery. Hidden checks are counted, never named; a visible check the grader verifies against its own reference
    /// (a trusted derive step) is named.
    /// </summary>
    internal static IReadOnlyList<string> AfterSubmission(string? root, WeekInfo week)
    {
        var inv = CultureInfo.InvariantCulture;
        var released = root is null ? null : ReleaseManifest.TryRead(root)?.Weeks.FirstOrDefault(w => w.Id == week.Id);
        int hiddenChecks;
        double hiddenPoints;
        IReadOnlyList<(string Name, double Points)> after;
        if (released is not null)
        {
            (hiddenChecks, hiddenPoints) = (released.HiddenChecks, released.HiddenPoints);
            after = [.. released.GradedAfterSubmission.Select(c => (c.Name, c.Points))];
        }
        else
        {
            var checks = CheckDiscovery.Discover(week);
            var hidden = checks.Where(ReleasePolicy.IsHidden).ToList();
            (hiddenChecks, hiddenPoints) = (hidden.Count, hidden.Sum(c => c.Points));
            after = [.. checks.Where(c => !ReleasePolicy.IsHidden(c) && !ReleasePolicy.IsSelfCheckable(c)).Select(c => (c.ShortName, c.Points))];
        }

        var lines = new List<string> { string.Create(inv, $"{hiddenPoints:0.##} more points in {hiddenChecks} hidden checks are graded after you submit.") };
        lines.AddRange(after.Select(c => string.Create(inv, $"{c.Points:0.##} more points in {c.Name} are graded after you submit: the grader compares your results with its own reference run, which is not in your copy.")));
        return lines;
    }
}
