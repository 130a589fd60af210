using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using NeuroExercises.Core;
using NeuroExercises.Core.Npy;
using NeuroExercises.Grader.Records;
using NeuroExercises.Grader.Sandbox;

namespace NeuroExercises.Grader.Runner;

/// <summary>
/// The parent's handle on one runner child: starts it (sandboxed), waits for its <c>loaded</c> handshake, sends it one
/// check at a time and reads the reply under the check's time limit. Everything the child says is untrusted data: the
/// protocol line is size-capped, parsed defensively and must answer the request just sent; stderr is drained with a
/// per-check byte cap. Whatever goes wrong (timeout, crash, flood, garbage), the child is killed, with its process tree.
/// </summary>
internal sealed class ChildSession : IDisposable
{
    private readonly SandboxedProcess child;
    private readonly Process process;
    private readonly Channel<byte[]> lines = Channel.CreateUnbounded<byte[]>();
    private readonly RunnerOptions options;
    private readonly object gate = new();
    private readonly LinkedList<byte[]> tail = new();
    private int tailLength;
    private long checkBytes;
    private int seq;

    private ChildSession(SandboxedProcess child, RunnerOptions options)
    {
        this.child = child;
        process = child.Process;
        this.options = options;
    }

    /// <summary>The isolation this child actually got (sandbox, cgroup caps, seccomp, uid, scratch).</summary>
    public IsolationReport Isolation => child.Isolation;

    /// <summary>True when the child's cgroup recorded a kill by its memory cap.</summary>
    public bool OomKilled => child.Cgroup?.Usage() is { OomKilled: true };

    /// <summary>Process start to the handshake.</summary>
    public TimeSpan Startup { get; private set; }

    /// <summary>True once stderr passed its cap for the running check (the child was killed).</summary>
    public bool Overflowed { get; private set; }

    /// <summary>True once a protocol line passed its cap (the child was killed).</summary>
    public bool ProtocolOverflowed { get; private set; }

    /// <summary>Starts a child for <paramref name="request"/> and waits for its handshake.</summary>
    /// <returns>The session, or null with the reason and whether the child hung (rather than died).</returns>
    public static async Task<(ChildSession? Session, string Failure, bool Hung)> StartAsync(
        RunnerOptions options, ChildRequest request, SandboxSession sandbox, int slot, CancellationToken cancellationToken)
    {
        var limits = new SandboxLimits
        {
            MemoryBytes = options.MemoryCapBytes,
            GcHeapHardLimitBytes = Math.Min(options.GcHeapHardLimitBytes, options.MemoryCapBytes * 2 / 3),
        };
        var spec = ChildLauncher.Spec(options, request, slot, limits, sandbox.Sandboxed ? options.ScratchQuotaBytes : null);
        var sw = Stopwatch.StartNew();
        var child = SandboxedProcess.Start(spec, sandbox);
        var process = child.Process;
        var session = new ChildSession(child, options);
        _ = session.ReadProtocolAsync(process.StandardOutput.BaseStream);
        _ = session.DrainStderrAsync(process.StandardError.BaseStream);
        var (reply, failure, hung) = await session.ReceiveAsync(options.HandshakeLimit, cancellationToken).ConfigureAwait(false);
        if (reply is null || reply.Kind != ChildReply.Loaded)
        {
            var why = reply is null ? failure : $"the child answered '{reply.Kind}' instead of the handshake";
            var text = session.Tail();
            session.Dispose();
            return (null, string.IsNullOrWhiteSpace(text) ? why : $"{why}\n--- output (tail) ---\n{text}", hung);
        }

        session.Startup = sw.Elapsed;
        return (session, "", false);
    }

    /// <summary>
    /// Asks a reusable child (<see cref="RunnerPool"/>) to load the next submission, within <paramref name="limit"/>; on success
    /// <see cref="Startup"/> becomes the load's time. On failure the child is killed and the caller starts a fresh one.
    /// </summary>
    /// <returns>True when the child answered the load with its handshake.</returns>
    public async Task<bool> LoadAsync(string submissionPath, TimeSpan limit, CancellationToken cancellationToken)
    {
        ResetOutput();

        var request = new RunRequest(++seq, "load", "", "", 0, submissionPath);
        var sw = Stopwatch.StartNew();
        await SendAsync(request, cancellationToken).ConfigureAwait(false);

        var (reply, _, _) = await ReceiveAsync(limit, cancellationToken).ConfigureAwait(false);
        if (reply is not { Kind: ChildReply.Loaded } || reply.Seq != request.Seq)
        {
            Kill();
            return false;
        }

        Startup = sw.Elapsed;
        return true;
    }

    /// <summary>Runs one check in the child within <paramref name="limit"/>.</summary>
    /// <returns>The run record, and whether the child is still usable.</returns>
    public async Task<(CheckRun Run, bool Alive)> RunAsync(string id, string className, string methodName, TimeSpan limit, CancellationToken cancellationToken)
    {
        ResetOutput();

        var request = new RunRequest(++seq, id, className, methodName, 0);
        var sw = Stopwatch.StartNew();
        await SendAsync(request, cancellationToken).ConfigureAwait(false);

        var (reply, failure, hung) = await ReceiveAsync(limit, cancellationToken).ConfigureAwait(false);
        sw.Stop();
        if (reply is null)
        {
            var status = Overflowed || ProtocolOverflowed ? RunStatus.OutputCapped : hung ? RunStatus.TimedOut : RunStatus.NoResult;
            var detail = status switch
            {
                RunStatus.OutputCapped when ProtocolOverflowed => $"check {id}: the child sent a reply larger than {options.ProtocolLineCapBytes} bytes and was killed; return the outputs the check's doc names.",
                RunStatus.OutputCapped => $"check {id}: the child wrote more than {options.OutputCapBytes} bytes to stdout/stderr and was killed; remove the prints from your code.",
                RunStatus.TimedOut => $"check {id}: the check ran past its time limit of {limit.TotalSeconds:0.#} s and the child was killed; look for an endless loop or work that does not shrink.",
                _ => $"check {id}: the child ended without a result ({failure}); did the code call Environment.Exit or crash (stack overflow, out of memory)?",
            };
            Kill();
            return (new CheckRun(id, status, new Dictionary<string, NpyArray>(), sw.Elapsed, Startup, detail, Tail()), false);
        }

        if (reply.Kind != ChildReply.Result || reply.Seq != request.Seq)
        {
            Kill();
            return (Fail(id, sw.Elapsed, $"check {id}: the child's reply does not answer this check (kind '{reply.Kind}', seq {reply.Seq}); the check scores 0."), false);
        }

        if (!reply.Ok)
        {
            var detail = $"{reply.ExceptionType}: {reply.Message}\n{reply.StackTail}";
            return (new CheckRun(id, RunStatus.Threw, new Dictionary<string, NpyArray>(), sw.Elapsed, Startup, detail, Tail()) { StaffDetail = reply.StaffTrace ?? "" }, true);
        }

        try
        {
            var bytes = Convert.FromBase64String(reply.Npz ?? "");
            var arrays = Npz.Read(new MemoryStream(bytes, writable: false), $"the outputs of {id}");
            var names = reply.Outputs ?? [];
            if (!arrays.Keys.Order(StringComparer.Ordinal).SequenceEqual(names.Order(StringComparer.Ordinal), StringComparer.Ordinal))
            {
                return (Fail(id, sw.Elapsed, $"check {id}: the child's archive does not hold the outputs it names; the check scores 0."), true);
            }

            return (new CheckRun(id, RunStatus.Completed, arrays, sw.Elapsed, Startup, "", Tail()), true);
        }
        catch (Exception e) when (e is FormatException or IOException or InvalidDataException or DataFormatException or ArgumentException)
        {
            return (Fail(id, sw.Elapsed, $"check {id}: the child's outputs are malformed ({e.Message}); the check scores 0."), true);
        }
    }

    /// <summary>The last bytes the child wrote to stderr (its prints) for the current check.</summary>
    public string Tail()
    {
        lock (gate)
        {
            var all = tail.SelectMany(b => b).ToArray();
            var start = Math.Max(0, all.Length - options.OutputTailBytes);
            return Encoding.UTF8.GetString(all, start, all.Length - start);
        }
    }

    /// <summary>Kills the child and its process tree.</summary>
    public void Kill() => child.Kill();

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // Already gone.
        }

        if (!process.WaitForExit(500))
        {
            Kill();
        }

        child.Dispose();
    }

    private void ResetOutput()
    {
        lock (gate)
        {
            checkBytes = 0;
            tail.Clear();
            tailLength = 0;
        }
    }

    private async Task SendAsync(RunRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var stdin = process.StandardInput;
            await stdin.WriteLineAsync(JsonSerializer.Serialize(request, ChildReply.Json).AsMemory(), cancellationToken).ConfigureAwait(false);
            await stdin.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The child is gone; ReceiveAsync reports it.
        }
    }

    private static CheckRun Fail(string id, TimeSpan elapsed, string detail) =>
        new(id, RunStatus.NoResult, new Dictionary<string, NpyArray>(), elapsed, null, detail, "");

    private async Task<(ChildReply? Reply, string Failure, bool Hung)> ReceiveAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(limit);
        byte[] line;
        try
        {
            if (!await lines.Reader.WaitToReadAsync(cts.Token).ConfigureAwait(false) || !lines.Reader.TryRead(out line!))
            {
                await WaitExitAsync().ConfigureAwait(false);
                return (null, ExitText(), false);
            }
        }
        catch (OperationCanceledException)
        {
            Kill();
            cancellationToken.ThrowIfCancellationRequested();
            return (null, $"no answer within {limit.TotalSeconds:0.#} s", true);
        }

        try
        {
            var reply = JsonSerializer.Deserialize<ChildReply>(line, ChildReply.Json);
            return reply is null ? (null, "an empty reply", false) : (reply, "", false);
        }
        catch (JsonException e)
        {
            Kill();
            return (null, $"a malformed reply ({e.Message})", false);
        }
    }

    private async Task WaitExitAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    private string ExitText()
    {
        if (!process.HasExited)
        {
            return "its output closed";
        }

        var code = process.ExitCode;
        return code switch
        {
            _ when OomKilled => $"killed by the memory cap of {IsolationReport.Size(options.MemoryCapBytes)}: the code used more memory than a check may",
            134 => "exit code 134: aborted, e.g. a stack overflow or Environment.FailFast",
            137 => "exit code 137: killed",
            _ => $"exit code {code}",
        };
    }

    /// <summary>Reads newline-terminated protocol lines, each at most <see cref="RunnerOptions.ProtocolLineCapBytes"/>.</summary>
    private async Task ReadProtocolAsync(Stream stream)
    {
        var buffer = new byte[1 << 16];
        var current = new MemoryStream();
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                var start = 0;
                for (var i = 0; i < n; i++)
                {
                    if (buffer[i] != (byte)'\n')
                    {
                        continue;
                    }

                    current.Write(buffer, start, i - start);
                    lines.Writer.TryWrite(current.ToArray());
                    current.SetLength(0);
                    start = i + 1;
                }

                current.Write(buffer, start, n - start);
                if (current.Length > options.ProtocolLineCapBytes)
                {
                    ProtocolOverflowed = true;
                    Kill();
                    break;
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The child was killed while we read.
        }
        finally
        {
            lines.Writer.TryComplete();
        }
    }

    private async Task DrainStderrAsync(Stream stream)
    {
        var buffer = new byte[8192];
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                bool overflow;
                lock (gate)
                {
                    checkBytes += n;
                    tail.AddLast(buffer[..n]);
                    tailLength += n;
                    while (tailLength - tail.First!.Value.Length >= options.OutputTailBytes)
                    {
                        tailLength -= tail.First.Value.Length;
                        tail.RemoveFirst();
                    }

                    overflow = checkBytes > options.OutputCapBytes;
                }

                if (overflow)
                {
                    Overflowed = true;
                    Kill();
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The child was killed while we read.
        }
    }
}
