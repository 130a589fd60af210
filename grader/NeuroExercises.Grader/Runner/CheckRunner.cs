using System.Diagnostics;
using System.Text.Json;
using NeuroExercises.Core;
using NeuroExercises.Core.Npy;
using NeuroExercises.Grader.Discovery;
using NeuroExercises.Grader.Records;

namespace NeuroExercises.Grader.Runner;

/// <summary>
/// Runs checks in child processes, at most <see cref="RunnerOptions.Parallelism"/> at once, and turns each child's
/// scratch folder into a <see cref="CheckRun"/>. A missing or malformed result is "no result", never a success.
/// </summary>
internal sealed class CheckRunner(RunnerOptions options)
{
    private readonly RunnerOptions options = options with { Sandbox = ChildLauncher.Resolve(options.Sandbox) };

    /// <summary>The sandbox actually used.</summary>
    public SandboxMode Sandbox => options.Sandbox;

    /// <summary>Runs every check; results come back in the order of <paramref name="checks"/>.</summary>
    public async Task<IReadOnlyList<CheckRun>> RunAllAsync(IReadOnlyList<CheckSpec> checks, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(options.ScratchRoot);
        var etc = Path.Combine(options.ScratchRoot, "sandbox-etc");
        ChildLauncher.WriteSandboxEtc(etc);
        var results = new CheckRun[checks.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, checks.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await RunOneAsync(checks[i], i, etc, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return results;
    }

    private async Task<CheckRun> RunOneAsync(CheckSpec spec, int index, string etc, CancellationToken cancellationToken)
    {
        var scratch = Path.Combine(options.ScratchRoot, $"check-{index:D3}");
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }

        Directory.CreateDirectory(scratch);
        if (!OperatingSystem.IsWindows())
        {
            // The sandboxed child runs as nobody: it must be able to write its scratch folder.
            File.SetUnixFileMode(scratch, (UnixFileMode)0b111_111_111);
        }
        var request = new ChildRequest(
            spec.Id, options.ChecksPath, spec.ClassName, spec.MethodName, options.SubmissionAssemblyName,
            options.SubmissionPath, options.InputsDirectory, options.Device, scratch);
        var command = ChildLauncher.Build(options, request, etc);
        var psi = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = scratch,
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

        var limit = (spec.TimeLimit * options.TimeLimitScale) + options.StartupAllowance;
        var sw = Stopwatch.StartNew();
        using var process = new Process { StartInfo = psi };
        process.Start();
        process.StandardInput.Close();
        var reader = new CappedReader(options.OutputCapBytes, options.OutputTailBytes, () => Kill(process));
        var drains = Task.WhenAll(reader.DrainAsync(process.StandardOutput.BaseStream), reader.DrainAsync(process.StandardError.BaseStream));
        var timedOut = false;
        using (var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            cts.CancelAfter(limit);
            try
            {
                await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                timedOut = !cancellationToken.IsCancellationRequested;
                Kill(process);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        await Task.WhenAny(drains, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None)).ConfigureAwait(false);
        sw.Stop();
        var tail = reader.Tail();
        if (timedOut)
        {
            return Fail(spec.Id, RunStatus.TimedOut, sw.Elapsed, $"check {spec.Id}: the child ran past the time limit of {limit.TotalSeconds:0.#} s and was killed; look for an endless loop or work that does not shrink.", tail);
        }

        if (reader.Overflowed)
        {
            return Fail(spec.Id, RunStatus.OutputCapped, sw.Elapsed, $"check {spec.Id}: the child wrote more than {options.OutputCapBytes} bytes to stdout/stderr and was killed; remove the prints from your code.", tail);
        }

        return ReadResult(spec.Id, scratch, process.ExitCode, sw.Elapsed, tail);
    }

    private static CheckRun ReadResult(string id, string scratch, int exitCode, TimeSpan elapsed, string tail)
    {
        var statusPath = Path.Combine(scratch, ChildStatus.FileName);
        ChildStatus? status;
        try
        {
            status = File.Exists(statusPath) ? JsonSerializer.Deserialize<ChildStatus>(File.ReadAllText(statusPath)) : null;
        }
        catch (JsonException e)
        {
            return Fail(id, RunStatus.NoResult, elapsed, $"check {id}: the child's status file is malformed ({e.Message}); the check scores 0.", tail);
        }

        if (status is null || !string.Equals(status.CheckId, id, StringComparison.Ordinal) || status.Outputs is null)
        {
            return Fail(id, RunStatus.NoResult, elapsed, $"check {id}: the child exited (code {exitCode}) without a result; did the code call Environment.Exit or crash (stack overflow)?", tail);
        }

        var startup = TimeSpan.FromMilliseconds(status.StartupMs);
        if (!status.Ok)
        {
            var detail = $"{status.ExceptionType}: {status.Message}\n{status.StackTail}";
            return new CheckRun(id, RunStatus.Threw, new Dictionary<string, NpyArray>(), elapsed, startup, detail, tail);
        }

        try
        {
            var arrays = Npz.Read(Path.Combine(scratch, ChildStatus.ResultFileName));
            if (!arrays.Keys.Order(StringComparer.Ordinal).SequenceEqual(status.Outputs.Order(StringComparer.Ordinal), StringComparer.Ordinal))
            {
                return Fail(id, RunStatus.NoResult, elapsed, $"check {id}: result.npz does not hold the outputs the status names; the check scores 0.", tail);
            }

            return new CheckRun(id, RunStatus.Completed, arrays, elapsed, startup, "", tail);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or DataFormatException or UnauthorizedAccessException)
        {
            return Fail(id, RunStatus.NoResult, elapsed, $"check {id}: result.npz is missing or malformed ({e.Message}); the check scores 0.", tail);
        }
    }

    private static CheckRun Fail(string id, RunStatus status, TimeSpan elapsed, string detail, string tail) =>
        new(id, status, new Dictionary<string, NpyArray>(), elapsed, null, detail, tail);

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
