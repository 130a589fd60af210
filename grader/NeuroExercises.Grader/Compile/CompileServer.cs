using System.Text;
using NeuroExercises.Grader.Sandbox;

namespace NeuroExercises.Grader.Compile;

/// <summary>
/// A compile child that stays up between submissions, for a batch worker: Roslyn's first compile in a fresh child costs
/// ≈ 2.3 s on 2 cores (loading and JIT-ing the compiler), a warm one a fraction of that. The child is the same sandboxed
/// <c>compile-child</c> (bwrap, cgroup memory cap, seccomp, the worker's slot uid) in <c>--serve</c> mode: it reads a job
/// folder's name per line on stdin, compiles that folder's request.json exactly as a one-shot child does, and answers
/// "done". Compiling never runs submitted code (no analyzers or generators are loaded from a submission), so one
/// submission cannot change another's DLL; what it can do is hang or blow up the compiler, and then the parent kills the
/// child at the same time limit, reports the same reason, and starts a fresh child for the next submission.
/// </summary>
internal sealed class CompileServer : IDisposable
{
    /// <summary>What the child answers when a job is compiled (its result.json is written).</summary>
    public const string Done = "done";

    private readonly Lock gate = new();
    private readonly StringBuilder tail = new();
    private SandboxSession? session;
    private SandboxedProcess? child;
    private int jobs;

    /// <summary>Creates the server; its child starts with the first job.</summary>
    /// <param name="options">Limits and isolation of the child (the time limit applies per job).</param>
    /// <param name="references">The metadata references every job of this server compiles against.</param>
    public CompileServer(CompileChildOptions options, IReadOnlyList<string> references)
    {
        Options = options;
        References = [.. references];
        Root = Directory.CreateTempSubdirectory("neuro-compile-server-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Root, (UnixFileMode)0b111_111_111); // the slot uid writes result.json and the DLL here
        }
    }

    /// <summary>The child's options.</summary>
    public CompileChildOptions Options { get; }

    /// <summary>The references of every job.</summary>
    public IReadOnlyList<string> References { get; }

    /// <summary>The folder the child sees read-write: one subfolder per job.</summary>
    public string Root { get; }

    /// <summary>Children started so far (one, plus one after each kill).</summary>
    public int ChildrenStarted { get; private set; }

    /// <summary>The isolation report of the current (or last) child.</summary>
    public IsolationReport? Isolation { get; private set; }

    /// <summary>True when a job with these references and options can go to this server.</summary>
    public bool Serves(IReadOnlyList<string> references, CompileChildOptions options) =>
        references.SequenceEqual(References, StringComparer.Ordinal)
        && options.Sandboxed == Options.Sandboxed && options.Slot == Options.Slot
        && string.Equals(options.GraderDirectory, Options.GraderDirectory, StringComparison.Ordinal);

    /// <summary>A new empty job folder under <see cref="Root"/>.</summary>
    public string NewJobFolder()
    {
        var dir = Path.Combine(Root, $"job{Interlocked.Increment(ref jobs)}");
        Directory.CreateDirectory(dir);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dir, (UnixFileMode)0b111_111_111);
        }

        return dir;
    }

    /// <summary>
    /// Compiles the job in <paramref name="jobFolder"/> (its request.json written): null when the child answered (read
    /// result.json), else how the child ended (killed at <paramref name="limit"/>, OOM-killed, crashed); the next job then
    /// gets a fresh child.
    /// </summary>
    public async Task<(SandboxExit? Exit, string Tail)> CompileAsync(string jobFolder, TimeSpan limit, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var process = EnsureChild();
        string? answer = null;
        var timedOut = false;
        try
        {
            await process.Process.StandardInput.WriteLineAsync(Path.GetFileName(jobFolder).AsMemory(), cancellationToken).ConfigureAwait(false);
            await process.Process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
            // A pipe read is not reliably cancellable: race it against the limit, and kill the child when the limit wins
            // (its end of the pipe closes, so the read ends too).
            var read = process.Process.StandardOutput.ReadLineAsync(CancellationToken.None).AsTask();
            var clock = Task.Delay(limit, cancellationToken);
            if (await Task.WhenAny(read, clock).ConfigureAwait(false) == read)
            {
                answer = await read.ConfigureAwait(false);
            }
            else
            {
                timedOut = !cancellationToken.IsCancellationRequested;
            }
        }
        catch (IOException)
        {
            answer = null; // the child died: its pipe broke
        }

        if (answer == Done)
        {
            return (null, "");
        }

        // Killed at the limit, or gone: read how it ended, then drop it (the next job starts a fresh child).
        process.Kill();
        var exit = await process.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);
        StopChild();
        string output;
        lock (tail)
        {
            output = tail.ToString();
        }

        return (exit with { TimedOut = timedOut || exit.TimedOut, Elapsed = started.Elapsed }, output);
    }

    /// <summary>Stops the child and removes the job folders.</summary>
    public void Dispose()
    {
        StopChild();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temp folder.
        }
        catch (UnauthorizedAccessException)
        {
            // Files the slot uid wrote may be beyond us; the OS cleans the temp folder.
        }
    }

    private SandboxedProcess EnsureChild()
    {
        lock (gate)
        {
            if (child is { } running && !running.Process.HasExited)
            {
                return running;
            }

            StopChild();
            session = SandboxSession.Create(Options.Sandboxed);
            var grader = Path.Combine(Options.GraderDirectory, "NeuroExercises.Grader.dll");
            var spec = new SandboxSpec(Path.Combine(SandboxLauncher.DotnetRoot, "dotnet"), ["exec", grader, "compile-child", "--serve", "--work", Root], Options.Slot, Root)
            {
                ReadOnlyPaths = [Options.GraderDirectory, .. References],
                Limits = Options.Limits,
            };
            child = SandboxedProcess.Start(spec, session);
            Isolation = child.Isolation;
            ChildrenStarted++;
            lock (tail)
            {
                tail.Clear();
            }

            _ = CompileChild.Drain(child.Process.StandardError, tail);
            return child;
        }
    }

    private void StopChild()
    {
        lock (gate)
        {
            child?.Dispose();
            child = null;
            session?.Dispose();
            session = null;
        }
    }

}

/// <summary>A batch worker's compile server, made on the first compile and remade when the references or options change.</summary>
internal sealed class CompileServerHolder : IDisposable
{
    private readonly Lock gate = new();
    private CompileServer? current;

    /// <summary>The server for these references and options.</summary>
    public CompileServer For(CompileChildOptions options, IReadOnlyList<string> references)
    {
        lock (gate)
        {
            if (current is null || !current.Serves(references, options))
            {
                current?.Dispose();
                current = new CompileServer(options, references);
            }

            return current;
        }
    }

    /// <summary>Stops the server.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            current?.Dispose();
            current = null;
        }
    }
}
