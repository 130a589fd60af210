using System.Diagnostics;
using System.Text;
using System.Text.Json;
using NeuroExercises.Grader.Sandbox;

namespace NeuroExercises.Grader.Compile;

/// <summary>What the compile child is asked to do (request.json in its work folder).</summary>
/// <param name="AssemblyName">The assembly name.</param>
/// <param name="References">Metadata references (host paths, visible read-only inside).</param>
/// <param name="Files">The sources as the parent read them (the child never sees the submission folder).</param>
internal sealed record CompileChildRequest(string AssemblyName, IReadOnlyList<string> References, IReadOnlyList<SourceFile> Files);

/// <summary>What the compile child answers (result.json in its work folder; the DLL beside it on success).</summary>
/// <param name="Ok">The DLL was written.</param>
/// <param name="Errors">Compiler errors.</param>
/// <param name="CompileMs">Time inside the compiler.</param>
/// <param name="StartupMs">Process start to the compiler call.</param>
internal sealed record CompileChildResult(bool Ok, IReadOnlyList<CompileDiagnostic> Errors, double CompileMs, double StartupMs);

/// <summary>Options of a compile in a child process.</summary>
internal sealed record CompileChildOptions
{
    /// <summary>
    /// Wall-clock limit of the compile child (start included); past it the child and its cgroup are killed. 60 s: the week 1
    /// solution took 14–22 s in the child on this 2-core machine at load average ≈ 20 (Roslyn is JIT-compiled in every child).
    /// </summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Run the child in bwrap + cgroup + seccomp (false: a plain child with a clean environment and the time limit).</summary>
    public bool Sandboxed { get; init; } = true;

    /// <summary>The slot (uid 61000 + slot) of the child.</summary>
    public int Slot { get; init; }

    /// <summary>Folder of NeuroExercises.Grader.dll (the child is the grader's hidden compile-child command).</summary>
    public string GraderDirectory { get; init; } = AppContext.BaseDirectory;

    /// <summary>Caps on the submission's sources.</summary>
    public SourceLimits Sources { get; init; } = new();

    /// <summary>Resource limits of the compiler child: Roslyn on a course-sized project stays far below 1 GB.</summary>
    public SandboxLimits Limits { get; init; } = new() { MemoryBytes = 1L << 30, GcHeapHardLimitBytes = 768L << 20 };
}

/// <summary>
/// Compiling untrusted source is untrusted work: the parent reads and checks the submission's files
/// (<see cref="SubmissionSources"/>), hands the texts to the grader's hidden <c>compile-child</c> command in a sandboxed
/// child (memory cap, wall-clock limit with a kill of the whole tree and cgroup), and reads back errors or the DLL.
/// A compile-time bomb ends at the limit with a clear reason; the submission's project files are never read.
/// </summary>
internal static class CompileChild
{
    /// <summary>Name of the child's request file.</summary>
    public const string RequestFile = "request.json";

    /// <summary>Name of the child's result file.</summary>
    public const string ResultFile = "result.json";

    private const int MaxResultBytes = 4 << 20;
    private const int TailBytes = 4096;

    /// <summary>Parent side: compiles <paramref name="folder"/> in a child; never throws for anything the submission does.</summary>
    /// <param name="folder">The submission folder.</param>
    /// <param name="assemblyName">The week's assembly name.</param>
    /// <param name="outputDirectory">Where the DLL goes (a private folder of the grade).</param>
    /// <param name="references">Metadata references.</param>
    /// <param name="options">Limits and isolation.</param>
    /// <param name="cancellationToken">Cancels the grade.</param>
    /// <param name="server">A batch worker's long-lived compile child, used when it serves these references and options.</param>
    public static async Task<CompileResult> CompileIsolatedAsync(
        string folder, string assemblyName, string outputDirectory, IReadOnlyList<string> references, CompileChildOptions options, CancellationToken cancellationToken = default, CompileServer? server = null)
    {
        var sw = Stopwatch.StartNew();
        var scan = SubmissionSources.Read(folder, options.Sources);
        if (SubmissionCompiler.Refused(scan, folder, sw) is { } refused)
        {
            return refused;
        }

        var files = scan.Files.Select(f => f.Path).ToList();
        if (server is not null && server.Serves(references, options))
        {
            var job = server.NewJobFolder();
            try
            {
                await File.WriteAllTextAsync(Path.Combine(job, RequestFile), JsonSerializer.Serialize(new CompileChildRequest(assemblyName, references, scan.Files)), cancellationToken).ConfigureAwait(false);
                var (ended, output) = await server.CompileAsync(job, options.TimeLimit, cancellationToken).ConfigureAwait(false);
                var served = ended ?? new SandboxExit(0, false, null, sw.Elapsed);
                return await InterpretAsync(job, served, output, server.Isolation?.ToString() ?? "", scan, files, assemblyName, outputDirectory, options, sw, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                TryDelete(job);
            }
        }

        var work = Path.Combine(outputDirectory, "compile-child");
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        Directory.CreateDirectory(work);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(work, (UnixFileMode)0b111_111_111); // the slot uid writes result.json and the DLL here
        }

        await File.WriteAllTextAsync(Path.Combine(work, RequestFile), JsonSerializer.Serialize(new CompileChildRequest(assemblyName, references, scan.Files)), cancellationToken).ConfigureAwait(false);
        using var session = SandboxSession.Create(options.Sandboxed);
        var grader = Path.Combine(options.GraderDirectory, "NeuroExercises.Grader.dll");
        var spec = new SandboxSpec(Path.Combine(SandboxLauncher.DotnetRoot, "dotnet"), ["exec", grader, "compile-child", "--work", work], options.Slot, work)
        {
            ReadOnlyPaths = [options.GraderDirectory, .. references],
            Limits = options.Limits,
        };
        SandboxExit exit;
        string tail;
        IsolationReport isolation;
        using (var child = SandboxedProcess.Start(spec, session))
        {
            isolation = child.Isolation;
            child.Process.StandardInput.Close();
            var output = new StringBuilder();
            var drains = Task.WhenAll(Drain(child.Process.StandardOutput, output), Drain(child.Process.StandardError, output));
            exit = await child.WaitAsync(options.TimeLimit, cancellationToken).ConfigureAwait(false);
            await Task.WhenAny(drains, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None)).ConfigureAwait(false);
            lock (output)
            {
                tail = output.ToString();
            }
        }

        return await InterpretAsync(work, exit, tail, isolation.ToString(), scan, files, assemblyName, outputDirectory, options, sw, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads how a compile child ended and what it wrote in <paramref name="work"/>: the DLL moved to <paramref name="outputDirectory"/>, or the reason.</summary>
    private static async Task<CompileResult> InterpretAsync(
        string work, SandboxExit exit, string tail, string isolation, SourceScan scan, List<string> files, string assemblyName, string outputDirectory, CompileChildOptions options, Stopwatch sw, CancellationToken cancellationToken)
    {
        CompileResult Fail(string id, string message) =>
            SubmissionCompiler.Failed(id, message, files, sw) with { Ignored = scan.Ignored, Isolation = isolation };

        if (exit.TimedOut)
        {
            return Fail("compile-timeout", $"compilation ran past the limit of {options.TimeLimit.TotalSeconds:0.#} s and was stopped (the compiler child was killed). Deeply nested lambdas resolved against several overloads make the compiler's work grow exponentially: give the lambdas' parameters explicit types, or split the nesting into methods.");
        }

        if (exit.OomKilled)
        {
            return Fail("compile-memory", $"compilation used more than the compiler's memory cap of {IsolationReport.Size(options.Limits.MemoryBytes)} and was stopped; simplify the code (very large constants, generated code or deep nesting).");
        }

        var resultPath = Path.Combine(work, ResultFile);
        CompileChildResult? result = null;
        try
        {
            if (File.Exists(resultPath) && new FileInfo(resultPath).Length <= MaxResultBytes)
            {
                result = JsonSerializer.Deserialize<CompileChildResult>(await File.ReadAllTextAsync(resultPath, cancellationToken).ConfigureAwait(false));
            }
        }
        catch (JsonException)
        {
            result = null;
        }

        if (result is null || exit.ExitCode != 0)
        {
            var why = exit.SetupFailed ? "the sandbox could not be set up" : $"the compiler child exited with code {exit.ExitCode} without a result";
            return Fail("compile-crashed", $"{why}; this is a grader problem, not yours: tell the course staff. Output tail:\n{Tail(tail)}");
        }

        var built = Path.Combine(work, assemblyName + ".dll");
        if (!result.Ok || !File.Exists(built))
        {
            return new CompileResult(null, result.Ok ? [new CompileDiagnostic("compile-crashed", "", 0, 0, "the compiler child reported success but wrote no DLL; tell the course staff.")] : result.Errors, files, sw.Elapsed)
            {
                Ignored = scan.Ignored,
                Isolation = isolation,
            };
        }

        var dll = Path.Combine(outputDirectory, assemblyName + ".dll");
        Directory.CreateDirectory(outputDirectory);
        File.Move(built, dll, overwrite: true);
        return new CompileResult(dll, [], files, sw.Elapsed)
        {
            Ignored = scan.Ignored,
            Isolation = isolation,
            CompilerTime = TimeSpan.FromMilliseconds(result.CompileMs),
        };
    }

    /// <summary>Child side (hidden <c>compile-child --work DIR</c>): compiles request.json's sources into DIR, writes result.json; exit 0 when a result was written.</summary>
    public static int Run(string work)
    {
        var startup = DateTime.Now - Process.GetCurrentProcess().StartTime;
        var request = JsonSerializer.Deserialize<CompileChildRequest>(File.ReadAllText(Path.Combine(work, RequestFile)))
            ?? throw new InvalidDataException($"{RequestFile} is empty");
        var sw = Stopwatch.StartNew();
        var (dll, errors) = SubmissionCompiler.CompileSources(request.Files, request.AssemblyName, work, request.References, CancellationToken.None);
        var result = new CompileChildResult(dll is not null, errors, sw.Elapsed.TotalMilliseconds, startup.TotalMilliseconds);
        var tmp = Path.Combine(work, ResultFile + ".tmp");
        File.WriteAllText(tmp, JsonSerializer.Serialize(result));
        File.Move(tmp, Path.Combine(work, ResultFile), overwrite: true);
        return 0;
    }

    /// <summary>
    /// Child side of <see cref="CompileServer"/> (hidden <c>compile-child --serve --work ROOT</c>): for each stdin line naming a
    /// job folder under ROOT, compiles it as <see cref="Run"/> does and answers <see cref="CompileServer.Done"/>; ends at EOF.
    /// </summary>
    public static int Serve(string root)
    {
        string? line;
        while ((line = Console.In.ReadLine()) is not null)
        {
            var name = line.Trim();
            if (name.Length > 0 && name == Path.GetFileName(name) && name is not "." and not "..")
            {
                try
                {
                    Run(Path.Combine(root, name));
                }
                catch (Exception e) when (e is IOException or InvalidDataException or JsonException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine($"compile-child: job {name}: {e.Message}"); // no result.json: the parent reports a crash
                }
            }

            Console.Out.WriteLine(CompileServer.Done);
            Console.Out.Flush();
        }

        return 0;
    }

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // Left for the server's Dispose.
        }
        catch (UnauthorizedAccessException)
        {
            // Left for the server's Dispose.
        }
    }

    /// <summary>Reads <paramref name="reader"/> to its end into <paramref name="into"/> (locked), keeping about the last 4 KB.</summary>
    internal static async Task Drain(StreamReader reader, StringBuilder into)
    {
        var buffer = new char[4096];
        int n;
        try
        {
            while ((n = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                lock (into)
                {
                    into.Append(buffer, 0, n);
                    if (into.Length > 4 * TailBytes)
                    {
                        into.Remove(0, into.Length - TailBytes);
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Killed while we read.
        }
    }

    private static string Tail(string text) => text.Length <= TailBytes ? text : text[^TailBytes..];
}
