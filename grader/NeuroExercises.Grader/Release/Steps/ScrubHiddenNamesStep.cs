using System.Text.RegularExpressions;

namespace NeuroExercises.Grader.Release.Steps;

/// <summary>
/// The stubs' XML docs name the checks that grade each method (<c>Graded by &lt;c&gt;week/Class.Method&lt;/c&gt;</c>), hidden
/// ones included; in the release each hidden check's name becomes the words "a hidden check". Only the exercise projects'
/// .cs files are rewritten: a hidden name anywhere else is a leak the scan reports.
/// </summary>
internal sealed class ScrubHiddenNamesStep : IReleaseStep
{
    /// <summary>What a hidden check's name becomes.</summary>
    public const string Replacement = "a hidden check";

    /// <inheritdoc />
    public string Name => "scrub hidden check names from the stubs' docs";

    /// <inheritdoc />
    public void Run(ReleaseContext context)
    {
        foreach (var week in context.Weeks)
        {
            var hidden = week.Checks.Where(ReleasePolicy.IsHidden).Select(c => c.ShortName).ToList();
            var folder = context.Out(week.Week.ExerciseFolder);
            foreach (var rel in ReleaseContext.Files(folder).Where(f => f.EndsWith(".cs", StringComparison.Ordinal)))
            {
                var path = Path.Combine(folder, rel);
                var text = File.ReadAllText(path);
                var scrubbed = Scrub(text, week.Week.Id, hidden);
                if (!string.Equals(scrubbed, text, StringComparison.Ordinal))
                {
                    File.WriteAllText(path, scrubbed);
                }
            }
        }
    }

    /// <summary><paramref name="text"/> with every hidden check name (<c>&lt;c&gt;week/Class.Method&lt;/c&gt;</c>, with or without the tags and week) replaced.</summary>
    internal static string Scrub(string text, string weekId, IReadOnlyList<string> hiddenShortNames)
    {
        foreach (var name in hiddenShortNames)
        {
            var pattern = $@"(<c>)?({Regex.Escape(weekId)}/)?{Regex.Escape(name)}\b(</c>)?";
            text = Regex.Replace(text, pattern, Replacement);
        }

        // "a hidden check, a hidden check and a hidden check" (across doc lines) reads as "3 hidden checks".
        return Regex.Replace(
            text,
            $@"{Replacement}(?:(?:,|,? and)\s*(?:///\s*)?{Replacement})+",
            m => $"{Regex.Matches(m.Value, Replacement).Count} hidden checks");
    }
}
