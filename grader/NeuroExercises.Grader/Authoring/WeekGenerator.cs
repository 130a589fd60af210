using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace NeuroExercises.Grader.Authoring;

/// <summary>
/// From a week's solutions (the single source) to its generated folders, in memory, as ordered steps:
/// 1. read and parse every solution file (markers; all problems of all files reported together);
/// 2. the exercise project: graded regions become stubs, solution-only lines go, the .csproj gets the exercise's assembly name;
/// 3. refuse exercises that do not compile or whose public API (signatures and XML docs) differs from the solutions';
/// 4. the sample submission: the recipe's mutants applied to the solutions, the recipe's stubs stubbed, a README.
/// Nothing is written here (see <see cref="GeneratedWriter"/>).
/// </summary>
internal static partial class WeekGenerator
{
    /// <summary>Generates the folders of <paramref name="layout"/>'s week; throws <see cref="AuthoringException"/> on bad input.</summary>
    public static IReadOnlyList<GeneratedFolder> Generate(WeekLayout layout)
    {
        var sources = ReadSources(layout);
        var exercise = Exercise(layout, sources);
        CheckExercise(layout, sources, exercise);
        var folders = new List<GeneratedFolder> { new(layout.ExerciseDir, exercise) };
        if (File.Exists(layout.SampleRecipePath))
        {
            folders.Add(new GeneratedFolder(layout.SampleDir, Sample(layout, sources)));
        }

        return folders;
    }

    /// <summary>The solution project's files (relative path → text), bin/ obj/ and hidden folders skipped.</summary>
    public static IReadOnlyDictionary<string, string> ReadSources(WeekLayout layout)
    {
        if (!Directory.Exists(layout.SolutionDir))
        {
            throw new AuthoringException($"{layout.Relative(layout.SolutionDir)}: the week's solutions folder does not exist; create it (see docs/adding-a-week.md) or fix the week's SolutionFolder.");
        }

        return GeneratedWriter.ListFiles(layout.SolutionDir)
            .ToDictionary(rel => rel, rel => File.ReadAllText(Path.Combine(layout.SolutionDir, rel)), StringComparer.Ordinal);
    }

    /// <summary>Parses every .cs source; all problems of all files in one exception.</summary>
    public static IReadOnlyDictionary<string, MarkedFile> Parse(WeekLayout layout, IReadOnlyDictionary<string, string> sources)
    {
        var parsed = new Dictionary<string, MarkedFile>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (rel, text) in sources.Where(kv => kv.Key.EndsWith(".cs", StringComparison.Ordinal)))
        {
            try
            {
                parsed[rel] = MarkedFile.ParseCSharp(layout.Relative(Path.Combine(layout.SolutionDir, rel)), text);
            }
            catch (AuthoringException e)
            {
                problems.AddRange(e.Problems);
            }
        }

        return problems.Count > 0 ? throw new AuthoringException(problems) : parsed;
    }

    private static Dictionary<string, string> Exercise(WeekLayout layout, IReadOnlyDictionary<string, string> sources)
    {
        var parsed = Parse(layout, sources);
        if (parsed.Values.All(f => f.Regions.Count == 0))
        {
            throw new AuthoringException($"{layout.Relative(layout.SolutionDir)}: no solution file has a // {Markers.Begin} … // {Markers.End} region, so the exercise would hold no stub; mark the body of every graded method.");
        }

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var projects = sources.Keys.Where(k => k.EndsWith(".csproj", StringComparison.Ordinal)).ToList();
        if (projects.Count != 1)
        {
            throw new AuthoringException($"{layout.Relative(layout.SolutionDir)}: {projects.Count} .csproj files; keep exactly one (the exercise project is derived from it).");
        }

        foreach (var (rel, text) in sources)
        {
            if (parsed.TryGetValue(rel, out var marked))
            {
                files[rel] = marked.IsProvided ? text : marked.Render(_ => true, dropSolutionOnly: true);
            }
            else if (rel == projects[0])
            {
                files[layout.Week.AssemblyName + ".csproj"] = ExerciseProject(layout, rel, text);
            }
            else
            {
                files[rel] = text;
            }
        }

        return files;
    }

    private static string ExerciseProject(WeekLayout layout, string rel, string text)
    {
        var shown = layout.Relative(Path.Combine(layout.SolutionDir, rel));
        var names = AssemblyNamePattern().Matches(text);
        if (names.Count != 1)
        {
            throw new AuthoringException($"{shown}: {names.Count} <AssemblyName> elements; keep exactly one (the exercise gets '{layout.Week.AssemblyName}' in its place).");
        }

        var renamed = AssemblyNamePattern().Replace(text, $"<AssemblyName>{layout.Week.AssemblyName}</AssemblyName>");
        // The solutions' comment about reference bodies and markers is for staff; students get their own.
        renamed = StaffComment().Replace(
            renamed,
            $"<!-- Week {layout.Week.Number} ({layout.Week.Id}): your exercise project. Fill in every method that throws NotImplementedException;\n       its XML doc gives the equation, the shapes and the checks that grade it. -->",
            1);
        return MarkedFile.ParseProject(shown, renamed).Render(_ => true, dropSolutionOnly: true);
    }

    private static void CheckExercise(WeekLayout layout, IReadOnlyDictionary<string, string> sources, IReadOnlyDictionary<string, string> exercise)
    {
        var (solutionErrors, solutionSurface) = PublicSurface.Of(sources, layout.Week.AssemblyName);
        if (solutionErrors.Count > 0)
        {
            throw new AuthoringException([$"{layout.Relative(layout.SolutionDir)}: the solutions do not compile; fix them first:", .. solutionErrors.Take(20)]);
        }

        var (errors, surface) = PublicSurface.Of(exercise, layout.Week.AssemblyName);
        var exerciseDir = layout.Relative(layout.ExerciseDir);
        if (errors.Count > 0)
        {
            throw new AuthoringException([
                $"{exerciseDir}: the generated exercise would not compile (nothing written); usually a line marked // {Markers.Only} that the stubs' file still needs, or a helper the exercise calls inside a // {Markers.BeginOnly} block. Errors (generated file:line):",
                .. errors.Take(20)]);
        }

        var differences = PublicSurface.Compare(solutionSurface, surface);
        if (differences.Count > 0)
        {
            throw new AuthoringException([
                $"{exerciseDir}: the generated exercise's public API would differ from the solutions' (nothing written); a // {Markers.Only} line or block removed something public, or a region spans a declaration. Differences:",
                .. differences.Take(20)]);
        }
    }

    private static Dictionary<string, string> Sample(WeekLayout layout, IReadOnlyDictionary<string, string> sources)
    {
        var recipe = SampleRecipe.Load(layout);
        var shown = layout.Relative(layout.SampleRecipePath);
        var texts = sources.Where(kv => kv.Key.EndsWith(".cs", StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var applied = new List<(Mutant Mutant, int Line)>();
        if (recipe.Mutants.Count > 0)
        {
            var set = MutantSet.Load(layout);
            foreach (var name in recipe.Mutants)
            {
                var mutant = set.Find(name, shown);
                var (text, line) = MutantSet.Apply(mutant, texts[mutant.File]);
                texts[mutant.File] = text;
                applied.Add((mutant, line));
            }
        }

        var parsed = Parse(layout, texts);
        var members = parsed.Values.SelectMany(f => f.Regions).Select(r => r.Member).ToHashSet(StringComparer.Ordinal);
        var problems = recipe.Stubs.Where(s => !members.Contains(s))
            .Select(s => $"{shown}: \"stubs\" names '{s}', which is not a marked member; use one of {string.Join(", ", members.Order(StringComparer.Ordinal))}.")
            .ToList();
        var stubs = recipe.Stubs.ToHashSet(StringComparer.Ordinal);
        foreach (var (mutant, line) in applied)
        {
            if (parsed[mutant.File].RegionAt(line) is { } region && stubs.Contains(region.Member))
            {
                problems.Add($"{shown}: mutant '{mutant.Name}' changes {mutant.File}:{line}, inside {region.Member}, which the recipe also stubs; drop the stub or the mutant.");
            }
        }

        if (problems.Count > 0)
        {
            throw new AuthoringException(problems);
        }

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (rel, marked) in parsed)
        {
            var allStubbed = marked.Regions.Count > 0 && marked.Regions.All(r => stubs.Contains(r.Member));
            files[rel] = marked.Render(r => stubs.Contains(r.Member), allStubbed, stripMarkers: true);
        }

        files["README.md"] = SampleReadme(layout, recipe, applied.Select(a => a.Mutant).ToList(), parsed);
        return files;
    }

    private static string SampleReadme(WeekLayout layout, SampleRecipe recipe, IReadOnlyList<Mutant> mutants, IReadOnlyDictionary<string, MarkedFile> parsed)
    {
        static string N(double x) => x.ToString("0.##", CultureInfo.InvariantCulture);
        var fileOf = parsed.SelectMany(kv => kv.Value.Regions.Select(r => (r.Member, File: kv.Key))).ToLookup(x => x.Member, x => x.File);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"# Sample submission: week {layout.Week.Number}, {layout.Week.Id}\n\n");
        sb.Append("Generated by `dotnet run --project grader/NeuroExercises.Grader -- author generate --week ")
            .Append(layout.Week.Id).Append("` from the solutions and the recipe `")
            .Append(layout.Relative(layout.SampleRecipePath)).Append("`: edit those, never this folder (a test fails when it is stale).\n\n");
        sb.Append(recipe.Description.Trim()).Append("\n\n```sh\ndotnet run --project grader/NeuroExercises.Grader -- grade ")
            .Append(layout.Relative(layout.SampleDir)).Append(" --week ").Append(layout.Week.Id).Append("\n```\n\n");
        sb.Append("| where | state |\n|---|---|\n");
        foreach (var stub in recipe.Stubs)
        {
            sb.Append(CultureInfo.InvariantCulture, $"| `{stub}` ({string.Join(", ", fileOf[stub].Distinct())}) | still the exercise's stub (throws `NotImplementedException`) |\n");
        }

        foreach (var m in mutants)
        {
            sb.Append(CultureInfo.InvariantCulture, $"| {m.File} | mutant `{m.Name}`: {m.Description} |\n");
        }

        sb.Append("| everything else | as the reference solution |\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"Expected score: **{N(recipe.Expect.Score)} / {N(recipe.Expect.MaxScore)}**; the checks that do not pass:\n\n");
        foreach (var (id, outcome) in recipe.Expect.Failing.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            sb.Append(CultureInfo.InvariantCulture, $"- `{id}`: {outcome}\n");
        }

        sb.Append("\nA test grades this folder and requires exactly that.\n");
        return sb.ToString();
    }

    [GeneratedRegex("<AssemblyName>[^<]*</AssemblyName>")]
    private static partial Regex AssemblyNamePattern();

    /// <summary>An XML comment of the solutions' project that speaks of BEGIN/END SOLUTION markers (a staff note).</summary>
    [GeneratedRegex(@"<!--(?:(?!-->).)*?""// BEGIN SOLUTION""(?:(?!-->).)*-->", RegexOptions.Singleline)]
    private static partial Regex StaffComment();
}
