namespace NeuroExercises.Grader.Authoring;

/// <summary>
/// Bad authoring input (markers, recipe, mutants, an unknown week): the message names the thing (file:line, field, mutant)
/// and the fix. Nothing has been written when it is thrown.
/// </summary>
internal sealed class AuthoringException : Exception
{
    /// <summary>An error with one or more problems, one per line.</summary>
    /// <param name="problems">The problems (each names its thing and its fix).</param>
    public AuthoringException(IReadOnlyList<string> problems)
        : base(string.Join("\n", problems))
    {
        Problems = problems;
    }

    /// <summary>An error with one problem.</summary>
    /// <param name="problem">The problem.</param>
    public AuthoringException(string problem)
        : this([problem])
    {
    }

    /// <summary>The problems, one per entry.</summary>
    public IReadOnlyList<string> Problems { get; }
}
