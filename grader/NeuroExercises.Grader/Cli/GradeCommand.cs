using System.CommandLine;
using System.Text.Json;
using NeuroExercises.Grader.Grading;
using NeuroExercises.Grader.Judge;
using NeuroExercises.Grader.Reports;
using Spectre.Console;

namespace NeuroExercises.Grader.Cli;

/// <summary><c>grade &lt;folder&gt; --week W [--format gradescope|json|junit] [--out FILE] [--feedback DIR] [--device D] [--sandbox S]</c>.</summary>
internal static class GradeCommand
{
    private static readonly Argument<string> Folder = new("folder") { Description = "The submission folder (its .cs files are compiled; project files are ignored)." };
    private static readonly Option<string> WeekOption = new("--week") { Description = "The week id (see 'weeks').", Required = true };
    private static readonly Option<string> Format = SharedOptions.Choice("--format", "The results file format.", "gradescope", ["gradescope", "json", "junit"]);
    private static readonly Option<string> Out = new("--out") { Description = "The results file.", DefaultValueFactory = _ => "results.json" };
    private static readonly Option<string> Device = SharedOptions.Choice("--device", "Where checks run.", "auto", SharedOptions.Devices);
    private static readonly Option<string> Sandbox = SharedOptions.Choice("--sandbox", "Isolation of the check runner (auto = bwrap when usable).", "auto", SharedOptions.Sandboxes);
    private static readonly Option<string?> Snapshots = new("--snapshots") { Description = "The Snapshots folder (default: found in the source tree)." };
    private static readonly Option<string?> Feedback = new("--feedback") { Description = "The folder for the student's feedback.html and feedback.md (default: the results file's folder)." };
    private static readonly Option<string?> StaffLog = new("--staff-log") { Description = "The staff-only log of full exception traces (default: staff/grader-traces.log beside the results file; never hand it to students)." };
    private static readonly Option<double> TimeScale = new("--time-limit-scale") { Description = "Multiplies every check's time limit.", DefaultValueFactory = _ => 1.0, Hidden = true };

    /// <summary>The command.</summary>
    public static Command Create()
    {
        var command = new Command("grade", "Compile a submission, run the week's checks in a sandbox, compare with the snapshots and write the results.")
        {
            Folder, WeekOption, Format, Out, Device, Sandbox, Snapshots, Feedback, StaffLog, TimeScale,
        };
        command.SetAction((parse, ct) => RunAsync(parse, ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var format = parse.GetValue(Format)!;
        var outPath = Path.GetFullPath(parse.GetValue(Out)!);
        var weekId = parse.GetValue(WeekOption)!;
        GradeResult? grade = null;
        var exit = ExitCodes.GradeFailed;
        try
        {
            var week = SharedOptions.Week(weekId);
            var folder = parse.GetValue(Folder)!;
            if (!Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException($"grade: the submission folder '{folder}' does not exist; pass the folder that holds your week's .cs files.");
            }

            var request = new GradeRequest(
                folder, week, parse.GetValue(Device)!, SharedOptions.Sandbox(parse.GetValue(Sandbox)!),
                SharedOptions.SnapshotsRoot(parse.GetValue(Snapshots)), Path.GetDirectoryName(outPath))
            {
                TimeLimitScale = parse.GetValue(TimeScale),
            };
            grade = await GradePipeline.GradeAsync(request, cancellationToken).ConfigureAwait(false);
            exit = ExitCodes.Ok;
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            grade = new GradeResult(weekId, "none", "none", 0, 0, [], "", 0, $"The grade could not run: {e.Message}");
        }
        finally
        {
            grade ??= new GradeResult(weekId, "none", "none", 0, 0, [], "", 0, "The grade could not run: the grader stopped unexpectedly; the course staff has the log.");
            Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
            File.WriteAllText(outPath, Render(grade, format));
        }

        ConsoleReport.Write(AnsiConsole.Console, grade);
        Console.WriteLine($"Results: {Path.GetFullPath(outPath)}");
        WriteStaffLog(grade, Path.GetFullPath(parse.GetValue(StaffLog) ?? Path.Combine(Path.GetDirectoryName(outPath)!, "staff", StaffLogFileName)));
        WriteFeedback(grade, Path.GetFullPath(parse.GetValue(Feedback) ?? Path.GetDirectoryName(outPath)!));
        return exit;
    }

    /// <summary>The staff log's default file name (in a <c>staff</c> folder beside the results file).</summary>
    internal const string StaffLogFileName = "grader-traces.log";

    /// <summary>
    /// Writes the full traces of the checks that threw (<see cref="GradeResult.StaffLog"/>: grader frames and paths
    /// included) to <paramref name="path"/>, for staff only; nothing is written when no check threw. A failure is
    /// reported on stderr and leaves the results as they are.
    /// </summary>
    internal static void WriteStaffLog(GradeResult grade, string path)
    {
        if (grade.StaffLog.Count == 0)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var text = new System.Text.StringBuilder();
            foreach (var (id, trace) in grade.StaffLog.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                text.Append("=== ").Append(id).Append('\n').Append(trace).Append("\n\n");
            }

            File.WriteAllText(path, text.ToString());
            Console.WriteLine($"Staff log (full traces, not for students): {path}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"grade: the staff log was not written to {path} ({e.Message}); pass --staff-log FILE in a writable folder.");
        }
    }

    /// <summary>Writes the student's feedback page; a failure is reported and leaves the results file (the grade) as it is.</summary>
    private static void WriteFeedback(GradeResult grade, string folder)
    {
        try
        {
            var (html, markdown) = FeedbackReport.Write(grade, folder, DateTimeOffset.UtcNow);
            Console.WriteLine($"Feedback: {html} and {Path.GetFileName(markdown)}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            Console.Error.WriteLine($"grade: the feedback page was not written to {folder} ({e.Message}); the results file is complete. Check that the folder is writable, or pass --feedback DIR.");
        }
    }

    /// <summary>The results file text in <paramref name="format"/>.</summary>
    internal static string Render(GradeResult grade, string format)
    {
        // Bounded whatever the submission did: the top-level message and every check's output are capped, and a file
        // that would still pass Caps.ResultsBytes (thousands of checks) gets shorter outputs, saying so.
        grade = grade with { Message = Caps.Text(grade.Message, Caps.GradeMessageChars) };
        var text = RenderAs(grade, format);
        for (var chars = 1024; System.Text.Encoding.UTF8.GetByteCount(text) > Caps.ResultsBytes && chars >= 64; chars /= 4)
        {
            var shorter = chars;
            text = RenderAs(grade with { Checks = [.. grade.Checks.Select(c => c with { Output = Caps.Text(c.Output, shorter) })] }, format);
        }

        return text;
    }

    private static string RenderAs(GradeResult grade, string format) => format switch
    {
        "junit" => JUnitReport.ToXml(grade),
        "json" => JsonSerializer.Serialize(grade, new JsonSerializerOptions { WriteIndented = true }),
        _ => GradescopeReport.ToJson(grade),
    };
}
