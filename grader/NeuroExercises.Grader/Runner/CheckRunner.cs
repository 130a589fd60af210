using System.Collections.Concurrent;
using System.Diagnostics;
using NeuroExercises.Core.Npy;
using NeuroExercises.Grader.Discovery;
using NeuroExercises.Grader.Records;
using NeuroExercises.Grader.Sandbox;

namespace NeuroExercises.Grader.Runner;

/// <summary>
/// Runs a week's checks against one compiled submission: <see cref="RunnerOptions.Parallelism"/> slots, each one
/// sandboxed child (<see cref="ChildSession"/>) that loads the submission once and runs checks one by one. The parent
/// enforces every limit: a check past its time limit, or a child that dies, costs that check its points and the slot
/// starts a fresh child for the checks left (crash-resume). A submission whose load does not answer the handshake, or
/// that kills two children in a row at load, scores 0 on every check not yet run, with that reason. The whole run is
/// bounded by a wall budget. A missing or malformed result is "no result", never a success.
/// </summary>
internal sealed class CheckRunner(RunnerOptions options)
{
    private readonly RunnerOptions options = options with { Sandbox = ChildLauncher.Resolve(options.Sandbox) };

    /// <summary>The sandbox actually used.</summary>
    public SandboxMode Sandbox => options.Sandbox;

    /// <summary>Children started (handshakes answered or not) in the last run.</summary>
    public int ChildrenStarted => childrenStarted;

    private int childrenStarted;

    private string? isolation;

    /// <summary>The isolation the runner children got (e.g. "bwrap+cgroup-v1(mem 1.5G, pids 256)+seccomp+uid 61000+scratch tmpfs 256M"); null before a child started.</summary>
    public string? Isolation => isolation;

    /// <summary>The wall budget of a run of <paramref name="checks"/>: the option, else every limit plus two child starts.</summary>
    public TimeSpan BudgetFor(IReadOnlyList<CheckSpec> checks) =>
        options.WallBudget ?? (checks.Aggregate(TimeSpan.Zero, (sum, c) => sum + Limit(c)) + (2 * options.HandshakeLimit));

    /// <summary>Runs every check; results come back in the order of <paramref name="checks"/>.</summary>
    public async Task<IReadOnlyList<CheckRun>> RunAllAsync(IReadOnlyList<CheckSpec> checks, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(options.ScratchRoot);
        var pool = options.Pool;
        using var own = pool is null ? SandboxSession.Create(options.Sandbox == SandboxMode.Bwrap) : null;
        var sandbox = own ?? pool!.SandboxFor(options.Sandbox == SandboxMode.Bwrap);
        var results = new CheckRun?[checks.Count];
        var queue = new ConcurrentQueue<int>(Enumerable.Range(0, checks.Count));
        var budget = BudgetFor(checks);
        var clock = Stopwatch.StartNew();
        string? abort = null;
        var slots = Math.Max(1, Math.Min(options.Parallelism, checks.Count));
        await Task.WhenAll(Enumerable.Range(0, slots).Select(slot => Task.Run(
            async () =>
            {
                ChildSession? session = null;
                var deathsAtLoad = 0;
                var starts = 0;
                var finished = false;
                try
                {
                    while (queue.TryDequeue(out var i))
                    {
                        var spec = checks[i];
                        if (Volatile.Read(ref abort) is { } reason)
                        {
                            results[i] = Failed(spec.Id, RunStatus.LoadFailed, reason);
                            continue;
                        }

                        var left = budget - clock.Elapsed;
                        if (left <= MinimumSlice)
                        {
                            results[i] = Failed(spec.Id, RunStatus.BudgetExhausted,
                                $"check {spec.Id}: not run: the submission's wall budget of {budget.TotalSeconds:0} s was used up by the checks before it.");
                            continue;
                        }

                        if (session is null && starts == 0 && pool is not null
                            && await pool.TakeAsync(options, options.SlotBase + slot, cancellationToken).ConfigureAwait(false) is { } kept)
                        {
                            // An idle child of an earlier grade of this pool, with this submission loaded.
                            session = kept;
                            starts++;
                            Interlocked.CompareExchange(ref isolation, kept.Isolation.ForSlots(slot, slots), null);
                        }

                        while (session is null)
                        {
                            ChildRequest request;
                            if (pool is null)
                            {
                                var scratch = Path.Combine(options.ScratchRoot, $"slot{slot}-child{starts}");
                                MakeScratch(scratch);
                                request = RequestFor(scratch);
                            }
                            else
                            {
                                request = pool.Request(options, options.SlotBase + slot);
                            }

                            starts++;
                            Interlocked.Increment(ref childrenStarted);
                            var (started, failure, hung) = await ChildSession.StartAsync(options, request, sandbox, options.SlotBase + slot, cancellationToken).ConfigureAwait(false);
                            if (started is not null)
                            {
                                pool?.Track(started, request);
                                session = started;
                                Interlocked.CompareExchange(ref isolation, started.Isolation.ForSlots(slot, slots), null);
                                break;
                            }

                            deathsAtLoad++;
                            if (hung || deathsAtLoad >= 2)
                            {
                                var why = hung
                                    ? $"the submission did not finish loading within {options.HandshakeLimit.TotalSeconds:0.#} s (a module initializer or static state that never finishes?)"
                                    : "the submission killed two runner children in a row while loading";
                                Interlocked.CompareExchange(ref abort, $"not run: {why}; every check scores 0. Details: {failure}", null);
                                break;
                            }
                        }

                        if (session is null)
                        {
                            results[i] = Failed(spec.Id, RunStatus.LoadFailed, $"check {spec.Id}: {abort}");
                            continue;
                        }

                        var limit = Limit(spec) < left ? Limit(spec) : left;
                        var (run, alive) = await session.RunAsync(spec.Id, spec.ClassName, spec.MethodName, limit, cancellationToken).ConfigureAwait(false);
                        results[i] = run;
                        if (!alive)
                        {
                            pool?.Forget(session);
                            session.Dispose();
                            session = null;
                            deathsAtLoad = 0;
                        }
                    }

                    finished = true;
                }
                finally
                {
                    if (session is not null && finished && pool is not null)
                    {
                        pool.Return(options, options.SlotBase + slot, session);
                    }
                    else if (session is not null)
                    {
                        pool?.Forget(session);
                        session.Dispose();
                    }
                }
            },
            cancellationToken))).ConfigureAwait(false);
        return [.. results.Select((r, i) => r ?? Failed(checks[i].Id, RunStatus.NoResult, $"check {checks[i].Id}: the runner returned no record."))];
    }

    /// <summary>A check is not started with less of the budget left than this.</summary>
    private static readonly TimeSpan MinimumSlice = TimeSpan.FromMilliseconds(100);

    private TimeSpan Limit(CheckSpec spec) => spec.TimeLimit * options.TimeLimitScale;

    private ChildRequest RequestFor(string scratch) => new(
        options.ChecksPath, options.SubmissionAssemblyName, options.SubmissionPath, options.InputsDirectory, options.Device, scratch);

    /// <summary>A fresh, empty scratch folder the sandboxed child's unprivileged uid can write (also a pooled child's).</summary>
    internal static void MakeScratch(string scratch)
    {
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }

        Directory.CreateDirectory(scratch);
        if (!OperatingSystem.IsWindows())
        {
            // The sandboxed child runs as an unprivileged uid: it must be able to write its scratch folder.
            File.SetUnixFileMode(scratch, (UnixFileMode)0b111_111_111);
        }
    }

    private static CheckRun Failed(string id, RunStatus status, string detail) =>
        new(id, status, new Dictionary<string, NpyArray>(), TimeSpan.Zero, null, detail, "");
}
