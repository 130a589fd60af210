namespace NeuroExercises.Grader.Sandbox;

/// <summary>One child to start in a sandbox: the program, what it may see, and its slot.</summary>
/// <param name="Program">The program (absolute path, visible inside: under /usr, the .NET root or a read-only path).</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="Slot">The concurrent slot, 0 to <see cref="SandboxSession.MaxSlots"/> - 1: the child runs as uid 61000 + slot.</param>
/// <param name="ScratchDirectory">The one writable folder (also HOME and the working folder): a host folder bound read-write, or, with <see cref="ScratchQuotaBytes"/>, the path where a size-capped tmpfs is mounted.</param>
internal sealed record SandboxSpec(string Program, IReadOnlyList<string> Arguments, int Slot, string ScratchDirectory)
{
    /// <summary>Host paths the child sees read-only at the same place (files or folders); nothing else of the host but /usr is visible.</summary>
    public IReadOnlyList<string> ReadOnlyPaths { get; init; } = [];

    /// <summary>When set, the scratch folder is a tmpfs of this size (ENOSPC past it; nothing reaches the host disk) instead of a bind of the host folder.</summary>
    public long? ScratchQuotaBytes { get; init; }

    /// <summary>Extra environment variables (names from <see cref="SandboxEnvironment.Allowed"/>).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Resource limits.</summary>
    public SandboxLimits Limits { get; init; } = new();
}

/// <summary>A program, its arguments and its whole environment.</summary>
/// <param name="FileName">The program started.</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="Environment">Its whole environment.</param>
internal sealed record SandboxCommand(string FileName, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment);
