using NeuroExercises.Grader.Checks;

namespace NeuroExercises.Grader.Authoring;

/// <summary>
/// Where one week's authoring sources and generated outputs live, relative to a repository root. The only place the
/// authoring code asks the week catalog (so a discovery-based catalog replaces one call here).
/// </summary>
/// <param name="Week">The week.</param>
/// <param name="RepoRoot">The repository root (the folder holding NeuroExercises.sln).</param>
internal sealed record WeekLayout(WeekInfo Week, string RepoRoot)
{
    /// <summary>The solutions project folder: the single source.</summary>
    public string SolutionDir => Path.Combine(RepoRoot, Week.SolutionFolder);

    /// <summary>The exercise project folder (generated).</summary>
    public string ExerciseDir => Path.Combine(RepoRoot, Week.ExerciseFolder);

    /// <summary>The sample submission folder (generated): grader/samples/&lt;week id&gt;.</summary>
    public string SampleDir => Path.Combine(RepoRoot, "grader", "samples", Week.Id);

    /// <summary>The per-week folder, grader/weeks/&lt;WeekNN.Topic&gt; (the exercise folder's name without "NeuroExercises.").</summary>
    public string WeekDir => Path.Combine(RepoRoot, Week.GraderFolder);

    /// <summary>The sample recipe: which methods stay stubs, which mutants are applied.</summary>
    public string SampleRecipePath => Path.Combine(WeekDir, "sample.json");

    /// <summary>The week's mutants.</summary>
    public string MutantsPath => Path.Combine(WeekDir, "mutants.json");

    /// <summary>A path relative to the repository root, with forward slashes (for messages).</summary>
    public string Relative(string path) => Path.GetRelativePath(RepoRoot, path).Replace('\\', '/');

    /// <summary>The week <paramref name="id"/> under <paramref name="repoRoot"/>, or an error naming the known weeks.</summary>
    public static WeekLayout Find(string id, string repoRoot) =>
        new(WeekCatalog.Find(id) ?? throw new AuthoringException(
            $"--week: '{id}' is not a week; use one of {string.Join(", ", WeekCatalog.All.Select(w => w.Id))} (see 'weeks')."), repoRoot);

    /// <summary>Every week under <paramref name="repoRoot"/>.</summary>
    public static IReadOnlyList<WeekLayout> All(string repoRoot) => [.. WeekCatalog.All.Select(w => new WeekLayout(w, repoRoot))];
}
