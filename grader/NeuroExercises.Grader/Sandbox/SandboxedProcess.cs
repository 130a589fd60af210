using System.Diagnostics;

namespace NeuroExercises.Grader.Sandbox;

/// <summary>How a sandboxed child ended.</summary>
/// <param name="ExitCode">The exit code (bwrap passes the child's on; 128 + signal when killed).</param>
/// <param name="TimedOut">The wall-clock limit ran out and the child was killed.</param>
/// <param name="Usage">What its cgroup recorded (OOM kill, peak memory), when it had one.</param>
/// <param name="Elapsed">Start to end.</param>
internal sealed record SandboxExit(int ExitCode, bool TimedOut, CgroupUsage? Usage, TimeSpan Elapsed)
{
    /// <summary>The memory cap killed (part of) the child.</summary>
    public bool OomKilled => Usage?.OomKilled ?? false;

    /// <summary>The wrapper could not set the sandbox up (nothing untrusted ran).</summary>
    public bool SetupFailed => ExitCode == SandboxLauncher.SetupFailedExitCode;
}

/// <summary>
/// A started sandboxed child: its cgroup made first, then the wrapper started with stdin/stdout/stderr redirected (the
/// caller drains them: the runner speaks its protocol over them). <see cref="WaitAsync"/> enforces the wall-clock limit;
/// <see cref="Dispose"/> kills the process tree and everything left in the cgroup, then removes the cgroup.
/// </summary>
internal sealed class SandboxedProcess : IDisposable
{
    private readonly Stopwatch clock;
    private readonly CgroupSlot? cgroup;

    private SandboxedProcess(Process process, CgroupSlot? cgroup, IsolationReport isolation, Stopwatch clock)
    {
        Process = process;
        this.cgroup = cgroup;
        Isolation = isolation;
        this.clock = clock;
    }

    /// <summary>The started process (the wrapper shell, which execs bwrap).</summary>
    public Process Process { get; }

    /// <summary>The isolation this child actually got.</summary>
    public IsolationReport Isolation { get; }

    /// <summary>The child's cgroup (null without one).</summary>
    public CgroupSlot? Cgroup => cgroup;

    /// <summary>Starts <paramref name="spec"/> in <paramref name="session"/>.</summary>
    public static SandboxedProcess Start(SandboxSpec spec, SandboxSession session)
    {
        var cgroup = session.Sandboxed && session.Cgroups.Version != CgroupVersion.None
            ? CgroupSlot.Create(session.Cgroups, spec.Slot, spec.Limits.MemoryBytes, spec.Limits.PidsMax)
            : null;
        try
        {
            var command = SandboxLauncher.Build(spec, session, cgroup);
            var psi = new ProcessStartInfo(command.FileName)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = session.Sandboxed || spec.ScratchQuotaBytes is not null ? "/" : spec.ScratchDirectory,
            };
            foreach (var a in command.Arguments)
            {
                psi.ArgumentList.Add(a);
            }

            psi.Environment.Clear();
            foreach (var (k, v) in command.Environment)
            {
                psi.Environment[k] = v;
            }

            var clock = Stopwatch.StartNew();
            var process = Launcher.Start(psi);
            return new SandboxedProcess(process, cgroup, SandboxLauncher.Describe(spec, session, cgroup), clock);
        }
        catch
        {
            cgroup?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Starts processes from one thread that lives as long as the grader: bwrap's --die-with-parent is PR_SET_PDEATHSIG,
    /// which fires when the *thread* that forked the child ends, and a thread-pool thread that started a child may retire
    /// while the child still runs (seen: a 20 s compile child killed with SIGKILL under load).
    /// </summary>
    private static class Launcher
    {
        private static readonly System.Collections.Concurrent.BlockingCollection<(ProcessStartInfo Psi, TaskCompletionSource<Process> Done)> Queue = [];

        static Launcher()
        {
            var thread = new Thread(() =>
            {
                foreach (var (psi, done) in Queue.GetConsumingEnumerable())
                {
                    try
                    {
                        done.SetResult(Process.Start(psi)!);
                    }
                    catch (Exception e)
                    {
                        done.SetException(e);
                    }
                }
            })
            {
                IsBackground = true,
                Name = "sandbox launcher",
            };
            thread.Start();
        }

        public static Process Start(ProcessStartInfo psi)
        {
            var done = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
            Queue.Add((psi, done));
            return done.Task.GetAwaiter().GetResult();
        }
    }

    /// <summary>Waits for the child to exit, at most <paramref name="limit"/>; past it kills the process tree and the cgroup.</summary>
    public async Task<SandboxExit> WaitAsync(TimeSpan limit, CancellationToken cancellationToken = default)
    {
        var timedOut = false;
        using (var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            cts.CancelAfter(limit);
            try
            {
                await Process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                timedOut = !cancellationToken.IsCancellationRequested;
                Kill();
                await Process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        clock.Stop();
        cgroup?.KillAll(TimeSpan.FromSeconds(5));
        return new SandboxExit(Process.ExitCode, timedOut, cgroup?.Usage(), clock.Elapsed);
    }

    /// <summary>Kills the process tree and everything in the cgroup (idempotent).</summary>
    public void Kill()
    {
        try
        {
            Process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        cgroup?.KillAll(TimeSpan.FromSeconds(5));
    }

    /// <summary>Kills what is left and removes the cgroup.</summary>
    public void Dispose()
    {
        Kill();
        cgroup?.Dispose();
        Process.Dispose();
    }
}
