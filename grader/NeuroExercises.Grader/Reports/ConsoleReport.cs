using System.Globalization;
using NeuroExercises.Grader.Judge;
using Spectre.Console;

namespace NeuroExercises.Grader.Reports;

/// <summary>The readable table printed after a grade.</summary>
internal static class ConsoleReport
{
    /// <summary>Writes the table and the total to <paramref name="console"/>.</summary>
    public static void Write(IAnsiConsole console, GradeResult grade)
    {
        var inv = CultureInfo.InvariantCulture;
        if (grade.Message.Length > 0)
        {
            console.MarkupLine("[yellow]" + Markup.Escape(grade.Message) + "[/]");
        }

        if (grade.Checks.Count == 0)
        {
            return; // the grade could not run: the message above is all there is to say
        }

        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"{grade.Week} ({grade.Device}, sandbox {grade.Sandbox})"));
        table.AddColumn("check");
        table.AddColumn(new TableColumn("points").RightAligned());
        table.AddColumn("result");
        table.AddColumn(new TableColumn("s").RightAligned());
        foreach (var c in grade.Checks)
        {
            var result = c.Passed ? "[green]passed[/]" : "[red]" + Markup.Escape(c.Outcome) + "[/]";
            table.AddRow(
                Markup.Escape(c.Id),
                Markup.Escape($"{c.Score.ToString("0.##", inv)}/{c.MaxScore.ToString("0.##", inv)}"),
                result,
                c.Seconds.ToString("0.00", inv));
        }

        console.Write(table);
        foreach (var c in grade.Checks.Where(c => !c.Passed && c.Output.Length > 0))
        {
            console.MarkupLine("[red]" + Markup.Escape(c.Output) + "[/]"); // the output names the check id
        }

        if (grade.Provenance is { } provenance)
        {
            console.MarkupLine(Markup.Escape($"Isolation: {provenance.Isolation}"));
        }

        if (grade.Timings is { } timings)
        {
            console.MarkupLine(Markup.Escape($"Time: {timings}"));
        }

        console.MarkupLine(Markup.Escape($"Score {grade.Score.ToString("0.##", inv)} / {grade.MaxScore.ToString("0.##", inv)} in {grade.ExecutionSeconds.ToString("0.0", inv)} s; manifest {grade.ManifestHash[..Math.Min(12, grade.ManifestHash.Length)]}"));
    }
}
