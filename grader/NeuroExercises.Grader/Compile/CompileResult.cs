namespace NeuroExercises.Grader.Compile;

/// <summary>The outcome of compiling a submission.</summary>
/// <param name="AssemblyPath">The compiled DLL, or null when compilation failed.</param>
/// <param name="Errors">Compiler errors (empty on success), or the reason compilation did not run.</param>
/// <param name="SourceFiles">The .cs files compiled, relative to the submission folder.</param>
/// <param name="Elapsed">Compile time.</param>
internal sealed record CompileResult(string? AssemblyPath, IReadOnlyList<CompileDiagnostic> Errors, IReadOnlyList<string> SourceFiles, TimeSpan Elapsed)
{
    /// <summary>True when a DLL was produced.</summary>
    public bool Succeeded => AssemblyPath is not null;

    /// <summary>SHA-256 of the submission's source files (names and bytes); empty when they could not be read.</summary>
    public string SourcesHash { get; init; } = "";

    /// <summary>True when the DLL came from the compile cache.</summary>
    public bool FromCache { get; init; }

    /// <summary>Project and build files in the submission that were ignored (never read or run).</summary>
    public IReadOnlyList<string> Ignored { get; init; } = [];

    /// <summary>Time inside the compiler, as the compile child measured it (zero for a cache hit or an in-process compile).</summary>
    public TimeSpan CompilerTime { get; init; }

    /// <summary>The isolation the compiler ran under (e.g. "bwrap+cgroup-v1(mem 1G, pids 256)+seccomp+uid 61000+scratch bind"), or "in-process".</summary>
    public string Isolation { get; init; } = "in-process";
}
