namespace NeuroExercises.Grader.Release;

/// <summary>One reason a release must not go to students.</summary>
/// <param name="Path">The file, relative to the release root.</param>
/// <param name="Kind">Why.</param>
/// <param name="Detail">What exactly (which solution method, which check), and the fix.</param>
internal sealed record Leak(string Path, LeakKind Kind, string Detail)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Kind}: {Detail}";
}
