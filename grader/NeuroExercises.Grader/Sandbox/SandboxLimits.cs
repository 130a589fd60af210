namespace NeuroExercises.Grader.Sandbox;

/// <summary>Resource limits of one sandboxed child.</summary>
internal sealed record SandboxLimits
{
    /// <summary>
    /// Default cgroup memory cap (memory and memory + swap) of a check child. A TorchSharp child of this course measured
    /// at most ≈0.5 GB RSS (notes: first op 153 MB, trajectory 384 MB, training 280 MB, peak 483 MB); 1.5 GB leaves 3× margin.
    /// </summary>
    public const long DefaultMemoryBytes = 1536L << 20;

    /// <summary>Memory cap (cgroup memory.limit_in_bytes / memory.max, swap included).</summary>
    public long MemoryBytes { get; init; } = DefaultMemoryBytes;

    /// <summary>cgroup pids.max: processes and threads (.NET itself uses ≈ 10–20).</summary>
    public int PidsMax { get; init; } = 256;

    /// <summary>DOTNET_GCHeapHardLimit: must stay below <see cref="MemoryBytes"/> so a managed allocation fails with a catchable OutOfMemoryException before the cgroup kills.</summary>
    public long GcHeapHardLimitBytes { get; init; } = 1L << 30;

    /// <summary>RLIMIT_FSIZE: largest file the child may write.</summary>
    public long FileSizeBytes { get; init; } = 256L << 20;

    /// <summary>RLIMIT_NOFILE.</summary>
    public int OpenFiles { get; init; } = 1024;

    /// <summary>RLIMIT_NPROC for the slot's uid (one uid per slot, so it counts this child only).</summary>
    public int Processes { get; init; } = 256;

    /// <summary>RLIMIT_CPU in seconds (SIGXCPU), or null for none (the wall-clock limit still applies).</summary>
    public int? CpuSeconds { get; init; }

    /// <summary>Size of the private /tmp (tmpfs, counted in the memory cap).</summary>
    public long TmpBytes { get; init; } = 64L << 20;

    /// <summary>Throws when the limits contradict each other.</summary>
    public SandboxLimits Validated()
    {
        if (GcHeapHardLimitBytes >= MemoryBytes)
        {
            throw new ArgumentException($"sandbox limits: DOTNET_GCHeapHardLimit ({GcHeapHardLimitBytes} bytes) must be below the memory cap ({MemoryBytes} bytes), else the cgroup kills the child before the GC can throw OutOfMemoryException.");
        }

        return this;
    }
}
