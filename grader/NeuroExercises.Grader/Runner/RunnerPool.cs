using NeuroExercises.Grader.Sandbox;

namespace NeuroExercises.Grader.Runner;

/// <summary>
/// Runner children kept alive from one grade to the next, for the staff's own sources only (the solutions and the
/// mutants of a week, <see cref="Grading.GradeRequest.TrustedSources"/>): a grade that finds an idle child of its slot
/// sends it a <c>load</c> request for its submission instead of starting a process, so a run of forty mutants pays for the
/// .NET runtime and libtorch a few times instead of forty. Everything else stays as in a normal grade: the child is
/// sandboxed the same way, every check gets a fresh load context and TorchSharp state, the parent enforces every limit, and
/// a child that dies or fails a load is replaced by a fresh one. A child is retired after <see cref="LoadsPerChild"/>
/// submissions, so what a long-lived process might accumulate stays bounded. A student's submission never gets a pooled
/// child (<see cref="Grading.GradePipeline"/> refuses the combination).
/// </summary>
internal sealed class RunnerPool : IDisposable
{
    /// <summary>Submissions one child loads before it is retired.</summary>
    public const int LoadsPerChild = 16;

    private readonly string root = System.IO.Directory.CreateTempSubdirectory("neuro-runner-pool-").FullName;
    private readonly Dictionary<int, Idle> idle = [];
    private readonly Dictionary<bool, SandboxSession> sandboxes = [];
    private readonly Lock gate = new();
    private int folders;
    private int started;
    private int reused;
    private bool disposed;

    /// <summary>Initializes a new instance of the <see cref="RunnerPool"/> class.</summary>
    public RunnerPool()
    {
        Open(root);
    }

    /// <summary>Children started by grades that used the pool.</summary>
    public int Started => Volatile.Read(ref started);

    /// <summary>Grades (slots) served by a child an earlier grade left.</summary>
    public int Reused => Volatile.Read(ref reused);

    /// <summary>The sandbox session pooled children run in (one per mode, alive as long as the pool).</summary>
    public SandboxSession SandboxFor(bool sandboxed)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (!sandboxes.TryGetValue(sandboxed, out var session))
            {
                session = SandboxSession.Create(sandboxed);
                sandboxes[sandboxed] = session;
            }

            return session;
        }
    }

    /// <summary>
    /// The idle child of <paramref name="slot"/> with <paramref name="options"/>' submission loaded, or null when there is
    /// none (or it was retired, or the load failed): the caller then starts one with <see cref="Request"/>.
    /// </summary>
    public async Task<ChildSession?> TakeAsync(RunnerOptions options, int slot, CancellationToken cancellationToken)
    {
        Idle? entry;
        lock (gate)
        {
            if (!idle.Remove(slot, out entry))
            {
                return null;
            }
        }

        if (entry.Key != KeyOf(options) || entry.Loads >= LoadsPerChild)
        {
            Retire(entry);
            return null;
        }

        var (folder, dll) = Place(options, slot);
        if (!await entry.Session.LoadAsync(dll, options.HandshakeLimit, cancellationToken).ConfigureAwait(false))
        {
            Retire(entry);
            TryDelete(folder);
            return null;
        }

        TryDelete(entry.Folder);
        lock (gate)
        {
            loads[entry.Session] = (entry.Loads + 1, folder);
            reused++;
        }

        return entry.Session;
    }

    /// <summary>
    /// The start request of a new pooled child for <paramref name="slot"/>: the submission copied into the slot's folder
    /// (bound read-only, so later submissions are visible too) and a fresh scratch folder.
    /// </summary>
    public ChildRequest Request(RunnerOptions options, int slot)
    {
        var (folder, dll) = Place(options, slot);
        var scratch = Path.Combine(root, $"scratch-{Interlocked.Increment(ref folders)}");
        CheckRunner.MakeScratch(scratch);

        return new ChildRequest(options.ChecksPath, options.SubmissionAssemblyName, dll, options.InputsDirectory, options.Device, scratch)
        {
            SubmissionsFolder = SlotFolder(slot),
        };
    }

    /// <summary>Records a child started from <see cref="Request"/> (its first submission).</summary>
    public void Track(ChildSession session, ChildRequest request)
    {
        lock (gate)
        {
            loads[session] = (1, Path.GetDirectoryName(request.SubmissionPath)!);
            started++;
        }
    }

    /// <summary>Gives back a child that is still alive after a grade, for the next grade of <paramref name="slot"/>.</summary>
    public void Return(RunnerOptions options, int slot, ChildSession session)
    {
        Idle? old = null;
        lock (gate)
        {
            if (disposed || !loads.Remove(session, out var state))
            {
                session.Dispose();
                return;
            }

            if (idle.Remove(slot, out var previous))
            {
                old = previous;
            }

            idle[slot] = new Idle(session, KeyOf(options), state.Loads, state.Folder);
        }

        if (old is not null)
        {
            Retire(old);
        }
    }

    /// <summary>Forgets a child that died or was killed during a grade (the caller disposes it).</summary>
    public void Forget(ChildSession session)
    {
        lock (gate)
        {
            if (loads.Remove(session, out var state))
            {
                TryDelete(state.Folder);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        List<Idle> left;
        List<SandboxSession> sessions;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            left = [.. idle.Values];
            idle.Clear();
            sessions = [.. sandboxes.Values];
            sandboxes.Clear();
        }

        foreach (var entry in left)
        {
            entry.Session.Dispose();
        }

        foreach (var session in sessions)
        {
            session.Dispose();
        }

        TryDelete(root);
    }

    private readonly Dictionary<ChildSession, (int Loads, string Folder)> loads = [];

    // What a child was started for, apart from the submission: a grade with other options gets a fresh child.
    private static RunnerOptions KeyOf(RunnerOptions options) => options with { SubmissionPath = "", ScratchRoot = "", Pool = null, WallBudget = null, TimeLimitScale = 1 };

    private string SlotFolder(int slot) => Path.Combine(root, $"slot{slot}");

    /// <summary>Copies the submission DLL into a new folder under the slot's folder (readable by the slot's uid).</summary>
    private (string Folder, string Dll) Place(RunnerOptions options, int slot)
    {
        var slotFolder = SlotFolder(slot);
        Open(slotFolder);
        var folder = Path.Combine(slotFolder, Interlocked.Increment(ref folders).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Open(folder);
        var dll = Path.Combine(folder, Path.GetFileName(options.SubmissionPath));
        File.Copy(options.SubmissionPath, dll);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dll, (UnixFileMode)0b110_100_100);
        }

        return (folder, dll);
    }

    private static void Open(string folder)
    {
        System.IO.Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        }
    }

    private static void Retire(Idle entry)
    {
        entry.Session.Dispose();
        TryDelete(entry.Folder);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the OS (a temp folder).
        }
    }

    private sealed record Idle(ChildSession Session, RunnerOptions Key, int Loads, string Folder);
}
