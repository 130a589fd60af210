using System.Globalization;
using System.Text.RegularExpressions;

namespace NeuroExercises.Grader.Checks;

/// <summary>A gradable week.</summary>
/// <param name="Id">Week id used on the command line and in check ids, e.g. <c>task-driven-rnn</c>.</param>
/// <param name="Number">Week number in the course calendar.</param>
/// <param name="Title">Title shown to students.</param>
/// <param name="ExerciseFolder">The exercise project's folder relative to the repository root.</param>
/// <param name="SolutionFolder">The solution project's folder relative to the repository root.</param>
/// <param name="AssemblyName">The assembly name a submission is compiled to (the checks reference it).</param>
/// <param name="InputsFolder">The week's inputs folder name under checks-inputs.</param>
public sealed partial record WeekInfo(string Id, int Number, string Title, string ExerciseFolder, string SolutionFolder, string AssemblyName, string InputsFolder)
{
    /// <summary>The week's folder name, <c>WeekNN.PascalId</c> (e.g. <c>Week01.TaskDrivenRnn</c>); the id for test weeks (number 0).</summary>
    public string Folder => Number > 0 ? FolderName(Id, Number) : Id;

    /// <summary>What the grader owns of the week (checks, inputs, snapshots, sample recipe, mutants), relative to the repository root.</summary>
    public string GraderFolder => $"grader/weeks/{Folder}";

    /// <summary>The week's checks assembly (registered weeks: the DLL beside the grader); empty when not known.</summary>
    public string ChecksPath { get; init; } = "";

    /// <summary>The week described by its registration, with every name from the one rule: id <c>task-driven-rnn</c>, number 1 →
    /// folders <c>exercises/NeuroExercises.Week01.TaskDrivenRnn</c>, <c>solutions/…</c>, <c>grader/weeks/Week01.TaskDrivenRnn</c>,
    /// assemblies <c>NeuroExercises.Week01.TaskDrivenRnn</c> and <c>NeuroExercises.Week01.TaskDrivenRnn.Checks</c>, inputs
    /// <c>checks-inputs/task-driven-rnn</c>.</summary>
    /// <param name="week">The registration.</param>
    /// <param name="checksPath">The checks assembly it was read from.</param>
    /// <returns>The week.</returns>
    /// <exception cref="ArgumentException">The id does not follow the rule (lowercase words joined by '-') or the number is not positive.</exception>
    public static WeekInfo FromRegistration(WeekAttribute week, string checksPath)
    {
        ArgumentNullException.ThrowIfNull(week);
        if (!IdRule().IsMatch(week.Id) || week.Number < 1 || week.Number > 99)
        {
            throw new ArgumentException($"[assembly: Week(\"{week.Id}\", {week.Number}, …)] in {checksPath}: the id must be lowercase words joined by '-' and the number 1–99; fix the registration.", nameof(week));
        }

        var assembly = "NeuroExercises." + FolderName(week.Id, week.Number);
        return new WeekInfo(week.Id, week.Number, week.Title, $"exercises/{assembly}", $"solutions/{assembly}", assembly, week.Id) { ChecksPath = checksPath };
    }

    /// <summary><c>WeekNN.PascalId</c> for an id and number.</summary>
    /// <param name="id">The week id.</param>
    /// <param name="number">The week number.</param>
    /// <returns>The folder name.</returns>
    public static string FolderName(string id, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"Week{number:00}.") + string.Concat(id.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex IdRule();
}
