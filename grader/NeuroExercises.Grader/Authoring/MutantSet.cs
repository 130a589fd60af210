using System.Text.RegularExpressions;

namespace NeuroExercises.Grader.Authoring;

/// <summary>
/// grader/weeks/&lt;week&gt;/mutants.json: the week's mutants and, per check that catches none of them, the reason.
/// </summary>
/// <param name="Mutants">The mutants, in the order the table shows them.</param>
/// <param name="ChecksWithoutMutant">Check id → why no mutant is expected to fail it.</param>
internal sealed partial record MutantSet(IReadOnlyList<Mutant> Mutants, IReadOnlyDictionary<string, string>? ChecksWithoutMutant)
{
    /// <summary>The reasons, never null.</summary>
    public IReadOnlyDictionary<string, string> Reasons => ChecksWithoutMutant ?? new Dictionary<string, string>();

    /// <summary>Reads mutants.json of <paramref name="layout"/>'s week and checks every mutant against the solution files.</summary>
    public static MutantSet Load(WeekLayout layout)
    {
        var shown = layout.Relative(layout.MutantsPath);
        var set = AuthoringJson.Read<MutantSet>(layout.MutantsPath, shown, "the week's mutants {\"mutants\": [{\"name\", \"description\", \"file\", \"find\", \"replace\"}], \"checksWithoutMutant\": {}}");
        if (set.Mutants is null)
        {
            throw new AuthoringException($"{shown}: \"mutants\" is missing; list the week's mutants (see docs/adding-a-week.md).");
        }

        var problems = new List<string>();
        foreach (var group in set.Mutants.GroupBy(m => m.Name).Where(g => g.Count() > 1))
        {
            problems.Add($"{shown}: the mutant name '{group.Key}' is used {group.Count()} times; give each mutant its own name.");
        }

        foreach (var m in set.Mutants)
        {
            problems.AddRange(set.Problems(layout, shown, m));
        }

        return problems.Count > 0 ? throw new AuthoringException(problems) : set;
    }

    /// <summary>The mutant called <paramref name="name"/>, or an error naming the known ones.</summary>
    public Mutant Find(string name, string shownBy) =>
        Mutants.FirstOrDefault(m => m.Name == name)
        ?? throw new AuthoringException($"{shownBy}: no mutant is called '{name}'; use one of {string.Join(", ", Mutants.Select(m => m.Name))} (mutants.json).");

    /// <summary>
    /// <paramref name="text"/> (the text of <paramref name="mutant"/>'s file) with the mutant applied, and the 1-based
    /// line where the change starts.
    /// </summary>
    public static (string Text, int Line) Apply(Mutant mutant, string text)
    {
        var at = text.IndexOf(mutant.Find, StringComparison.Ordinal);
        var count = Count(text, mutant.Find);
        if (count != 1)
        {
            throw new AuthoringException($"mutant '{mutant.Name}': its \"find\" text occurs {count} times in {mutant.File}; it must occur exactly once: copy the exact text (whitespace counts) and add context until it is unique.");
        }

        var line = text.AsSpan(0, at).Count('\n') + 1;
        return (string.Concat(text.AsSpan(0, at), mutant.Replace, text.AsSpan(at + mutant.Find.Length)), line);
    }

    private IEnumerable<string> Problems(WeekLayout layout, string shown, Mutant m)
    {
        if (string.IsNullOrWhiteSpace(m.Name) || !NamePattern().IsMatch(m.Name))
        {
            yield return $"{shown}: mutant name '{m.Name}' is not a short id; use lowercase letters, digits and '-' (e.g. biased-std).";
            yield break;
        }

        if (string.IsNullOrWhiteSpace(m.Description))
        {
            yield return $"{shown}: mutant '{m.Name}' has no \"description\"; say which mistake it is.";
        }

        if (string.IsNullOrEmpty(m.Find) || m.Replace is null || m.Find == m.Replace)
        {
            yield return $"{shown}: mutant '{m.Name}': \"find\" must be non-empty and differ from \"replace\".";
            yield break;
        }

        var file = Path.Combine(layout.SolutionDir, m.File ?? "");
        if (string.IsNullOrWhiteSpace(m.File) || !File.Exists(file))
        {
            yield return $"{shown}: mutant '{m.Name}': file '{m.File}' is not in {layout.Relative(layout.SolutionDir)}; give the path relative to the solutions project.";
            yield break;
        }

        var count = Count(File.ReadAllText(file), m.Find);
        if (count != 1)
        {
            yield return $"{shown}: mutant '{m.Name}': its \"find\" text occurs {count} times in {m.File}; it must occur exactly once: copy the exact text (whitespace counts) and add context until it is unique.";
        }
    }

    private static int Count(string text, string find)
    {
        var n = 0;
        for (var i = text.IndexOf(find, StringComparison.Ordinal); i >= 0; i = text.IndexOf(find, i + 1, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex NamePattern();
}
