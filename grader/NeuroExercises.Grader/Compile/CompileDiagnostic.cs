namespace NeuroExercises.Grader.Compile;

/// <summary>One compiler error, located relative to the submission folder.</summary>
/// <param name="Id">Compiler message id, e.g. CS1002.</param>
/// <param name="File">File path relative to the submission folder ('/' separated).</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Message">The compiler's message.</param>
internal sealed record CompileDiagnostic(string Id, string File, int Line, int Column, string Message)
{
    /// <inheritdoc />
    public override string ToString() => (File, Line) switch
    {
        ("", _) => $"error {Id}: {Message}",
        (_, 0) => $"{File}: error {Id}: {Message}",
        _ => $"{File}:{Line}:{Column}: error {Id}: {Message}",
    };
}
