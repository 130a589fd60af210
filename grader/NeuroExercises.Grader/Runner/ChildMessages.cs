using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeuroExercises.Grader.Runner;

/// <summary>One request the parent sends the runner child on its standard input (one JSON line).</summary>
/// <param name="Seq">The request's sequence number (the reply carries it back).</param>
/// <param name="CheckId">The check id (for messages).</param>
/// <param name="ClassName">Full name of the check's class.</param>
/// <param name="MethodName">The check method.</param>
/// <param name="Seed">The seed set before the check runs.</param>
/// <param name="Load">When set, not a check: load this compiled submission (same assembly name) in place of the current one and
/// answer <c>loaded</c> (a reusable child only, see <see cref="RunnerPool"/>).</param>
internal sealed record RunRequest(int Seq, string CheckId, string ClassName, string MethodName, long Seed, string? Load = null);

/// <summary>
/// One reply of the runner child, written as one JSON line on the protocol stream (the child's original stdout; the
/// submission's own prints go to stderr). Kinds: <c>loaded</c> (the handshake: the submission was loaded and its module
/// initializer ran) and <c>result</c> (one check: its outputs as a base64 NPZ, or the exception it threw).
/// The parent treats every reply as untrusted data: it validates sizes, names and arrays, and computes every verdict itself.
/// </summary>
/// <param name="Kind">loaded or result.</param>
/// <param name="Seq">The request answered (result, and loaded after a load request).</param>
/// <param name="Ok">True when the check returned its outputs.</param>
/// <param name="Outputs">Output names in the archive.</param>
/// <param name="Npz">The outputs as an NPZ archive, base64.</param>
/// <param name="ExceptionType">The exception's type when the check threw.</param>
/// <param name="Message">The exception's message (capped).</param>
/// <param name="StackTail">The student's own frames of its stack trace (<see cref="StudentTrace"/>): what students read.</param>
/// <param name="StaffTrace">The exception's whole text (every frame, grader paths included): the staff-only log, never a student.</param>
/// <param name="ElapsedMs">Process start to handshake (loaded) or the check call (result), ms.</param>
internal sealed record ChildReply(
    string Kind,
    int Seq = 0,
    bool Ok = false,
    IReadOnlyList<string>? Outputs = null,
    string? Npz = null,
    string? ExceptionType = null,
    string? Message = null,
    string? StackTail = null,
    string? StaffTrace = null,
    double ElapsedMs = 0)
{
    /// <summary>The handshake kind.</summary>
    public const string Loaded = "loaded";

    /// <summary>The check result kind.</summary>
    public const string Result = "result";

    /// <summary>JSON settings of the protocol (compact, nulls omitted).</summary>
    public static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
}
