using NeuroExercises.Grader.Sandbox;

namespace NeuroExercises.Grader.Runner;

/// <summary>
/// Builds the runner child: the grader itself (<c>dotnet exec NeuroExercises.Grader.dll serve …</c>) with the
/// allowlisted environment (<see cref="SandboxEnvironment"/>). <see cref="Spec"/> gives the full containment (bwrap +
/// cgroup + seccomp + slot uid, see <see cref="SandboxLauncher"/>; recipe and reasons: ../shared/notes/SANDBOX.md).
/// </summary>
internal static class ChildLauncher
{
    /// <summary>The .NET root of the running process (three levels above the shared framework folder).</summary>
    public static string DotnetRoot => SandboxLauncher.DotnetRoot;

    /// <summary>The sandbox mode <paramref name="asked"/> resolves to on this machine; Bwrap when it is not usable throws.</summary>
    public static SandboxMode Resolve(SandboxMode asked)
    {
        var tools = Environment.IsPrivilegedProcess && OperatingSystem.IsLinux()
            && FindTool("bwrap") is not null && FindTool("setpriv") is not null && FindTool("prlimit") is not null;
        var probe = tools ? SandboxSession.BwrapProblem : null;
        var usable = tools && probe!.Length == 0;
        switch (asked)
        {
            case SandboxMode.None:
                return SandboxMode.None;
            case SandboxMode.Bwrap when usable:
                return SandboxMode.Bwrap;
            case SandboxMode.Bwrap when tools:
                throw new InvalidOperationException(
                    $"--sandbox bwrap: bubblewrap is installed but cannot start a sandbox here ({probe}); this happens in a chroot or an unprivileged container. Grade on a machine where bwrap works, or pass --sandbox none for trusted code.");
            case SandboxMode.Bwrap:
                throw new InvalidOperationException(
                    "--sandbox bwrap: bubblewrap is not usable here (it needs root and the tools bwrap, setpriv and prlimit on PATH); install bubblewrap (apt-get install bubblewrap) or pass --sandbox none for trusted code.");
            default:
                if (tools && !usable)
                {
                    Console.Error.WriteLine($"warning: --sandbox auto: bubblewrap cannot start a sandbox here ({probe}); checks run without a sandbox.");
                }

                return usable ? SandboxMode.Bwrap : SandboxMode.None;
        }
    }

    /// <summary>
    /// The runner child of <paramref name="request"/> as a <see cref="SandboxSpec"/>: start it with
    /// <c>SandboxedProcess.Start(spec, session)</c> (one <see cref="SandboxSession"/> per grade, created with
    /// <c>SandboxSession.Create(Resolve(mode) == SandboxMode.Bwrap)</c>). The child then runs as uid 61000 + <paramref name="slot"/>
    /// in its own cgroup (memory and pids caps from <paramref name="limits"/>), under the seccomp filter, with the allowlisted
    /// environment, seeing only /usr, the .NET root, the grader folder, the checks, the inputs and the submission (read-only)
    /// and its scratch folder.
    /// </summary>
    /// <param name="options">Runner options.</param>
    /// <param name="request">The check (or, for a persistent child, the first request's paths).</param>
    /// <param name="slot">The concurrent slot (0 to <see cref="SandboxSession.MaxSlots"/> - 1): one per child running at once.</param>
    /// <param name="limits">Memory, pids and rlimits (default: 1.5 GB, 256 pids, GC heap 1 GB); the GC heap limit is also capped by <see cref="RunnerOptions.GcHeapHardLimitBytes"/>.</param>
    /// <param name="scratchQuotaBytes">When set, the scratch folder is a tmpfs of this size (its files never reach the host: results must come back over the pipes).</param>
    public static SandboxSpec Spec(RunnerOptions options, ChildRequest request, int slot, SandboxLimits? limits = null, long? scratchQuotaBytes = null)
    {
        limits ??= new SandboxLimits();
        limits = limits with { GcHeapHardLimitBytes = Math.Min(limits.GcHeapHardLimitBytes, options.GcHeapHardLimitBytes) };
        var readOnly = new List<string> { options.GraderDirectory };
        readOnly.AddRange(new[] { request.ChecksPath, request.InputsDirectory, request.SubmissionsFolder ?? request.SubmissionPath }.Where(Path.Exists));
        return new SandboxSpec(Path.Combine(DotnetRoot, "dotnet"), ChildArguments(options, request), slot, request.ScratchDirectory)
        {
            ReadOnlyPaths = readOnly,
            ScratchQuotaBytes = scratchQuotaBytes,
            Limits = limits,
        };
    }

    /// <summary>The arguments of the runner child (<c>exec NeuroExercises.Grader.dll serve …</c>; checks come over stdin).</summary>
    public static List<string> ChildArguments(RunnerOptions options, ChildRequest request) =>
    [
        "exec", Path.Combine(options.GraderDirectory, "NeuroExercises.Grader.dll"), "serve",
        "--checks", request.ChecksPath,
        "--assembly-name", request.SubmissionAssemblyName,
        "--submission", request.SubmissionPath,
        "--inputs", request.InputsDirectory,
        "--device", request.Device,
        .. request.SubmissionsFolder is null ? Array.Empty<string>() : ["--reusable"],
    ];

    private static string? FindTool(string name) => SandboxSession.FindTool(name);
}
