using System.Globalization;

namespace NeuroExercises.Grader.Sandbox;

/// <summary>Which cgroup interface this machine offers for memory and pids limits.</summary>
internal enum CgroupVersion
{
    /// <summary>No usable memory + pids controllers (see <see cref="CgroupHost.Reason"/>).</summary>
    None,

    /// <summary>Legacy hierarchies, one per controller (memory.limit_in_bytes, pids.max).</summary>
    V1,

    /// <summary>The unified hierarchy (memory.max, memory.swap.max, pids.max, cgroup.kill).</summary>
    V2,
}

/// <summary>
/// Where per-child cgroups are made: under this process's own cgroup (so the children stay inside whatever limits
/// the grader itself runs under). For v1 one folder per controller (memory, pids); for v2 one folder.
/// </summary>
/// <param name="Version">v1, v2 or none.</param>
/// <param name="MemoryParent">v1: the grader's memory cgroup folder; v2: the grader's cgroup folder.</param>
/// <param name="PidsParent">v1: the grader's pids cgroup folder; v2: same as <paramref name="MemoryParent"/>.</param>
/// <param name="Reason">Why <see cref="CgroupVersion.None"/> (empty otherwise).</param>
internal sealed record CgroupHost(CgroupVersion Version, string MemoryParent, string PidsParent, string Reason)
{
    private static readonly Lazy<CgroupHost> Detected = new(() => Detect("/proc/self/mountinfo", "/proc/self/cgroup"));

    /// <summary>This machine's cgroups, detected once.</summary>
    public static CgroupHost Current => Detected.Value;

    /// <summary>Short name: cgroup-v1, cgroup-v2 or none.</summary>
    public string Name => Version switch
    {
        CgroupVersion.V1 => "cgroup-v1",
        CgroupVersion.V2 => "cgroup-v2",
        _ => "none",
    };

    /// <summary>Reads the mount table and this process's cgroup membership; needs root to be usable.</summary>
    internal static CgroupHost Detect(string mountInfoPath, string selfCgroupPath)
    {
        if (!OperatingSystem.IsLinux())
        {
            return None("cgroups exist only on Linux");
        }

        if (!Environment.IsPrivilegedProcess)
        {
            return None("making cgroups needs root");
        }

        string[] mounts, membership;
        try
        {
            mounts = File.ReadAllLines(mountInfoPath);
            membership = File.ReadAllLines(selfCgroupPath);
        }
        catch (IOException e)
        {
            return None($"cannot read {mountInfoPath} or {selfCgroupPath}: {e.Message}");
        }

        // mountinfo: id parent maj:min root mountpoint options [optional...] - fstype source superoptions
        var parsed = mounts.Select(l => l.Split(' ')).Where(f => Array.IndexOf(f, "-") is var dash && dash > 0 && f.Length > dash + 3)
            .Select(f =>
            {
                var dash = Array.IndexOf(f, "-");
                return (Root: Unescape(f[3]), Point: Unescape(f[4]), Type: f[dash + 1], Super: f[dash + 3].Split(','));
            }).ToList();
        string? OwnPath(string controller) => membership.Select(l => l.Split(':', 3)).Where(p => p.Length == 3)
            .FirstOrDefault(p => controller.Length == 0 ? p[0] == "0" && p[1].Length == 0 : p[1].Split(',').Contains(controller))?[2];
        string Join(string point, string root, string own)
        {
            var rel = own.StartsWith(root, StringComparison.Ordinal) ? own[root.Length..] : own;
            return Path.Combine(point, rel.TrimStart('/'));
        }

        var memV1 = parsed.FirstOrDefault(m => m.Type == "cgroup" && m.Super.Contains("memory"));
        var pidsV1 = parsed.FirstOrDefault(m => m.Type == "cgroup" && m.Super.Contains("pids"));
        if (memV1.Point is not null && pidsV1.Point is not null && OwnPath("memory") is { } memOwn && OwnPath("pids") is { } pidsOwn)
        {
            var mem = Join(memV1.Point, memV1.Root, memOwn);
            var pids = Join(pidsV1.Point, pidsV1.Root, pidsOwn);
            return File.Exists(Path.Combine(mem, "memory.limit_in_bytes")) && Directory.Exists(pids)
                ? new CgroupHost(CgroupVersion.V1, mem, pids, "")
                : None($"cgroup v1 memory/pids are mounted but {mem} or {pids} is not a usable cgroup folder");
        }

        foreach (var v2 in parsed.Where(m => m.Type == "cgroup2"))
        {
            if (OwnPath("") is not { } own)
            {
                continue;
            }

            var dir = Join(v2.Point, v2.Root, own);
            var controllersFile = Path.Combine(dir, "cgroup.controllers");
            if (!File.Exists(controllersFile))
            {
                continue;
            }

            var controllers = File.ReadAllText(controllersFile).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (!controllers.Contains("memory") || !controllers.Contains("pids"))
            {
                continue;
            }

            // Children get memory and pids only when this cgroup delegates them (fails with EBUSY when processes sit here
            // and it is not the root: then run the grader in a leaf cgroup of its own, e.g. systemd-run --scope -p Delegate=yes).
            try
            {
                var subtree = File.ReadAllText(Path.Combine(dir, "cgroup.subtree_control"));
                if (!subtree.Contains("memory", StringComparison.Ordinal) || !subtree.Contains("pids", StringComparison.Ordinal))
                {
                    File.WriteAllText(Path.Combine(dir, "cgroup.subtree_control"), "+memory +pids");
                }
            }
            catch (IOException e)
            {
                return None($"cgroup v2 at {dir} cannot delegate memory and pids to child cgroups ({e.Message}); run the grader in its own delegated cgroup (systemd-run --scope -p Delegate=yes …)");
            }

            return new CgroupHost(CgroupVersion.V2, dir, dir, "");
        }

        return None("no cgroup v1 memory+pids hierarchies and no cgroup v2 with the memory and pids controllers are mounted");
    }

    private static CgroupHost None(string reason) => new(CgroupVersion.None, "", "", reason);

    private static string Unescape(string s) => s.Replace("\\040", " ", StringComparison.Ordinal).Replace("\\011", "\t", StringComparison.Ordinal)
        .Replace("\\012", "\n", StringComparison.Ordinal).Replace("\\134", "\\", StringComparison.Ordinal);
}

/// <summary>What a child's cgroup recorded by the time it was removed.</summary>
/// <param name="OomKilled">The memory cap killed a process of the child.</param>
/// <param name="PeakMemoryBytes">Highest memory use (v1 memory.max_usage_in_bytes, v2 memory.peak), when known.</param>
/// <param name="PidsCapHit">A fork or thread creation was refused by pids.max.</param>
internal sealed record CgroupUsage(bool OomKilled, long? PeakMemoryBytes, bool PidsCapHit);

/// <summary>
/// One child's cgroup (memory + swap cap, pids cap). The child joins it before anything untrusted runs (the launch
/// wrapper writes its own pid into <see cref="ProcsFiles"/> and then execs bwrap). <see cref="Dispose"/> kills whatever
/// is left in it until it is empty and removes it.
/// </summary>
internal sealed class CgroupSlot : IDisposable
{
    private static int sequence;
    private readonly List<string> directories;
    private CgroupUsage? final;

    private CgroupSlot(CgroupHost host, List<string> directories, long memoryBytes, int pidsMax)
    {
        Host = host;
        this.directories = directories;
        MemoryBytes = memoryBytes;
        PidsMax = pidsMax;
    }

    /// <summary>The cgroup interface used.</summary>
    public CgroupHost Host { get; }

    /// <summary>The memory (and memory + swap) cap.</summary>
    public long MemoryBytes { get; }

    /// <summary>The pids cap.</summary>
    public int PidsMax { get; }

    /// <summary>The cgroup.procs files the child writes its pid into (one per v1 hierarchy; one for v2).</summary>
    public IReadOnlyList<string> ProcsFiles => [.. directories.Select(d => Path.Combine(d, "cgroup.procs"))];

    /// <summary>The cgroup folders (for tests and messages).</summary>
    public IReadOnlyList<string> Directories => directories;

    /// <summary>Makes a cgroup for one child under <paramref name="host"/>; throws IOException with the folder and the fix when it cannot.</summary>
    public static CgroupSlot Create(CgroupHost host, int slot, long memoryBytes, int pidsMax)
    {
        if (host.Version == CgroupVersion.None)
        {
            throw new InvalidOperationException($"no cgroups here: {host.Reason}");
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"neuro-grader.{Environment.ProcessId}.slot{slot}.{Interlocked.Increment(ref sequence)}");
        var dirs = host.Version == CgroupVersion.V1
            ? new List<string> { Path.Combine(host.MemoryParent, name), Path.Combine(host.PidsParent, name) }
            : [Path.Combine(host.MemoryParent, name)];
        var made = new CgroupSlot(host, [], memoryBytes, pidsMax);
        try
        {
            foreach (var d in dirs)
            {
                Directory.CreateDirectory(d);
                made.directories.Add(d);
            }

            var mem = memoryBytes.ToString(CultureInfo.InvariantCulture);
            var pids = pidsMax.ToString(CultureInfo.InvariantCulture);
            if (host.Version == CgroupVersion.V1)
            {
                Write(dirs[0], "memory.limit_in_bytes", mem);
                if (File.Exists(Path.Combine(dirs[0], "memory.memsw.limit_in_bytes")))
                {
                    Write(dirs[0], "memory.memsw.limit_in_bytes", mem);
                }

                Write(dirs[1], "pids.max", pids);
            }
            else
            {
                Write(dirs[0], "memory.max", mem);
                if (File.Exists(Path.Combine(dirs[0], "memory.swap.max")))
                {
                    Write(dirs[0], "memory.swap.max", "0");
                }

                Write(dirs[0], "pids.max", pids);
            }

            return made;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            made.Dispose();
            throw new IOException($"cannot set up the child's cgroup under {host.MemoryParent} ({e.Message}); run the grader as root on a machine with cgroup memory and pids controllers, or pass --sandbox none for trusted code.", e);
        }
    }

    /// <summary>Pids of the processes in this cgroup now.</summary>
    public IReadOnlyList<int> Processes()
    {
        var pids = new HashSet<int>();
        foreach (var f in ProcsFiles)
        {
            try
            {
                foreach (var line in File.ReadAllLines(f))
                {
                    if (int.TryParse(line, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
                    {
                        pids.Add(pid);
                    }
                }
            }
            catch (IOException)
            {
                // Removed already.
            }
        }

        return [.. pids];
    }

    /// <summary>What the cgroup recorded so far (the final value once disposed).</summary>
    public CgroupUsage Usage()
    {
        if (final is not null)
        {
            return final;
        }

        var d = directories.Count > 0 ? directories[0] : "";
        var pidsDir = directories.Count > 1 ? directories[1] : d;
        if (Host.Version == CgroupVersion.V1)
        {
            var oom = Field(Read(d, "memory.oom_control"), "oom_kill") > 0;
            return new CgroupUsage(oom, Number(Read(d, "memory.max_usage_in_bytes")), Field(Read(pidsDir, "pids.events"), "max") > 0);
        }

        return new CgroupUsage(Field(Read(d, "memory.events"), "oom_kill") > 0, Number(Read(d, "memory.peak")), Field(Read(d, "pids.events"), "max") > 0);
    }

    /// <summary>SIGKILLs every process in the cgroup until it is empty (v2: cgroup.kill); true when it emptied within <paramref name="timeout"/>.</summary>
    public bool KillAll(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        if (Host.Version == CgroupVersion.V2 && directories.Count > 0 && File.Exists(Path.Combine(directories[0], "cgroup.kill")))
        {
            TryWrite(directories[0], "cgroup.kill", "1");
        }

        while (true)
        {
            var left = Processes();
            if (left.Count == 0)
            {
                return true;
            }

            if (DateTime.UtcNow > until)
            {
                return false;
            }

            foreach (var pid in left)
            {
                Native.KillProcess(pid);
            }

            Thread.Sleep(5);
        }
    }

    /// <summary>Kills what is left, records the usage and removes the cgroup folders.</summary>
    public void Dispose()
    {
        if (final is not null)
        {
            return;
        }

        KillAll(TimeSpan.FromSeconds(5));
        final = directories.Count > 0 ? Usage() : new CgroupUsage(false, null, false);
        foreach (var d in directories)
        {
            for (var attempt = 0; attempt < 50; attempt++)
            {
                try
                {
                    Directory.Delete(d);
                    break;
                }
                catch (DirectoryNotFoundException)
                {
                    break;
                }
                catch (IOException)
                {
                    // Busy until the last process is reaped.
                    Thread.Sleep(10);
                }
            }
        }
    }

    private static void Write(string dir, string file, string value) => File.WriteAllText(Path.Combine(dir, file), value);

    private static void TryWrite(string dir, string file, string value)
    {
        try
        {
            Write(dir, file, value);
        }
        catch (IOException)
        {
            // Best effort; the kill loop follows.
        }
    }

    private static string Read(string dir, string file)
    {
        try
        {
            return File.ReadAllText(Path.Combine(dir, file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static long? Number(string text) =>
        long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static long Field(string text, string key) =>
        text.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(p => p.Length == 2 && p[0] == key)
            .Select(p => long.TryParse(p[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0).FirstOrDefault();
}
