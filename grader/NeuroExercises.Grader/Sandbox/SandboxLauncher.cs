using System.Globalization;

namespace NeuroExercises.Grader.Sandbox;

/// <summary>
/// Builds the command line of a sandboxed child (recipe and reasons: ../shared/notes/SANDBOX.md):
/// <c>/bin/sh -c 'join the cgroup; open the filter on fd 3; exec "$@"' sh … bwrap … -- setpriv … -- prlimit … -- program args</c>.
/// The shell writes its own pid into the cgroup before it execs bwrap, so everything the child ever runs is inside the
/// cgroup from its first instruction (no race), and fd 3 (not close-on-exec) carries the filter to <c>bwrap --seccomp 3</c>.
/// </summary>
internal static class SandboxLauncher
{
    /// <summary>Exit code of the wrapper when it cannot join the cgroup or open the filter (nothing untrusted ran).</summary>
    public const int SetupFailedExitCode = 125;

    private const string Wrapper =
        "sf=$1; n=$2; shift 2; " +
        "while [ \"$n\" -gt 0 ]; do echo $$ > \"$1\" || { echo \"sandbox: cannot join cgroup $1\" >&2; exit 125; }; shift; n=$((n-1)); done; " +
        "if [ \"$sf\" != - ]; then exec 3<\"$sf\" || { echo \"sandbox: cannot open seccomp filter $sf\" >&2; exit 125; }; fi; " +
        "exec \"$@\"";

    /// <summary>The .NET root of the running process (three levels above the shared framework folder).</summary>
    public static string DotnetRoot
    {
        get
        {
            var runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            return Path.GetFullPath(Path.Combine(runtimeDir, "..", "..", ".."));
        }
    }

    /// <summary>The command for <paramref name="spec"/>: sandboxed when the session is, else a plain child with the clean environment.</summary>
    /// <param name="spec">The child.</param>
    /// <param name="session">The grade's sandbox session.</param>
    /// <param name="cgroup">The child's cgroup (null: none).</param>
    public static SandboxCommand Build(SandboxSpec spec, SandboxSession session, CgroupSlot? cgroup)
    {
        var limits = spec.Limits.Validated();
        var env = SandboxEnvironment.Build(DotnetRoot, spec.ScratchDirectory, limits.GcHeapHardLimitBytes, spec.Environment);
        if (!session.Sandboxed)
        {
            return new SandboxCommand(spec.Program, spec.Arguments, env);
        }

        var uid = SandboxSession.UidOf(spec.Slot).ToString(CultureInfo.InvariantCulture);
        List<string> bwrap =
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
            "--ro-bind", Path.Combine(session.EtcDirectory, "passwd"), "/etc/passwd",
            "--ro-bind", Path.Combine(session.EtcDirectory, "group"), "/etc/group",
            "--ro-bind", Path.Combine(session.EtcDirectory, "nsswitch.conf"), "/etc/nsswitch.conf",
            "--proc", "/proc", "--dev", "/dev",
            "--perms", "1777", "--size", limits.TmpBytes.ToString(CultureInfo.InvariantCulture), "--tmpfs", "/tmp",
        ];
        if (session.Seccomp)
        {
            bwrap.AddRange(["--seccomp", "3"]);
        }

        var mounts = new List<(string[] Kind, string Path)>();
        if (!IsUnder("/usr", DotnetRoot))
        {
            mounts.Add((["--ro-bind"], DotnetRoot));
        }

        foreach (var p in spec.ReadOnlyPaths.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal))
        {
            if (!IsUnder("/usr", p) && !mounts.Any(m => IsUnder(m.Path, p) || m.Path == p))
            {
                mounts.Add((["--ro-bind"], p));
            }
        }

        var scratch = Path.GetFullPath(spec.ScratchDirectory);
        mounts.Add(spec.ScratchQuotaBytes is { } quota
            ? (["--perms", "0777", "--size", quota.ToString(CultureInfo.InvariantCulture), "--tmpfs"], scratch)
            : (["--bind"], scratch));

        // bwrap creates missing parents of a mount point as 0700 root: make them 0755 first so the slot uid can pass.
        var made = new HashSet<string>(StringComparer.Ordinal) { "/", "/usr", "/tmp", "/etc", "/proc", "/dev" };
        foreach (var (kind, path) in mounts)
        {
            var parents = new List<string>();
            for (var dir = Path.GetDirectoryName(path); dir is not null && !made.Contains(dir) && !IsUnder("/usr", dir); dir = Path.GetDirectoryName(dir))
            {
                parents.Add(dir);
            }

            parents.Reverse();
            foreach (var dir in parents.Where(made.Add))
            {
                bwrap.AddRange(["--perms", "0755", "--dir", dir]);
            }

            bwrap.AddRange(kind);
            if (kind[^1] != "--tmpfs")
            {
                bwrap.Add(path);
            }

            bwrap.Add(path);
            made.Add(path);
        }

        bwrap.AddRange(["--chdir", scratch]);
        foreach (var (k, v) in env)
        {
            bwrap.AddRange(["--setenv", k, v]);
        }

        var prlimit = new List<string>
        {
            "--core=0",
            string.Create(CultureInfo.InvariantCulture, $"--fsize={limits.FileSizeBytes}"),
            string.Create(CultureInfo.InvariantCulture, $"--nofile={limits.OpenFiles}"),
            string.Create(CultureInfo.InvariantCulture, $"--nproc={limits.Processes}"),
        };
        if (limits.CpuSeconds is { } cpu)
        {
            prlimit.Add(string.Create(CultureInfo.InvariantCulture, $"--cpu={cpu}"));
        }

        var procs = cgroup?.ProcsFiles ?? [];
        List<string> args =
        [
            "-c", Wrapper, "sh",
            session.Seccomp ? session.SeccompPath : "-",
            procs.Count.ToString(CultureInfo.InvariantCulture),
            .. procs,
            SandboxSession.FindTool("bwrap")!, .. bwrap,
            "--", SandboxSession.FindTool("setpriv")!, "--reuid", uid, "--regid", uid, "--clear-groups", "--no-new-privs",
            "--bounding-set", "-all", "--inh-caps", "-all",
            "--", SandboxSession.FindTool("prlimit")!, .. prlimit,
            "--", spec.Program, .. spec.Arguments,
        ];
        return new SandboxCommand("/bin/sh", args, new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" });
    }

    /// <summary>The isolation <paramref name="spec"/> gets in <paramref name="session"/> with <paramref name="cgroup"/>.</summary>
    public static IsolationReport Describe(SandboxSpec spec, SandboxSession session, CgroupSlot? cgroup)
    {
        if (!session.Sandboxed)
        {
            return IsolationReport.None("--sandbox none: trusted code only");
        }

        var notes = new List<string>();
        if (cgroup is null)
        {
            notes.Add("no cgroup: " + session.Cgroups.Reason);
        }

        if (!session.Seccomp)
        {
            notes.Add("no seccomp filter");
        }

        return new IsolationReport(
            "bwrap",
            cgroup is null ? "none" : cgroup.Host.Name,
            cgroup?.MemoryBytes,
            cgroup?.PidsMax,
            session.Seccomp,
            SandboxSession.UidOf(spec.Slot),
            spec.ScratchQuotaBytes is { } q ? "tmpfs " + IsolationReport.Size(q) : "bind",
            string.Join("; ", notes));
    }

    private static bool IsUnder(string root, string path)
    {
        var r = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        return Path.GetFullPath(path).StartsWith(r, StringComparison.Ordinal);
    }
}
