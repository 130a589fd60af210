using System.Globalization;
using NeuroExercises.Grader.Sandbox;

namespace NeuroExercises.Grader.Runner;

/// <summary>
/// Builds the runner child: the grader itself (<c>dotnet exec NeuroExercises.Grader.dll run-check …</c>) with the
/// allowlisted environment (<see cref="SandboxEnvironment"/>). <see cref="Spec"/> gives the full containment (bwrap +
/// cgroup + seccomp + slot uid, see <see cref="SandboxLauncher"/>); <see cref="Build"/> is the older bwrap + setpriv +
/// prlimit command line (recipe and reasons: ../shared/notes/SANDBOX.md).
/// </summary>
internal static class ChildLauncher
{
    /// <summary>The uid and gid the sandboxed child runs as (nobody).</summary>
    public const int SandboxUid = 65534;

    /// <summary>Size of the sandbox's private /tmp.</summary>
    private const long TmpBytes = 64L << 20;

    /// <summary>Largest file the child may write (result.npz included).</summary>
    private const long FileSizeBytes = 256L << 20;

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
        readOnly.AddRange(new[] { request.ChecksPath, request.InputsDirectory, request.SubmissionPath }.Where(Path.Exists));
        return new SandboxSpec(Path.Combine(DotnetRoot, "dotnet"), ChildArguments(options, request), slot, request.ScratchDirectory)
        {
            ReadOnlyPaths = readOnly,
            ScratchQuotaBytes = scratchQuotaBytes,
            Limits = limits,
        };
    }

    /// <summary>The arguments of the runner child (<c>exec NeuroExercises.Grader.dll run-check …</c>).</summary>
    public static List<string> ChildArguments(RunnerOptions options, ChildRequest request) =>
    [
        "exec", Path.Combine(options.GraderDirectory, "NeuroExercises.Grader.dll"), "run-check",
        "--check", request.CheckId,
        "--checks", request.ChecksPath,
        "--class", request.ClassName,
        "--method", request.MethodName,
        "--assembly-name", request.SubmissionAssemblyName,
        "--submission", request.SubmissionPath,
        "--inputs", request.InputsDirectory,
        "--device", request.Device,
        "--scratch", request.ScratchDirectory,
    ];

    /// <summary>
    /// Legacy: the child's command line for <paramref name="request"/> without cgroup or seccomp, as uid 65534 (what
    /// CheckRunner uses until it moves to <see cref="Spec"/> + <c>SandboxedProcess</c>); the environment is the allowlist.
    /// </summary>
    /// <param name="options">Runner options (sandbox must be resolved: Bwrap or None).</param>
    /// <param name="request">The check to run.</param>
    /// <param name="etcDirectory">A folder holding passwd and group for the sandbox (see <see cref="WriteSandboxEtc"/>).</param>
    public static ChildCommandLine Build(RunnerOptions options, ChildRequest request, string etcDirectory)
    {
        var dotnet = Path.Combine(DotnetRoot, "dotnet");
        var childArgs = ChildArguments(options, request);
        var env = SandboxEnvironment.Build(DotnetRoot, request.ScratchDirectory, options.GcHeapHardLimitBytes);
        if (options.Sandbox == SandboxMode.None)
        {
            return new ChildCommandLine(dotnet, childArgs, env);
        }

        List<string> args =
        [
            "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup",
            "--die-with-parent", "--new-session", "--clearenv",
            "--ro-bind", "/usr", "/usr",
            "--symlink", "usr/lib", "/lib",
            "--symlink", "usr/lib64", "/lib64",
            "--symlink", "usr/bin", "/bin",
            "--symlink", "usr/sbin", "/sbin",
            "--perms", "0755", "--dir", "/etc",
            "--ro-bind", "/etc/ld.so.cache", "/etc/ld.so.cache",
            "--ro-bind", Path.Combine(etcDirectory, "passwd"), "/etc/passwd",
            "--ro-bind", Path.Combine(etcDirectory, "group"), "/etc/group",
            "--ro-bind", Path.Combine(etcDirectory, "nsswitch.conf"), "/etc/nsswitch.conf",
            "--proc", "/proc", "--dev", "/dev",
            "--perms", "1777", "--size", TmpBytes.ToString(CultureInfo.InvariantCulture), "--tmpfs", "/tmp",
        ];
        var binds = new List<(string Kind, string Path)>();
        if (!IsUnder("/usr", DotnetRoot))
        {
            binds.Add(("--ro-bind", DotnetRoot));
        }

        binds.Add(("--ro-bind", options.GraderDirectory));
        foreach (var path in new[] { request.ChecksPath, request.InputsDirectory })
        {
            if (!IsUnder(options.GraderDirectory, path) && Path.Exists(path))
            {
                binds.Add(("--ro-bind", path));
            }
        }

        binds.Add(("--ro-bind", request.SubmissionPath));
        binds.Add(("--bind", request.ScratchDirectory));

        // bwrap creates missing parents of a mount point as 0700 root: make them 0755 first so uid 65534 can pass.
        var made = new HashSet<string>(StringComparer.Ordinal) { "/", "/usr", "/tmp", "/etc", "/proc", "/dev" };
        foreach (var (kind, path) in binds)
        {
            var full = Path.GetFullPath(path);
            var parents = new List<string>();
            for (var dir = Path.GetDirectoryName(full); dir is not null && !made.Contains(dir) && !IsUnder("/usr", dir); dir = Path.GetDirectoryName(dir))
            {
                parents.Add(dir);
            }

            parents.Reverse();
            foreach (var dir in parents.Where(made.Add))
            {
                args.AddRange(["--perms", "0755", "--dir", dir]);
            }

            args.AddRange([kind, full, full]);
        }

        args.AddRange(["--chdir", request.ScratchDirectory]);
        foreach (var (k, v) in env)
        {
            args.AddRange(["--setenv", k, v]);
        }

        var uid = SandboxUid.ToString(CultureInfo.InvariantCulture);
        args.AddRange(
        [
            "--", FindTool("setpriv")!, "--reuid", uid, "--regid", uid, "--clear-groups", "--no-new-privs",
            "--bounding-set", "-all", "--inh-caps", "-all",
            "--", FindTool("prlimit")!, "--core=0", $"--fsize={FileSizeBytes}", "--nofile=1024", "--nproc=4096",
            "--", dotnet,
        ]);
        args.AddRange(childArgs);
        return new ChildCommandLine(FindTool("bwrap")!, args, new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" });
    }

    /// <summary>Writes passwd, group and nsswitch.conf naming the sandbox uid (without them .NET's Environment.UserName throws).</summary>
    public static void WriteSandboxEtc(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "passwd"), $"root:x:0:0:root:/root:/usr/sbin/nologin\nnobody:x:{SandboxUid}:{SandboxUid}:nobody:/nonexistent:/usr/sbin/nologin\n");
        File.WriteAllText(Path.Combine(directory, "group"), $"root:x:0:\nnogroup:x:{SandboxUid}:\n");
        File.WriteAllText(Path.Combine(directory, "nsswitch.conf"), "passwd: files\ngroup: files\nhosts: files\n");
    }

    private static bool IsUnder(string root, string path)
    {
        var r = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        return Path.GetFullPath(path).StartsWith(r, StringComparison.Ordinal);
    }

    private static string? FindTool(string name) => SandboxSession.FindTool(name);
}
