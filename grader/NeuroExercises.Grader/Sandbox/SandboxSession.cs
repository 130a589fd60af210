using System.Diagnostics;
using System.Globalization;

namespace NeuroExercises.Grader.Sandbox;

/// <summary>
/// What all sandboxed children of one grade share: whether bwrap is used, the detected cgroups, a private folder holding
/// the seccomp filter and the passwd/group/nsswitch.conf the children see (naming every slot's uid). Dispose removes it.
/// </summary>
internal sealed class SandboxSession : IDisposable
{
    /// <summary>The first slot uid; slot k runs as <c>FirstUid + k</c>.</summary>
    public const int FirstUid = 61000;

    /// <summary>Slots per session (concurrent children).</summary>
    public const int MaxSlots = 64;

    private static readonly Lazy<string> BwrapProblemValue = new(ProbeBwrap);

    private SandboxSession(bool sandboxed, CgroupHost cgroups, string directory, bool seccomp)
    {
        Sandboxed = sandboxed;
        Cgroups = cgroups;
        Directory = directory;
        Seccomp = seccomp;
    }

    /// <summary>Children run in bwrap (false: plain children with a clean environment, for trusted code only).</summary>
    public bool Sandboxed { get; }

    /// <summary>The cgroups children get (None when not sandboxed or not available).</summary>
    public CgroupHost Cgroups { get; }

    /// <summary>The seccomp filter is loaded into every child.</summary>
    public bool Seccomp { get; }

    /// <summary>The session's private folder (root only).</summary>
    public string Directory { get; }

    /// <summary>The filter file (see <see cref="SeccompFilter"/>).</summary>
    public string SeccompPath => Path.Combine(Directory, "seccomp.bpf");

    /// <summary>Folder with passwd, group and nsswitch.conf for the children.</summary>
    public string EtcDirectory => Path.Combine(Directory, "etc");

    /// <summary>Empty when bwrap, setpriv and prlimit can start a sandbox here (root, tools installed, not a chroot), else why not.</summary>
    public static string BwrapProblem => BwrapProblemValue.Value;

    /// <summary>Starts a session; <paramref name="sandboxed"/> false gives plain children (the report says none).</summary>
    /// <param name="sandboxed">Use bwrap + cgroup + seccomp + slot uids.</param>
    /// <param name="useCgroups">Make a cgroup per child when the machine has them (tests turn it off to measure).</param>
    /// <param name="useSeccomp">Load the seccomp filter (tests turn it off to measure).</param>
    public static SandboxSession Create(bool sandboxed, bool useCgroups = true, bool useSeccomp = true)
    {
        if (sandboxed && BwrapProblem.Length > 0)
        {
            throw new InvalidOperationException($"sandbox: {BwrapProblem}");
        }

        var dir = System.IO.Directory.CreateTempSubdirectory("neuro-sandbox-").FullName;
        var cgroups = sandboxed && useCgroups ? CgroupHost.Current : new CgroupHost(CgroupVersion.None, "", "", sandboxed ? "cgroups turned off" : "no sandbox");
        var seccomp = sandboxed && useSeccomp && SeccompFilter.Supported;
        var session = new SandboxSession(sandboxed, cgroups, dir, seccomp);
        if (sandboxed)
        {
            File.WriteAllBytes(session.SeccompPath, SeccompFilter.Build());
            WriteEtc(session.EtcDirectory);
        }

        return session;
    }

    /// <summary>The uid of <paramref name="slot"/>.</summary>
    public static int UidOf(int slot) => slot is >= 0 and < MaxSlots
        ? FirstUid + slot
        : throw new ArgumentOutOfRangeException(nameof(slot), slot, $"a slot is 0 to {MaxSlots - 1} (one per concurrent child).");

    /// <summary>Writes passwd, group and nsswitch.conf naming every slot's uid (without them .NET's Environment.UserName throws).</summary>
    public static void WriteEtc(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        var passwd = new System.Text.StringBuilder("root:x:0:0:root:/root:/usr/sbin/nologin\n");
        var group = new System.Text.StringBuilder("root:x:0:\n");
        for (var slot = 0; slot < MaxSlots; slot++)
        {
            var uid = UidOf(slot).ToString(CultureInfo.InvariantCulture);
            passwd.Append(CultureInfo.InvariantCulture, $"sandbox{slot}:x:{uid}:{uid}:grader sandbox slot {slot}:/nonexistent:/usr/sbin/nologin\n");
            group.Append(CultureInfo.InvariantCulture, $"sandbox{slot}:x:{uid}:\n");
        }

        passwd.Append("nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
        group.Append("nogroup:x:65534:\n");
        File.WriteAllText(Path.Combine(directory, "passwd"), passwd.ToString());
        File.WriteAllText(Path.Combine(directory, "group"), group.ToString());
        File.WriteAllText(Path.Combine(directory, "nsswitch.conf"), "passwd: files\ngroup: files\nhosts: files\n");
    }

    /// <summary>The first of the well-known folders holding <paramref name="name"/>.</summary>
    public static string? FindTool(string name) =>
        new[] { "/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin" }
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists);

    /// <summary>Removes the private folder.</summary>
    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS.
        }
    }

    private static string ProbeBwrap()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            return "bubblewrap sandboxing needs Linux and root";
        }

        var missing = new[] { "bwrap", "setpriv", "prlimit" }.Where(t => FindTool(t) is null).ToList();
        if (missing.Count > 0)
        {
            return $"{string.Join(", ", missing)} not found on /usr/bin:/bin:/usr/sbin:/sbin (install bubblewrap and util-linux)";
        }

        // Having the tools is not enough: in a chroot (/ is no mount point) or an unprivileged container bwrap fails at start.
        try
        {
            var psi = new ProcessStartInfo(FindTool("bwrap")!)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var a in new[]
            {
                "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup", "--die-with-parent",
                "--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
                "--symlink", "usr/bin", "/bin", "--proc", "/proc", "--dev", "/dev", "--", "/usr/bin/true",
            })
            {
                psi.ArgumentList.Add(a);
            }

            using var p = Process.Start(psi)!;
            var err = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(10_000))
            {
                p.Kill(entireProcessTree: true);
                return "bwrap did not start within 10 s";
            }

            return p.ExitCode == 0 ? "" : $"bwrap exited {p.ExitCode}: {err.Result.Trim()}";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return $"bwrap could not be run: {e.Message}";
        }
    }
}
