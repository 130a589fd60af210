namespace NeuroExercises.Grader.Authoring;

/// <summary>
/// grader/weeks/&lt;week&gt;/sample.json: how the README's sample submission is made from the solutions, and the grade
/// it must get.
/// </summary>
/// <param name="Description">One or two sentences for the sample's README: what kind of submission it is.</param>
/// <param name="Stubs">Graded members (<c>Type.Method</c>, every overload) left as the exercise's stubs.</param>
/// <param name="Mutants">Names of mutants from mutants.json applied to the solutions.</param>
/// <param name="Expect">The grade the sample must get (a test grades it).</param>
internal sealed record SampleRecipe(string Description, IReadOnlyList<string> Stubs, IReadOnlyList<string> Mutants, SampleExpectation Expect)
{
    /// <summary>Reads and checks the recipe of <paramref name="layout"/>'s week.</summary>
    public static SampleRecipe Load(WeekLayout layout)
    {
        var shown = layout.Relative(layout.SampleRecipePath);
        var recipe = AuthoringJson.Read<SampleRecipe>(layout.SampleRecipePath, shown, "the sample recipe {\"description\", \"stubs\", \"mutants\", \"expect\"}");
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(recipe.Description))
        {
            problems.Add($"{shown}: \"description\" is empty; say in a sentence what the sample is (it heads the sample's README).");
        }

        if (recipe.Stubs is null || recipe.Mutants is null || recipe.Expect is null)
        {
            problems.Add($"{shown}: \"stubs\", \"mutants\" and \"expect\" are required (use [] for none).");
        }
        else if (recipe.Expect.Failing is null)
        {
            problems.Add($"{shown}: \"expect\" needs \"score\", \"maxScore\" and \"failing\" (check id → outcome, {{}} for none).");
        }

        return problems.Count > 0 ? throw new AuthoringException(problems) : recipe;
    }
}
