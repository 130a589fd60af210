using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NeuroExercises.Core.Npy;
using NeuroExercises.Week03.Microcircuits;
using Spectre.Console;
using static TorchSharp.torch;

namespace NeuroExercises.Bench;

/// <summary>
/// Week 3: the week's solutions on a batch against the same equations in PyTorch (bench_microcircuits.py), in this order:
/// draw the inputs and weights and write them as .npz → TorchSharp cases → PyTorch cases (a child process,
/// OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for it only) → check both sides computed the same numbers → table.
/// Cases: forward + backward of the course's one-head <see cref="SelfAttentionModel"/> (mean BCE on a sparse-AND batch,
/// gradients of every parameter) at the course's size and at a wider one, and <see cref="Normalization.Normalize"/> on a
/// batch.
/// </summary>
internal static class MicrocircuitsBench
{
    private const long Seed = 20260303;

    /// <summary>One self-attention case: T tokens (bits + 1), embedding d, batch B.</summary>
    private sealed record AttentionCase(string Name, int Bits, int Dim, int Batch);

    /// <summary>One normalization case: x [B, D], σ, p, g.</summary>
    private sealed record NormCase(string Name, int Batch, int Dim, double Sigma, double P, double Gain);

    private static readonly AttentionCase[] AttentionCases =
    [
        new("selfattention_T17_d2_B1000", 16, 2, 1000),
        new("selfattention_T65_d32_B256", 64, 32, 256),
    ];

    private static readonly NormCase[] NormCases =
    [
        new("normalize_p2_4096x256", 4096, 256, 0.1, 2, 1),
        new("normalize_p3_4096x256", 4096, 256, 1, 3, 2),
    ];

    private static readonly string[] ParameterNames = ["tokenizer.weight", "positioner", "Wq.weight", "Wk.weight", "Wv.weight", "linear.weight"];

    /// <summary>Numbers that both sides must agree on, per case.</summary>
    private sealed record Result(double Median, double Min, double[] Check);

    /// <summary>Runs and reports; returns an <see cref="ExitCodes"/> value.</summary>
    public static int Run(BenchOptions options)
    {
        set_num_threads(options.Threads);
        manual_seed(Seed);
        var work = Directory.CreateTempSubdirectory("neuro-microcircuits-bench-");
        var arrays = new Dictionary<string, NpyArray>();
        var models = new Dictionary<string, (SelfAttentionModel Model, Tensor X, Tensor Y)>();
        var norms = new Dictionary<string, Tensor>();
        try
        {
            foreach (var c in AttentionCases)
            {
                var model = new SelfAttentionModel(c.Bits + 1, c.Dim);
                using (no_grad())
                {
                    // O(1) weights (the course's N(0, 0.001²) init gives near-zero gradients): every term of the backward pass matters.
                    foreach (var (name, p) in model.named_parameters())
                    {
                        p.copy_(randn(p.shape) * 0.5);
                    }
                }

                var batch = SparseAnd.Generate(c.Batch, [1, 3], [5, 7], c.Bits);
                models[c.Name] = (model, batch.X, batch.Y);
                var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
                foreach (var name in ParameterNames)
                {
                    arrays[$"{c.Name}/{name}"] = NpyArray.FromTensor(parameters[name].detach());
                }

                arrays[$"{c.Name}/X"] = NpyArray.FromTensor(batch.X);
                arrays[$"{c.Name}/y"] = NpyArray.FromTensor(batch.Y);
            }

            foreach (var c in NormCases)
            {
                var x = randn(c.Batch, c.Dim).abs_();
                norms[c.Name] = x;
                arrays[$"{c.Name}/x"] = NpyArray.FromTensor(x);
            }

            var dataPath = Path.Combine(work.FullName, "microcircuits.npz");
            Npz.Write(dataPath, arrays);

            var rounds = new List<(Dictionary<string, Result> TorchSharp, JsonElement? Python)>();
            string? pythonError = null;
            for (var round = 1; round <= options.Rounds; round++)
            {
                Console.Error.WriteLine($"Round {round} of {options.Rounds}: TorchSharp side ({options.Threads} thread(s), {options.Warmup} warm-up + {options.Repeats} timed runs per case)…");
                var torchSharp = new Dictionary<string, Result>();
                foreach (var c in AttentionCases)
                {
                    var (model, x, y) = models[c.Name];
                    torchSharp[c.Name] = Time(options, () => AttentionStep(model, x, y));
                    Console.Error.WriteLine($"  {c.Name}: {torchSharp[c.Name].Median:F3} ms");
                }

                foreach (var c in NormCases)
                {
                    var x = norms[c.Name];
                    torchSharp[c.Name] = Time(options, () =>
                    {
                        var output = Normalization.Normalize(x, c.Sigma, c.P, c.Gain);
                        return () =>
                        {
                            using (output)
                            {
                                return Checksum(output);
                            }
                        };
                    });
                    Console.Error.WriteLine($"  {c.Name}: {torchSharp[c.Name].Median:F3} ms");
                }

                JsonElement? python = null;
                if (!options.SkipPython)
                {
                    Console.Error.WriteLine($"Round {round} of {options.Rounds}: PyTorch side ({options.Python})…");
                    (python, pythonError) = RunPython(options, dataPath);
                }

                rounds.Add((torchSharp, python));
                if (pythonError is not null)
                {
                    break;
                }
            }

            return Report(options, rounds, pythonError);
        }
        finally
        {
            foreach (var (model, x, y) in models.Values)
            {
                model.Dispose();
                x.Dispose();
                y.Dispose();
            }

            foreach (var x in norms.Values)
            {
                x.Dispose();
            }

            work.Delete(recursive: true);
        }
    }

    /// <summary>Forward, mean BCE, backward; the returned function reads the loss and the gradients' sums (after the clock stops).</summary>
    private static Func<double[]> AttentionStep(SelfAttentionModel model, Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        model.zero_grad();
        var output = model.call(x);
        var loss = nn.functional.binary_cross_entropy(output.squeeze(), y.squeeze());
        loss.backward();
        var value = loss.item<float>();
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        return () =>
        {
            using var inner = NewDisposeScope();
            return [value, .. ParameterNames.Select(n => parameters[n].grad!.abs().sum().item<float>())];
        };
    }

    private static double[] Checksum(Tensor output)
    {
        using var scope = NewDisposeScope();
        var d = output.to(ScalarType.Float64);
        return [d.sum().item<double>(), d.square().sum().item<double>()];
    }

    private static Result Time(BenchOptions options, Func<Func<double[]>> run)
    {
        for (var i = 0; i < options.Warmup; i++)
        {
            run()();
        }

        var times = new List<double>();
        double[] check = [];
        for (var r = 0; r < options.Repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            var read = run();
            times.Add(clock.Elapsed.TotalMilliseconds);
            check = read();
        }

        times.Sort();
        return new Result(times[times.Count / 2], times[0], check);
    }

    private static (JsonElement? Report, string? Error) RunPython(BenchOptions options, string dataPath)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "bench_microcircuits.py");
        var start = new ProcessStartInfo(options.Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var cases = string.Join(',', AttentionCases.Select(c => c.Name));
        var normCases = string.Join(',', NormCases.Select(c => FormattableString.Invariant($"{c.Name}:{c.Sigma}:{c.P}:{c.Gain}")));
        foreach (var arg in new[] { script, "--data", dataPath, "--attention", cases, "--normalize", normCases, "--threads", $"{options.Threads}",
                     "--repeats", $"{options.Repeats}", "--warmup", $"{options.Warmup}" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["OMP_NUM_THREADS"] = $"{options.Threads}";
        start.Environment["OPENBLAS_NUM_THREADS"] = $"{options.Threads}";
        // These machines set both, which halves OpenBLAS's speed: the baseline runs without them.
        start.Environment.Remove("OPENBLAS_CORETYPE");
        start.Environment.Remove("OPENBLAS_L2_SIZE");
        try
        {
            using var process = Process.Start(start) ?? throw new Win32Exception("no process");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(20)))
            {
                process.Kill(entireProcessTree: true);
                return (null, "bench_microcircuits.py ran longer than 20 min and was stopped; lower --repeats");
            }

            if (process.ExitCode != 0)
            {
                return (null, $"bench_microcircuits.py exited with {process.ExitCode}: {string.Join(" | ", stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(3))}. "
                    + "Install Debian's python3-torch and libopenblas0-openmp (apt-get install python3-torch libopenblas0-openmp python3-threadpoolctl).");
            }

            return (JsonDocument.Parse(stdout.Result).RootElement.Clone(), null);
        }
        catch (Win32Exception e)
        {
            return (null, $"could not start {options.Python}: {e.Message}. Install Debian's python3-torch and libopenblas0-openmp.");
        }
        catch (JsonException e)
        {
            return (null, $"bench_microcircuits.py's stdout is not JSON ({e.Message})");
        }
    }

    private static int Report(BenchOptions options, List<(Dictionary<string, Result> TorchSharp, JsonElement? Python)> rounds, string? pythonError)
    {
        var torchSharp = rounds[^1].TorchSharp;
        var python = rounds[^1].Python;
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected || console.Profile.Width < 120)
        {
            console.Profile.Width = 140;
        }

        var roundsNote = rounds.Count > 1 ? $", {rounds.Count} rounds, each side in turn: ms and ratio are medians over the rounds" : "";
        var table = new Table().Title($"Week 3, self-attention forward + backward and divisive normalization, {options.Threads} thread(s) (median of {options.Repeats}, ms{roundsNote})");
        foreach (var column in new[] { "case", "TorchSharp ms", "PyTorch ms", "ratio", $"≤ {BenchRun.TargetRatio.ToString("0.0", CultureInfo.InvariantCulture)}?", "rounds' ratios", "agree (largest relative difference)" })
        {
            table.AddColumn(column);
        }

        var rows = new List<object>();
        var agree = true;
        foreach (var (name, last) in torchSharp)
        {
            double? pyMin = null;
            double[]? pyCheck = null;
            if (python is { } report && report.GetProperty("cases").TryGetProperty(name, out var c))
            {
                pyMin = c.GetProperty("min_ms").GetDouble();
                pyCheck = c.GetProperty("check").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            }

            // Per round: this case's TorchSharp and PyTorch medians, timed at most a minute apart; medians over the rounds.
            var pairs = rounds.Where(r => r.Python is { } pr && pr.GetProperty("cases").TryGetProperty(name, out _))
                .Select(r => (Ts: r.TorchSharp[name].Median, Py: r.Python!.Value.GetProperty("cases").GetProperty(name).GetProperty("median_ms").GetDouble())).ToArray();
            var ratios = pairs.Select(q => q.Ts / q.Py).ToArray();
            var py = pairs.Length > 0 ? EpochRounds.Median(pairs.Select(q => q.Py)) : (double?)null;
            var ts = last with { Median = EpochRounds.Median(rounds.Select(r => r.TorchSharp[name].Median)), Min = rounds.Min(r => r.TorchSharp[name].Min) };

            // float32 on both sides, summed in a different order by different kernels: 1e-4 relative.
            var worst = pyCheck is null ? (double?)null
                : ts.Check.Zip(pyCheck, (a, b) => Math.Abs(a - b) / Math.Max(1e-12, Math.Max(Math.Abs(a), Math.Abs(b)))).Max();
            var same = pyCheck is null || (pyCheck.Length == ts.Check.Length && worst <= 1e-4);
            agree &= same;
            var ratio = ratios.Length > 0 ? EpochRounds.Median(ratios) : (double?)null;
            table.AddRow(name, $"{ts.Median:F3} (min {ts.Min:F3})", py is { } v ? $"{v:F3} (min {pyMin:F3})" : "—",
                ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "—",
                ratio is { } r2 ? (r2 <= BenchRun.TargetRatio ? "[green]yes[/]" : "[red]no[/]") : "—",
                ratios.Length > 0 ? string.Join(" ", ratios.Select(q => q.ToString("0.00", CultureInfo.InvariantCulture))) : "—",
                worst is { } w ? (same ? $"yes ({w:E1})" : $"[red]DIFFER ({w:E1})[/]") : "—");
            rows.Add(new { name, torchSharpMs = ts.Median, torchSharpMinMs = ts.Min, pyTorchMs = py, pyTorchMinMs = pyMin, ratio, roundRatios = ratios, torchSharpCheck = ts.Check, pyTorchCheck = pyCheck });
        }

        console.Write(table);
        var blas = python is { } rep ? rep.GetProperty("blas").GetString() : null;
        console.WriteLine($"TorchSharp {typeof(TorchSharp.torch).Assembly.GetName().Version}; PyTorch {(python is { } r3 ? r3.GetProperty("torch").GetString() : "not run")}; "
            + $"BLAS {blas ?? "?"}; {Environment.ProcessorCount} cores, load average {LoadAverage()}.");
        if (pythonError is not null)
        {
            console.MarkupLineInterpolated($"[red]PyTorch side did not run:[/] {pythonError}");
        }

        if (options.JsonPath is { } jsonPath)
        {
            File.WriteAllText(jsonPath, JsonSerializer.Serialize(new { options.Threads, options.Repeats, options.Warmup, options.Rounds, blas, loadAverage = LoadAverage(), rows },
                new JsonSerializerOptions { WriteIndented = true }));
        }

        if (!agree)
        {
            console.MarkupLine("[red]The two sides computed different numbers: the timings compare different work.[/]");
            return ExitCodes.Mismatch;
        }

        return python is null && !options.SkipPython ? ExitCodes.Incomplete : ExitCodes.Ok;
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
