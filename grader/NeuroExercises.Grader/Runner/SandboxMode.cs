namespace NeuroExercises.Grader.Runner;

/// <summary>How the runner child is isolated (<c>--sandbox</c>).</summary>
internal enum SandboxMode
{
    /// <summary>bubblewrap when running as root with bwrap and setpriv installed, else none.</summary>
    Auto,

    /// <summary>bubblewrap (fails when unusable).</summary>
    Bwrap,

    /// <summary>A plain child process with an emptied environment (trusted code only).</summary>
    None,
}
