using System.Runtime.InteropServices;
using System.Text.Json;
using NeuroExercises.Core.Npy;
using static TorchSharp.torch;

namespace NeuroExercises.Bench;

/// <summary>
/// One benchmark run, in this order: draw the data and write it as .npz → TorchSharp side (the solutions) →
/// PyTorch side (bench_pytorch.py, a child process, so the two never share cores) → compare trajectories →
/// table, verdict, optional JSON.
/// </summary>
internal static class BenchRun
{
    /// <summary>TorchSharp should take at most this fraction of PyTorch's time.</summary>
    public const double TargetRatio = 0.8;

    /// <summary>Seed of the bench data.</summary>
    public const long Seed = 20260101;

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Runs and reports; returns an <see cref="ExitCodes"/> value.</summary>
    public static int Run(BenchOptions options)
    {
        if (options.Threads < 1 || options.Repeats < 1 || options.Warmup < 0 || options.Batch < 1 || options.Batch > BenchData.Conditions)
        {
            Console.Error.WriteLine($"options: --threads and --repeats must be ≥ 1, --warmup ≥ 0, --batch in 1..{BenchData.Conditions} (got threads {options.Threads}, repeats {options.Repeats}, warmup {options.Warmup}, batch {options.Batch}).");
            return ExitCodes.Incomplete;
        }

        var workDir = Directory.CreateTempSubdirectory("neuro-bench-");
        try
        {
            var data = BenchData.Create(Seed);
            var dataPath = Path.Combine(workDir.FullName, "data.npz");
            data.WriteNpz(dataPath);

            Console.Error.WriteLine($"TorchSharp side ({options.Threads} thread(s), {options.Repeats} repeats)…");
            var (torchSharp, trajectory) = TorchSharpSide.Run(data, options);

            PythonOutcome? python = null;
            if (!options.SkipPython)
            {
                Console.Error.WriteLine($"PyTorch side ({options.Python})…");
                python = PythonSide.Run(options, dataPath, workDir.FullName);
            }

            var agreement = trajectory is not null && python?.TrajectoryPath is { } path ? Compare(trajectory, path) : null;
            var result = new BenchResult(
                $"{RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}",
                Environment.ProcessorCount,
                LoadAverage(),
                typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "?",
                python?.Report?.Torch,
                python?.Report?.Blas,
                python?.Report?.MatmulProbeUs,
                options.Repeats,
                options.Warmup,
                options.Batch,
                TargetRatio,
                [.. CaseNames.All.Select(c => Row(c.Id, c.PyTorchId, options.Threads, torchSharp[c.Id], python?.Report))],
                agreement,
                python?.Error,
                python?.Fix);

            Report.Print(result);
            if (options.JsonPath is { } jsonPath)
            {
                File.WriteAllText(jsonPath, JsonSerializer.Serialize(result, JsonOptions));
                Console.WriteLine($"JSON written to {Path.GetFullPath(jsonPath)}");
            }

            var complete = result.Cases.All(c => c.TorchSharpMs is not null && (options.SkipPython || c.PyTorchMs is not null));
            if (!complete)
            {
                return ExitCodes.Incomplete;
            }

            return agreement is { Agrees: false } || result.Cases.Any(LossesDiffer) ? ExitCodes.Mismatch : ExitCodes.Ok;
        }
        finally
        {
            workDir.Delete(recursive: true);
        }
    }

    /// <summary>First-step losses further apart than float32 summation noise (relative 1e-4).</summary>
    public static bool LossesDiffer(CaseRow row) =>
        row is { TorchSharpFirstLoss: { } a, PyTorchFirstLoss: { } b } && Math.Abs(a - b) > 1e-4 * Math.Max(Math.Abs(b), 1e-12);

    private static CaseRow Row(string name, string pyTorchName, int threads, SideOutcome ts, PythonReport? py)
    {
        var pyCase = py?.Cases.GetValueOrDefault(pyTorchName);
        double? ratio = ts.Timing is { } t && pyCase is { } p ? t.MedianMs / p.MedianMs : null;
        return new CaseRow(
            name,
            threads,
            ts.Timing?.MedianMs,
            pyCase?.MedianMs,
            ratio,
            ratio is { } r ? r <= TargetRatio : null,
            ts.Timing?.MinMs,
            pyCase?.MinMs,
            ts.FirstLoss,
            pyCase?.FirstLoss,
            ts.Error);
    }

    /// <summary>The 1/5/15-minute load averages at the end of the run (other processes make the timings noisy), or null off Linux.</summary>
    private static string? LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static TrajectoryAgreement Compare(Week01.TaskDrivenRnn.Trajectory trajectory, string pythonNpz)
    {
        var arrays = Npz.Read(pythonNpz);
        using var scope = NewDisposeScope();
        var outputs = arrays["outputs"].ToTensor();
        var hidden = arrays["hidden"].ToTensor();
        return new TrajectoryAgreement(
            (trajectory.Outputs - outputs).abs().max().item<float>(),
            (trajectory.Hidden - hidden).abs().max().item<float>());
    }
}
