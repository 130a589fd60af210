using NeuroExercises.Core.Npy;

namespace NeuroExercises.Grader.Records;

/// <summary>What the runner hands the judge for one check: the returned arrays and how the run went. No snapshots here.</summary>
/// <param name="Id">The check id.</param>
/// <param name="Status">How the run ended.</param>
/// <param name="Outputs">Output name → array (empty unless <see cref="RunStatus.Completed"/>).</param>
/// <param name="Elapsed">Wall time of the child process.</param>
/// <param name="ChildStartup">Process start to the check's first line (null when unknown).</param>
/// <param name="Detail">Exception type, message and stack tail, or why there is no result.</param>
/// <param name="OutputTail">The last bytes of the child's stdout and stderr.</param>
internal sealed record CheckRun(
    string Id,
    RunStatus Status,
    IReadOnlyDictionary<string, NpyArray> Outputs,
    TimeSpan Elapsed,
    TimeSpan? ChildStartup,
    string Detail,
    string OutputTail)
{
    /// <summary>
    /// The whole exception text when the check threw (grader frames and paths included): for the staff-only log
    /// (<see cref="Judge.GradeResult.StaffLog"/>), never shown to a student. Empty otherwise.
    /// </summary>
    public string StaffDetail { get; init; } = "";

    /// <summary>A record for a check that did not run.</summary>
    public static CheckRun NotRun(string id, string reason) =>
        new(id, RunStatus.NotRun, new Dictionary<string, NpyArray>(), TimeSpan.Zero, null, reason, "");
}
