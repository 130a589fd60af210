namespace NeuroExercises.Grader.Runner;

/// <summary>Everything the runner needs to run a week's checks against one compiled submission.</summary>
/// <param name="GraderDirectory">The folder holding NeuroExercises.Grader.dll and its dependencies (bound read-only in the sandbox).</param>
/// <param name="ChecksPath">The checks assembly.</param>
/// <param name="SubmissionAssemblyName">The week's assembly name.</param>
/// <param name="SubmissionPath">The compiled submission DLL.</param>
/// <param name="InputsDirectory">The week's inputs folder.</param>
/// <param name="Device">cpu, cuda or auto.</param>
/// <param name="Sandbox">The isolation asked for.</param>
/// <param name="ScratchRoot">Parent of the per-child scratch folders.</param>
internal sealed record RunnerOptions(
    string GraderDirectory,
    string ChecksPath,
    string SubmissionAssemblyName,
    string SubmissionPath,
    string InputsDirectory,
    string Device,
    SandboxMode Sandbox,
    string ScratchRoot)
{
    /// <summary>Slots: runner children working through the checks side by side (each runs one check at a time on one thread).</summary>
    public int Parallelism { get; init; } = 2;

    /// <summary>The first slot (uid 61000 + SlotBase): child k of this run uses slot SlotBase + k, so concurrent runs stay apart.</summary>
    public int SlotBase { get; init; }

    /// <summary>Bytes of prints (stdout and stderr) one check may write before its child is killed.</summary>
    public long OutputCapBytes { get; init; } = 1 << 20;

    /// <summary>Bytes of stdout/stderr kept for the report.</summary>
    public int OutputTailBytes { get; init; } = 4096;

    /// <summary>Managed heap cap of the child (DOTNET_GCHeapHardLimit); libtorch's native memory is not counted.</summary>
    public long GcHeapHardLimitBytes { get; init; } = 1L << 30;

    /// <summary>Size of the child's scratch folder when sandboxed: a tmpfs, so nothing it writes reaches the host disk.</summary>
    public long ScratchQuotaBytes { get; init; } = 256L << 20;

    /// <summary>The memory cap of a runner child's cgroup (the default of <see cref="NeuroExercises.Grader.Sandbox.SandboxLimits"/>).</summary>
    public long MemoryCapBytes { get; init; } = NeuroExercises.Grader.Sandbox.SandboxLimits.DefaultMemoryBytes;

    /// <summary>Longest wait for a child's <c>loaded</c> handshake (process start, TorchSharp load, the submission's module initializer).</summary>
    public TimeSpan HandshakeLimit { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Largest protocol line (one check's reply, base64 outputs included) the parent reads before killing the child.</summary>
    public long ProtocolLineCapBytes { get; init; } = 96L << 20;

    /// <summary>Wall-clock budget of the whole run; null: every check's limit plus two child starts.</summary>
    public TimeSpan? WallBudget { get; init; }

    /// <summary>Multiplies every check's time limit (tests shorten limits; slow machines lengthen them).</summary>
    public double TimeLimitScale { get; init; } = 1;

    /// <summary>Children kept between grades of trusted sources (<see cref="RunnerPool"/>); null: every grade starts its own.</summary>
    public RunnerPool? Pool { get; init; }
}
