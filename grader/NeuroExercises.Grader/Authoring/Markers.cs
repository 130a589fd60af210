namespace NeuroExercises.Grader.Authoring;

/// <summary>
/// The marker convention of solution files (see docs/adding-a-week.md), each marker alone on its line:
/// <list type="bullet">
/// <item><c>// BEGIN SOLUTION</c> … <c>// END SOLUTION</c> around a graded body: the exercise gets one
/// <c>throw new NotImplementedException("Type.Method: hint; see its XML doc.");</c> instead;</item>
/// <item><c>// STUB: hint</c> as the first line inside a region: the hint of that stub's message;</item>
/// <item>a line ending in <c>// SOLUTION ONLY</c> (a <c>using</c> only the bodies need) and <c>// BEGIN SOLUTION ONLY</c> …
/// <c>// END SOLUTION ONLY</c> (a private helper only the bodies call): dropped from the exercise.</item>
/// </list>
/// In a project file the same words are XML comments (<c>&lt;!-- SOLUTION ONLY --&gt;</c>).
/// </summary>
internal static class Markers
{
    /// <summary>Opens a graded region.</summary>
    public const string Begin = "BEGIN SOLUTION";

    /// <summary>Closes a graded region.</summary>
    public const string End = "END SOLUTION";

    /// <summary>Trailing marker of a line only the solution has.</summary>
    public const string Only = "SOLUTION ONLY";

    /// <summary>Opens a block only the solution has.</summary>
    public const string BeginOnly = "BEGIN SOLUTION ONLY";

    /// <summary>Closes a block only the solution has.</summary>
    public const string EndOnly = "END SOLUTION ONLY";

    /// <summary>Prefix of the hint line right after BEGIN.</summary>
    public const string StubHint = "// STUB:";

    /// <summary>The doc phrase that makes a method graded (it must then carry a region).</summary>
    public const string GradedBy = "Graded by";
}
