namespace NeuroExercises.Grader.Runner;

/// <summary>The small JSON file the runner child writes last (status.json in its scratch folder).</summary>
/// <param name="CheckId">The check that ran.</param>
/// <param name="Ok">True when the check returned and result.npz holds its outputs.</param>
/// <param name="Outputs">Output names written to result.npz.</param>
/// <param name="ExceptionType">The exception's type when the check threw.</param>
/// <param name="Message">The exception's message.</param>
/// <param name="StackTail">The last frames of its stack trace.</param>
/// <param name="StartupMs">Process start to the check call, ms.</param>
/// <param name="CheckMs">The check call itself, ms.</param>
internal sealed record ChildStatus(
    string CheckId,
    bool Ok,
    IReadOnlyList<string> Outputs,
    string? ExceptionType,
    string? Message,
    string? StackTail,
    double StartupMs,
    double CheckMs)
{
    /// <summary>File name of the status.</summary>
    public const string FileName = "status.json";

    /// <summary>File name of the outputs archive.</summary>
    public const string ResultFileName = "result.npz";
}
