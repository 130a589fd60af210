namespace NeuroExercises.Grader.Release;

/// <summary>One method-like body of a C# file, normalised (see <see cref="MethodBodies"/>).</summary>
/// <param name="Name">Namespace.Type.Method (accessors: Type.Property.get).</param>
/// <param name="Signature">Parameter types, comma-separated (tells overloads apart).</param>
/// <param name="Normalised">The body's tokens without trivia.</param>
/// <param name="SolutionRegion">The normalised tokens between <c>// BEGIN SOLUTION</c> and <c>// END SOLUTION</c>; null without markers.</param>
/// <param name="Line">The body's first line (1-based).</param>
internal sealed record MethodBody(string Name, string Signature, string Normalised, string? SolutionRegion, int Line)
{
    /// <summary>Name and signature: the key that matches a stub with its solution.</summary>
    public string Key => $"{Name}({Signature})";

    /// <summary>True when the method's doc says which checks grade it ("Graded by …"): a graded method, whatever its stub holds.</summary>
    public bool Graded { get; init; }
}
