using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using NeuroExercises.Core.Devices;
using NeuroExercises.Grader.Compile;
using NeuroExercises.Grader.Discovery;
using NeuroExercises.Grader.Judge;
using NeuroExercises.Grader.Records;
using NeuroExercises.Grader.Runner;

namespace NeuroExercises.Grader.Grading;

/// <summary>
/// One grade, as an ordered list of single-purpose steps; the order is the data flow:
/// 1. discover the week's checks (rules only, no student code);
/// 2. compile the submission's .cs files with the grader's settings (errors stop here: every check scores 0);
/// 3. run each check in a child process (sandboxed), collecting arrays and statuses;
/// 4. derive: checks that declare a trusted derive step get their verdict computed here, in the grader's process, from
///    the raw arrays the child returned (<see cref="TrustedDerive"/>);
/// 5. judge the records against the snapshots (the only place that scores);
/// 6. hash the manifest, so a regrade can be proven identical.
/// </summary>
internal static class GradePipeline
{
    private static readonly Lock TrustedSteps = new();

    /// <summary>Grades <paramref name="request"/>; throws only for a grader fault (the CLI still writes a results file).</summary>
    public static async Task<GradeResult> GradeAsync(GradeRequest request, CancellationToken cancellationToken = default)
    {
        var sw = Stopwatch.StartNew();
        var checks = DiscoverChecks(request.ChecksPath, request.Week.Id).Where(request.CheckFilter ?? (_ => true)).ToList();
        var store = SnapshotStore.For(request.SnapshotsRoot, request.Week);
        var manifest = ManifestHash.Compute(checks, store);
        var device = ResolveDevice(request.Device);
        var scratch = Directory.CreateTempSubdirectory("neuro-grade-").FullName;
        try
        {
            var (raw, sandbox, message, timings, submissionHash, isolation) = await CompileAndRunAsync(request, checks, device, scratch, cancellationToken).ConfigureAwait(false);
            var judging = Stopwatch.StartNew();
            IReadOnlyList<CheckResult> results;
            lock (TrustedSteps)
            {
                // TorchSharp's global state (seed, default dtype, threads) is per process: grades running side by side
                // (grade-batch's workers) take the trusted derive step and the judge one at a time.
                var runs = TrustedDerive.Apply(request.ChecksPath, checks, raw, InputsOf(request));
                var judge = new SubmissionJudge(store, device, request.ReceivedDirectory);
                results = judge.JudgeAll(checks, runs);
            }

            return new GradeResult(
                request.Week.Id, device, sandbox, results.Sum(r => r.Score), checks.Sum(c => c.Points), results, manifest, sw.Elapsed.TotalSeconds, message)
            {
                Timings = timings with { Judge = judging.Elapsed.TotalSeconds },
                Provenance = new Provenance(Provenance.GraderVersion, submissionHash, request.Week.Id, device, isolation),
                StaffLog = raw.Where(r => r.StaffDetail.Length > 0).ToDictionary(r => r.Id, r => r.StaffDetail, StringComparer.Ordinal),
            };
        }
        finally
        {
            TryDelete(scratch);
        }
    }

    /// <summary>Steps 2 and 3: compile, then run every check (or a not-run record per check when compilation failed).</summary>
    internal static async Task<(IReadOnlyList<CheckRun> Runs, string Sandbox, string Message, GradeTimings Timings, string SubmissionHash, string Isolation)> CompileAndRunAsync(
        GradeRequest request, IReadOnlyList<CheckSpec> checks, string device, string scratch, CancellationToken cancellationToken)
    {
        if (request.Runners is not null && !request.TrustedSources)
        {
            throw new InvalidOperationException("a runner pool keeps children between grades and serves the staff's own sources only; grade a student's submission without GradeRequest.Runners.");
        }

        var references = SubmissionCompiler.DefaultReferences(request.GraderDirectory).Concat(request.ExtraReferences).ToList();
        var compiled = await CachedCompileAsync(request, references, Path.Combine(scratch, "compiled"), cancellationToken).ConfigureAwait(false);
        if (!compiled.Succeeded)
        {
            var message = "The submission does not compile, so every check scores 0. Fix these errors (file:line:column):\n"
                + string.Join("\n", compiled.Errors.Take(50).Select(e => e.ToString()));
            return ([.. checks.Select(c => CheckRun.NotRun(c.Id, $"check {c.Id}: not run because the submission does not compile (see the errors above)."))], "none", message,
                new GradeTimings(compiled.Elapsed.TotalSeconds, 0, 0, 0, 0, 0), compiled.SourcesHash, "none (not run)");
        }

        var options = new RunnerOptions(
            request.GraderDirectory,
            Path.GetFullPath(request.ChecksPath),
            request.Week.AssemblyName,
            compiled.AssemblyPath!,
            InputsOf(request),
            device,
            request.Sandbox,
            Path.Combine(scratch, "run"))
        {
            TimeLimitScale = request.TimeLimitScale,
            WallBudget = request.WallBudget,
            Parallelism = request.Parallelism,
            SlotBase = request.SlotBase,
            Pool = request.Runners,
        };
        var runner = new CheckRunner(options);
        var running = Stopwatch.StartNew();
        var runs = await runner.RunAllAsync(checks, cancellationToken).ConfigureAwait(false);
        var timings = new GradeTimings(
            compiled.Elapsed.TotalSeconds,
            runs.Where(r => r.ChildStartup is not null).Select(r => r.ChildStartup!.Value.TotalSeconds).Distinct().Sum(),
            runs.Sum(r => r.Elapsed.TotalSeconds),
            running.Elapsed.TotalSeconds,
            0,
            runner.ChildrenStarted)
        {
            Compiler = compiled.CompilerTime.TotalSeconds,
        };
        return (runs, runner.Sandbox == SandboxMode.Bwrap ? "bwrap" : "none", "", timings, compiled.SourcesHash, runner.Isolation ?? "none");
    }

    /// <summary>
    /// Compiles the submission, or takes the DLL the compile cache holds for the same sources, assembly name and references.
    /// The result's <see cref="CompileResult.SourcesHash"/> identifies the submission in every results file.
    /// </summary>
    internal static async Task<CompileResult> CachedCompileAsync(GradeRequest request, IReadOnlyList<string> references, string outputDirectory, CancellationToken cancellationToken)
    {
        var sw = Stopwatch.StartNew();
        var cache = request.UseCompileCache ? CompileCache.Default() : null;
        // Read once, safely (never following a link): refusals are the compile step's to report, a readable folder gives
        // the submission's hash and the cache key.
        var scan = SubmissionSources.Read(request.SubmissionFolder);
        string? hash = null;
        string? key = null;
        if (scan.Refusals.Count == 0 && scan.Files.Count > 0)
        {
            hash = CompileCache.SourcesHash(scan.Files);
            key = CompileCache.Key(hash, request.Week.AssemblyName, references);
            if (cache?.TryGet(key) is { } hit)
            {
                return new CompileResult(hit, [], [.. scan.Files.Select(f => f.Path)], sw.Elapsed)
                {
                    SourcesHash = hash, FromCache = true, Ignored = scan.Ignored, Isolation = "compile cache",
                };
            }
        }

        var options = new CompileChildOptions
        {
            TimeLimit = request.CompileTimeLimit,
            Sandboxed = ChildLauncher.Resolve(request.Sandbox) == SandboxMode.Bwrap,
            GraderDirectory = request.GraderDirectory,
            Slot = request.SlotBase,
        };
        var compiled = request.TrustedSources
            ? SubmissionCompiler.Compile(request.SubmissionFolder, request.Week.AssemblyName, outputDirectory, references, request.CompileTimeLimit)
            : await CompileChild.CompileIsolatedAsync(request.SubmissionFolder, request.Week.AssemblyName, outputDirectory, references, options, cancellationToken, request.CompileServers?.For(options, references)).ConfigureAwait(false);
        if (compiled.Succeeded && cache is not null && key is not null)
        {
            cache.Put(key, compiled.AssemblyPath!);
        }

        return compiled with { SourcesHash = hash ?? "" };
    }

    /// <summary>The checks of <paramref name="week"/> in the assembly at <paramref name="checksPath"/>.</summary>
    public static IReadOnlyList<CheckSpec> DiscoverChecks(string checksPath, string week) =>
        ChecksAssembly.With(checksPath, a => CheckDiscovery.Discover(a, week));

    /// <summary>The inputs folder of <paramref name="request"/> (its own, else the one beside the checks assembly).</summary>
    public static string InputsOf(GradeRequest request) =>
        request.InputsDirectory ?? DefaultInputsDirectory(request.GraderDirectory, request.Week.InputsFolder);

    /// <summary>The week's inputs beside the checks assembly: checks-inputs/&lt;folder&gt; (copied there by the Checks project).</summary>
    public static string DefaultInputsDirectory(string graderDirectory, string inputsFolder) =>
        Path.Combine(graderDirectory, "checks-inputs", inputsFolder);

    /// <summary>"cpu" or "cuda" for <c>--device</c> (auto probes libtorch).</summary>
    public static string ResolveDevice(string value) =>
        string.Equals(value.Trim(), "cpu", StringComparison.OrdinalIgnoreCase) ? "cpu" : DeviceChoice.Parse(value).Name;

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean (a child may still hold a file).
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
