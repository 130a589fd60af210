namespace NeuroExercises.Grader.Release.Steps;

/// <summary>
/// Copies what <c>check</c> needs: the grader project (compile, sandboxed runner, judge, reports; it holds no expected
/// values), the checks contract, the sources of the TorchSharp shim fix setup.sh builds on Debian 12, and global.json.
/// </summary>
internal sealed class CopyGraderStep : IReleaseStep
{
    /// <inheritdoc />
    public string Name => "copy the grader and the checks contract";

    /// <inheritdoc />
    public void Run(ReleaseContext context)
    {
        context.CopyTree("grader/NeuroExercises.Grader", "grader/NeuroExercises.Grader");
        context.CopyTree("grader/NeuroExercises.Grader.Checks", "grader/NeuroExercises.Grader.Checks");
        context.CopyTree("tools/native", "tools/native", rel => rel.EndsWith(".c", StringComparison.Ordinal) || rel.EndsWith(".cc", StringComparison.Ordinal));
        context.CopyFile("global.json", "global.json");
    }
}
