namespace NeuroExercises.Grader.Runner;

/// <summary>Everything the runner needs to run a week's checks against one compiled submission.</summary>
/// <param name="GraderDirectory">The folder holding NeuroExercises.Grader.dll and its dependencies (bound read-only in the sandbox).</param>
/// <param name="ChecksPath">The checks assembly.</param>
/// <param name="SubmissionAssemblyName">The week's assembly name.</param>
/// <param name="SubmissionPath">The compiled submission DLL.</param>
/// <param name="InputsDirectory">The week's inputs folder.</param>
/// <param name="Device">cpu, cuda or auto.</param>
/// <param name="Sandbox">The isolation asked for.</param>
/// <param name="ScratchRoot">Parent of the per-check scratch folders.</param>
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
    /// <summary>Checks run at once (the machine has 2 cores; libtorch uses them too).</summary>
    public int Parallelism { get; init; } = 2;

    /// <summary>stdout + stderr bytes a child may write before it is killed.</summary>
    public long OutputCapBytes { get; init; } = 1 << 20;

    /// <summary>Bytes of stdout/stderr kept for the report.</summary>
    public int OutputTailBytes { get; init; } = 4096;

    /// <summary>Managed heap cap of the child (DOTNET_GCHeapHardLimit); libtorch's native memory is not counted.</summary>
    public long GcHeapHardLimitBytes { get; init; } = 2L << 30;

    /// <summary>Time added to each check's limit for the child's start (runtime, TorchSharp load).</summary>
    public TimeSpan StartupAllowance { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Multiplies every check's time limit (tests shorten limits; slow machines lengthen them).</summary>
    public double TimeLimitScale { get; init; } = 1;
}
