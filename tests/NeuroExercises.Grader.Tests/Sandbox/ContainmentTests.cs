using FluentAssertions;
using NeuroExercises.Grader.Sandbox;

namespace NeuroExercises.Grader.Tests.Sandbox;

/// <summary>
/// The containment properties of a sandboxed child, each observed from inside (python3 calls the system calls through
/// ctypes) or from the host: cgroup memory and pids caps, kill of everything on timeout and removal of the cgroup, the
/// seccomp filter (each denied call compared with the same call without the filter), one uid per slot, the size-capped
/// tmpfs scratch, the clean environment and the isolation record.
/// </summary>
public sealed class ContainmentTests : IDisposable
{
    private readonly SandboxSession session = SandboxSession.Create(sandboxed: true);

    public void Dispose() => session.Dispose();

    [Fact]
    public void ThisMachineHasCgroupV1MemoryAndPids()
    {
        // The machine this suite runs on: cgroup v1 controllers at /sys/fs/cgroup/{memory,pids}.
        SandboxSession.BwrapProblem.Should().BeEmpty();
        var host = CgroupHost.Current;
        host.Version.Should().Be(File.Exists("/sys/fs/cgroup/memory/memory.limit_in_bytes") ? CgroupVersion.V1 : CgroupVersion.V2, host.Reason);
        session.Cgroups.Should().Be(host);
        session.Seccomp.Should().BeTrue();
    }

    [Fact]
    public void DetectsAV2HierarchyFromTheMountTable()
    {
        var dir = Directory.CreateTempSubdirectory("neuro-cg2-").FullName;
        try
        {
            var group = Path.Combine(dir, "grader.scope");
            Directory.CreateDirectory(group);
            File.WriteAllText(Path.Combine(group, "cgroup.controllers"), "cpuset cpu io memory hugetlb pids\n");
            File.WriteAllText(Path.Combine(group, "cgroup.subtree_control"), "memory pids\n");
            var mountinfo = Path.Combine(dir, "mountinfo");
            File.WriteAllText(mountinfo, $"25 1 0:22 / / rw - ext4 /dev/sda1 rw\n35 25 0:30 / {dir} rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n");
            var self = Path.Combine(dir, "self-cgroup");
            File.WriteAllText(self, "0::/grader.scope\n");
            var host = CgroupHost.Detect(mountinfo, self);
            host.Version.Should().Be(CgroupVersion.V2, host.Reason);
            host.MemoryParent.Should().Be(group);

            File.WriteAllText(Path.Combine(group, "cgroup.controllers"), "cpu io\n");
            var without = CgroupHost.Detect(mountinfo, self);
            without.Version.Should().Be(CgroupVersion.None);
            without.Reason.Should().Contain("no cgroup v1 memory+pids");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task TheMemoryCapKillsAChildThatAllocatesPastItAndSaysSo()
    {
        var o = await SandboxProbe.PythonAsync(
            session, "b = bytearray(600 << 20)\nfor i in range(0, len(b), 4096): b[i] = 1\nprint('survived')",
            edit: s => s with { Limits = new SandboxLimits { MemoryBytes = 256L << 20, GcHeapHardLimitBytes = 128L << 20 } });
        o.Stdout.Should().NotContain("survived", SandboxProbe.Describe(o));
        o.Exit.OomKilled.Should().BeTrue(SandboxProbe.Describe(o));
        o.Exit.Usage!.PeakMemoryBytes.Should().BeGreaterThan(200L << 20).And.BeLessThanOrEqualTo(256L << 20);
        o.Isolation.ToString().Should().StartWith("bwrap+cgroup-v").And.Contain("(mem 256M, pids 256)");
    }

    [Fact]
    public async Task ThePidsCapStopsAForkBomb()
    {
        const string bomb = """
            import os, time
            n = 0
            try:
                while n < 1000:
                    if os.fork() == 0:
                        time.sleep(30); os._exit(0)
                    n += 1
            except OSError as e:
                print('refused after', n, e.errno)
            """;
        var o = await SandboxProbe.PythonAsync(session, bomb, edit: s => s with { Limits = new SandboxLimits { PidsMax = 40, Processes = 1000 } });
        o.Stdout.Should().Contain("refused after", SandboxProbe.Describe(o));
        int.Parse(o.Stdout.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture).Should().BeLessThan(40);
        o.Exit.Usage!.PidsCapHit.Should().BeTrue();
    }

    [Fact]
    public async Task OnTimeoutEverythingInTheCgroupIsKilledAndTheCgroupRemoved()
    {
        var marker = "31" + Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var script = $"import subprocess, time\nsubprocess.Popen(['/usr/bin/sleep', '{marker}'], start_new_session=True)\nprint('started', flush=True)\nwhile True: pass";
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var o = await SandboxProbe.PythonAsync(session, script, limit: TimeSpan.FromSeconds(2));
        sw.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        o.Exit.TimedOut.Should().BeTrue(SandboxProbe.Describe(o));
        o.CgroupDirectories.Should().NotBeEmpty();
        o.CgroupDirectories.Should().AllSatisfy(d => Directory.Exists(d).Should().BeFalse("the cgroup is removed once empty"));
        o.Stdout.Should().Contain("started");
        Directory.EnumerateDirectories("/proc").Select(d => Read(Path.Combine(d, "cmdline"))).Where(c => c.Contains("sleep\0" + marker, StringComparison.Ordinal))
            .Should().BeEmpty("the background sleep of the child was killed too");
    }

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    [Fact]
    public async Task DotnetRunsUnderTheFullSandbox()
    {
        var grader = Path.Combine(AppContext.BaseDirectory, "NeuroExercises.Grader.dll");
        var o = await SandboxProbe.RunAsync(
            session, Path.Combine(SandboxLauncher.DotnetRoot, "dotnet"), ["exec", grader, "weeks"],
            edit: s => s with { ReadOnlyPaths = [AppContext.BaseDirectory] });
        o.Exit.ExitCode.Should().Be(0, SandboxProbe.Describe(o));
        o.Stdout.Should().Contain("task-driven-rnn");
        o.Isolation.Full.Should().BeTrue();
    }

    [Theory]
    [InlineData("socket(AF_INET)", "s = socket.socket(socket.AF_INET, socket.SOCK_STREAM); print('ok')")]
    [InlineData("socket(AF_INET6)", "s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); print('ok')")]
    [InlineData("socket(AF_NETLINK)", "s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0); print('ok')")]
    [InlineData("ptrace(TRACEME)", "call(libc.ptrace(0, 0, None, None))")]
    [InlineData("unshare(NEWUSER)", "call(libc.unshare(0x10000000))")]
    [InlineData("clone(NEWUSER)", "call(libc.syscall(56, 0x10000000 | 17, None, None, None, None))")]
    [InlineData("io_uring_setup", "p = ctypes.create_string_buffer(120); call(libc.syscall(425, 4, p))")]
    [InlineData("userfaultfd(USER_MODE_ONLY)", "call(libc.syscall(323, 1))")]
    [InlineData("keyctl", "call(libc.syscall(250, 0, -3, 0))")]
    public async Task EachDeniedCallFailsWithEpermUnderTheFilterOnly(string name, string attempt)
    {
        var script = $$"""
            import ctypes, os, socket, sys
            libc = ctypes.CDLL(None, use_errno=True)
            libc.syscall.restype = ctypes.c_long
            def call(rc):
                if rc < 0: raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))
                if rc == 0 and ctypes.get_errno() == 0 or rc > 0: print('ok')
            try:
                {{attempt}}
            except OSError as e:
                print('errno', e.errno)
            """;
        var denied = await SandboxProbe.PythonAsync(session, script);
        denied.Stdout.Trim().Should().Be("errno 1", name + ": " + SandboxProbe.Describe(denied));
        using var unfiltered = SandboxSession.Create(sandboxed: true, useCgroups: false, useSeccomp: false);
        var allowed = await SandboxProbe.PythonAsync(unfiltered, script);
        allowed.Stdout.Trim().Should().NotBe("errno 1", name + " without the filter (else this test proves nothing): " + SandboxProbe.Describe(allowed));
    }

    [Fact]
    public async Task Clone3GetsEnosysAndThreadsForksAndUnixSocketsStillWork()
    {
        const string script = """
            import ctypes, os, socket, threading
            libc = ctypes.CDLL(None, use_errno=True)
            libc.syscall.restype = ctypes.c_long
            rc = libc.syscall(435, None, 0)
            print('clone3', rc, ctypes.get_errno())
            a, b = socket.socketpair(socket.AF_UNIX); a.send(b'x'); print('unix', b.recv(1))
            t = threading.Thread(target=lambda: print('thread')); t.start(); t.join()
            pid = os.fork()
            if pid == 0: os._exit(7)
            print('fork', os.waitpid(pid, 0)[1] >> 8)
            """;
        var o = await SandboxProbe.PythonAsync(session, script);
        o.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(["clone3 -1 38", "unix b'x'", "thread", "fork 7"], SandboxProbe.Describe(o));
    }

    [Fact]
    public async Task EachSlotRunsAsItsOwnUidWithItsOwnProcessLimit()
    {
        const string script = "import os, pwd, resource\nprint(os.getuid(), os.getgid(), pwd.getpwuid(os.getuid()).pw_name, resource.getrlimit(resource.RLIMIT_NPROC)[0], os.getgroups())";
        var slot0 = await SandboxProbe.PythonAsync(session, script);
        var slot3 = await SandboxProbe.PythonAsync(session, script, edit: s => s with { Slot = 3 });
        slot0.Stdout.Trim().Should().Be("61000 61000 sandbox0 256 []", SandboxProbe.Describe(slot0));
        slot3.Stdout.Trim().Should().Be("61003 61003 sandbox3 256 []", SandboxProbe.Describe(slot3));
        slot3.Isolation.Uid.Should().Be(61003);
        FluentActions.Invoking(() => SandboxSession.UidOf(SandboxSession.MaxSlots)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task TmpfsScratchRefusesWritesPastItsQuotaAndLeavesTheHostFolderEmpty()
    {
        var host = Directory.CreateTempSubdirectory("neuro-scratch-").FullName;
        try
        {
            const string script = """
                import os
                n = 0
                try:
                    with open('big.bin', 'wb') as f:
                        for i in range(64):
                            f.write(b'x' * (1 << 20)); f.flush(); n += 1
                except OSError as e:
                    print('stopped at', n, 'MB errno', e.errno)
                print('home', os.environ['HOME'] == os.getcwd())
                """;
            var o = await SandboxProbe.PythonAsync(session, script, host, s => s with { ScratchQuotaBytes = 8L << 20 });
            o.Stdout.Should().Contain("errno 28", SandboxProbe.Describe(o)).And.Contain("home True");
            o.Stdout.Should().MatchRegex(@"stopped at [78] MB");
            o.Isolation.Scratch.Should().Be("tmpfs 8M");
            Directory.EnumerateFileSystemEntries(host).Should().BeEmpty("nothing written in the tmpfs reaches the host");

            var bound = await SandboxProbe.PythonAsync(session, "open('kept.txt', 'w').write('hi')", host);
            bound.Exit.ExitCode.Should().Be(0, SandboxProbe.Describe(bound));
            File.ReadAllText(Path.Combine(host, "kept.txt")).Should().Be("hi", "the default scratch is the host folder, bound read-write");
            bound.Isolation.Scratch.Should().Be("bind");
        }
        finally
        {
            Directory.Delete(host, recursive: true);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TheChildSeesOnlyTheAllowlistedEnvironment(bool sandboxed)
    {
        Environment.SetEnvironmentVariable("NEURO_TEST_SECRET", "hunter2-" + sandboxed);
        using var s = sandboxed ? null : SandboxSession.Create(sandboxed: false);
        var o = await SandboxProbe.PythonAsync(s ?? session, "import os\nfor k in sorted(os.environ): print(k + '=' + os.environ[k])");
        o.Stdout.Should().NotContain("hunter2");
        var names = o.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=')[0]).ToList();
        names.Should().BeSubsetOf(SandboxEnvironment.Allowed, SandboxProbe.Describe(o));
        names.Should().Contain(["DOTNET_GCHeapHardLimit", "DOTNET_EnableDiagnostics", "HOME", "PATH", "LANG"]);
    }

    [Fact]
    public async Task TheHostIsReadOnlyOrAbsent()
    {
        const string script = """
            import os
            for p in ['/usr/probe', '/etc/probe', '/probe']:
                try:
                    open(p, 'w'); print('wrote', p)
                except OSError as e:
                    print('refused', p, e.errno)
            print('exists', [p for p in ['/root', '/work', '/home', '/var', '/etc/shadow', '/sys/fs/cgroup'] if os.path.exists(p)])
            """;
        var o = await SandboxProbe.PythonAsync(session, script);
        o.Stdout.Should().NotContain("wrote", SandboxProbe.Describe(o)).And.Contain("exists []");
    }

    [Fact]
    public void TheIsolationRecordReadsAsOneLine()
    {
        var spec = new SandboxSpec("/usr/bin/true", [], 2, "/tmp/x");
        using var slot = CgroupSlot.Create(session.Cgroups, 2, SandboxLimits.DefaultMemoryBytes, 256);
        SandboxLauncher.Describe(spec, session, slot).ToString().Should().Be($"bwrap+{session.Cgroups.Name}(mem 1.5G, pids 256)+seccomp+uid 61002+scratch bind");
        SandboxLauncher.Describe(spec with { ScratchQuotaBytes = 256L << 20 }, session, null).ToString()
            .Should().Be($"bwrap+seccomp+uid 61002+scratch tmpfs 256M (no cgroup: {session.Cgroups.Reason})");
        using var none = SandboxSession.Create(sandboxed: false);
        SandboxLauncher.Describe(spec, none, null).ToString().Should().Be("none (--sandbox none: trusted code only)");
        FluentActions.Invoking(() => new SandboxLimits { MemoryBytes = 1L << 30, GcHeapHardLimitBytes = 1L << 30 }.Validated())
            .Should().Throw<ArgumentException>().WithMessage("*must be below the memory cap*");
    }
}
