using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NeuroExercises.Grader.Checks;
using NeuroExercises.Grader.Discovery;
using NeuroExercises.Grader.Reports;
using Spectre.Console;

namespace NeuroExercises.Grader.Cli;

/// <summary><c>weeks [--format table|json]</c>: the gradable weeks with their checks and points.</summary>
internal static class WeeksCommand
{
    private static readonly Option<string> Format = SharedOptions.Choice("--format", "Output format.", "table", ["table", "json"]);

    /// <summary>The command.</summary>
    public static Command Create()
    {
        var command = new Command("weeks", "List the gradable weeks, their checks and points.") { Format };
        command.SetAction(parse => Run(parse.GetValue(Format)!));
        return command;
    }

    private static int Run(string format)
    {
        var weeks = WeekCatalog.All.Select(w => (Week: w, Checks: CheckDiscovery.Discover(w))).ToList();
        if (format == "json")
        {
            var json = weeks.Select(w => new
            {
                id = w.Week.Id,
                number = w.Week.Number,
                title = w.Week.Title,
                max_score = w.Checks.Sum(c => c.Points),
                checks = w.Checks.Select(c => new
                {
                    id = c.Id,
                    points = c.Points,
                    visibility = GradescopeReport.Visibility(c.Visibility),
                    time_limit_s = c.TimeLimit.TotalSeconds,
                    description = c.Description,
                }),
            });
            Console.Out.WriteLine(JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }));
            return ExitCodes.Ok;
        }

        foreach (var (week, checks) in weeks)
        {
            var table = new Table().Border(TableBorder.Rounded)
                .Title(Markup.Escape($"week {week.Number}: {week.Id} — {week.Title}"));
            table.AddColumn("check");
            table.AddColumn(new TableColumn("points").RightAligned());
            table.AddColumn("visibility");
            table.AddColumn("description");
            foreach (var c in checks)
            {
                table.AddRow(Markup.Escape(c.Id), c.Points.ToString("0.##", CultureInfo.InvariantCulture), GradescopeReport.Visibility(c.Visibility), Markup.Escape(c.Description));
            }

            AnsiConsole.Write(table);
            AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{checks.Count} checks, {checks.Sum(c => c.Points):0.##} points"));
        }

        return ExitCodes.Ok;
    }
}
