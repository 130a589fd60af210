namespace NeuroExercises.Grader.Release;

/// <summary>A release that was refused or failed; the message names the thing and the fix, nothing was written to --out.</summary>
internal sealed class ReleaseException : Exception
{
    /// <summary>A refused release.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="exitCode">The CLI's exit code (see <see cref="Cli.ExitCodes"/>).</param>
    public ReleaseException(string message, int exitCode)
        : base(message) => ExitCode = exitCode;

    /// <summary>The CLI's exit code.</summary>
    public int ExitCode { get; }
}
