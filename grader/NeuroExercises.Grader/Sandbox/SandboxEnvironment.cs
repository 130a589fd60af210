using System.Globalization;

namespace NeuroExercises.Grader.Sandbox;

/// <summary>
/// The child's whole environment, built from an allowlist: never a copy of the grader's variables (which may hold
/// tokens or paths the child must not learn).
/// </summary>
internal static class SandboxEnvironment
{
    /// <summary>The only variable names a child may get.</summary>
    public static readonly IReadOnlySet<string> Allowed = new HashSet<string>(StringComparer.Ordinal)
    {
        "DOTNET_ROOT", "PATH", "HOME", "TMPDIR", "TZ", "LANG",
        "PWD", // set by bwrap --chdir (the scratch folder)
        "DOTNET_GCHeapHardLimit", "DOTNET_EnableDiagnostics", "DOTNET_CLI_TELEMETRY_OPTOUT", "DOTNET_NOLOGO",
        "OMP_NUM_THREADS", "MKL_NUM_THREADS",
    };

    /// <summary>The environment for a child whose home (and only writable folder) is <paramref name="home"/>.</summary>
    /// <param name="dotnetRoot">The .NET root.</param>
    /// <param name="home">HOME: the scratch folder.</param>
    /// <param name="gcHeapHardLimitBytes">DOTNET_GCHeapHardLimit (below the cgroup memory cap).</param>
    /// <param name="extra">More variables; each name must be in <see cref="Allowed"/>.</param>
    public static SortedDictionary<string, string> Build(string dotnetRoot, string home, long gcHeapHardLimitBytes, IReadOnlyDictionary<string, string>? extra = null)
    {
        var env = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["DOTNET_ROOT"] = dotnetRoot,
            ["PATH"] = "/usr/bin:/bin",
            ["HOME"] = home,
            ["TMPDIR"] = "/tmp",
            ["TZ"] = "UTC",
            ["LANG"] = "C.UTF-8",
            ["DOTNET_GCHeapHardLimit"] = "0x" + gcHeapHardLimitBytes.ToString("X", CultureInfo.InvariantCulture),
            // No debugger/profiler/EventPipe IPC socket: nothing can attach to the child, and it makes no files in /tmp.
            ["DOTNET_EnableDiagnostics"] = "0",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string>())
        {
            if (!Allowed.Contains(k))
            {
                throw new ArgumentException($"child environment: '{k}' is not in the allowlist ({string.Join(", ", Allowed.Order(StringComparer.Ordinal))}); add it to SandboxEnvironment.Allowed if the child really needs it.", nameof(extra));
            }

            env[k] = v;
        }

        return env;
    }
}
