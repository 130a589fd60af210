namespace NeuroExercises.Grader.Authoring;

/// <summary>One <c>// BEGIN SOLUTION</c> … <c>// END SOLUTION</c> region of a solution file.</summary>
/// <param name="BeginLine">The BEGIN marker's line (1-based).</param>
/// <param name="EndLine">The END marker's line (1-based).</param>
/// <param name="Indent">The BEGIN line's indentation (the stub line gets it).</param>
/// <param name="Member">The enclosing member as <c>Type.Method</c> (a constructor is <c>Type.Type</c>, an accessor its property).</param>
/// <param name="Hint">The short what-to-do of a <c>// STUB:</c> line right after BEGIN; null when there is none.</param>
internal sealed record MarkedRegion(int BeginLine, int EndLine, string Indent, string Member, string? Hint)
{
    /// <summary>The stub statement that replaces the region in an exercise.</summary>
    public string StubLine =>
        $"{Indent}throw new NotImplementedException(\"{Escape(Member)}: {Escape(Hint ?? "not written yet")}; see its XML doc.\");";

    private static string Escape(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
