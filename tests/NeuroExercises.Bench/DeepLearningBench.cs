using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NeuroExercises.Core.Npy;
using NeuroExercises.Week05.DeepLearningNeuro;
using Spectre.Console;
using static TorchSharp.torch;

namespace NeuroExercises.Bench;

/// <summary>
/// Week 5: the tilt CNN's training epoch (10 minibatches of 100 from cnn.npz's initial weights in perm[0]'s order, SGD lr
/// 5e-4 with momentum 0.99, BCE) and the RDM + Spearman comparison of a 181 × 181 pair (V1's RDM from the synthetic
/// population, the pool layer's from cnn.npz's act_pool), TorchSharp (the week's solutions) against the same in PyTorch
/// (bench_deep_learning.py: nn.Conv2d / MaxPool2d / Linear, BCELoss, optim.SGD; RDM in torch, scipy.stats.spearmanr), one
/// run side by side: TorchSharp repeats → PyTorch repeats (a child process, OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset
/// for it only) → both sides' last minibatch loss and Spearman ρ compared → table with the ratio.
/// </summary>
internal static class DeepLearningBench
{
    /// <summary>Runs and reports; returns an <see cref="ExitCodes"/> value.</summary>
    public static int Run(BenchOptions options, string reference)
    {
        var cnnPath = Path.Combine(reference, "cnn.npz");
        var respPath = Path.Combine(reference, "W3D4_stringer_oribinned1_synthetic.npz");
        if (!File.Exists(cnnPath) || !File.Exists(respPath))
        {
            Console.Error.WriteLine($"{reference} lacks cnn.npz or W3D4_stringer_oribinned1_synthetic.npz: pass --reference with the week's reference folder.");
            return ExitCodes.Incomplete;
        }

        set_num_threads(options.Threads);
        var cnn = Npz.Read(cnnPath);
        Tensor T(string name) => cnn[name].ToTensor();
        var ori = T("train_ori_f64");
        using var images = Gratings.Batch(ori.data<double>().ToArray(), 0.1, centered: false);
        using var labels = ori.gt(0).to(float32).reshape(-1, 1);
        using var perm = T("perm")[TensorIndex.Slice(0, 1)].contiguous();
        using var resp = StringerData.LoadOriBinned1(respPath).Resp[TensorIndex.Slice(0, 181)].contiguous();
        using var actPool = T("act_pool");

        (double Ms, double Loss) Epoch()
        {
            using var net = new TiltCnn(T("init_conv_weight"), T("init_conv_bias"), T("init_fc_weight"), T("init_fc_bias"), T("init_out_weight"), T("init_out_bias"));
            var clock = Stopwatch.StartNew();
            using var losses = TiltTraining.Train(net, images, labels, perm, 100, 5e-4, 0.99);
            return (clock.Elapsed.TotalMilliseconds, losses[-1].item<float>());
        }

        (double Ms, double Rho) RsaOnce()
        {
            var clock = Stopwatch.StartNew();
            using var scope = NewDisposeScope();
            var rho = Rsa.RdmSpearman(Rsa.Rdm(resp), Rsa.Rdm(actPool));
            return (clock.Elapsed.TotalMilliseconds, rho);
        }

        Console.Error.WriteLine($"TorchSharp side ({options.Threads} thread(s), {options.Warmup} warm-up + {options.Repeats} timed runs per case)…");
        var epoch = Time(Epoch, options);
        var rsa = Time(RsaOnce, options);
        JsonElement? python = null;
        string? pythonError = null;
        if (!options.SkipPython)
        {
            Console.Error.WriteLine($"PyTorch side ({options.Python})…");
            (python, pythonError) = RunPython(options, reference);
        }

        return Report(options, epoch, rsa, python, pythonError);
    }

    private static (double Median, double Min, double Value) Time(Func<(double Ms, double Value)> run, BenchOptions options)
    {
        for (var i = 0; i < options.Warmup; i++)
        {
            run();
        }

        var times = new List<double>();
        var value = 0.0;
        for (var i = 0; i < options.Repeats; i++)
        {
            (var ms, value) = run();
            times.Add(ms);
        }

        times.Sort();
        return (times[times.Count / 2], times[0], value);
    }

    private static (JsonElement? Report, string? Error) RunPython(BenchOptions options, string reference)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "bench_deep_learning.py");
        var start = new ProcessStartInfo(options.Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { script, "--reference", reference, "--threads", $"{options.Threads}", "--repeats", $"{options.Repeats}", "--warmup", $"{options.Warmup}" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["OMP_NUM_THREADS"] = $"{options.Threads}";
        start.Environment["OPENBLAS_NUM_THREADS"] = $"{options.Threads}";
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
                return (null, "bench_deep_learning.py ran longer than 20 min and was stopped; lower --repeats");
            }

            if (process.ExitCode != 0)
            {
                return (null, $"bench_deep_learning.py exited with {process.ExitCode}: {string.Join(" | ", stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(3))}. "
                    + "Install Debian's python3-torch, python3-scipy and libopenblas0-openmp.");
            }

            return (JsonDocument.Parse(stdout.Result).RootElement.Clone(), null);
        }
        catch (Win32Exception e)
        {
            return (null, $"could not start {options.Python}: {e.Message}");
        }
        catch (JsonException e)
        {
            return (null, $"bench_deep_learning.py's stdout is not JSON ({e.Message})");
        }
    }

    private static int Report(BenchOptions options, (double Median, double Min, double Value) epoch, (double Median, double Min, double Value) rsa, JsonElement? python, string? pythonError)
    {
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected || console.Profile.Width < 120)
        {
            console.Profile.Width = 120;
        }

        var table = new Table().Title($"Week 5, {options.Threads} thread(s), median of {options.Repeats} (ms)");
        foreach (var column in new[] { "case", "TorchSharp ms", "PyTorch ms", "ratio", $"≤ {BenchRun.TargetRatio.ToString("0.0", CultureInfo.InvariantCulture)}?", "result TS / PT" })
        {
            table.AddColumn(column);
        }

        var rows = new List<object>();
        var agree = true;
        foreach (var (name, ts, key, tol) in new[] { ("tilt CNN epoch (10 × 100, momentum SGD)", epoch, "cnn_epoch", 1e-4), ("RDM + Spearman, 181 × 181", rsa, "rsa", 1e-5) })
        {
            double? py = null, pyMin = null, pyValue = null;
            if (python is { } report && report.GetProperty("cases").TryGetProperty(key, out var c))
            {
                py = c.GetProperty("median_ms").GetDouble();
                pyMin = c.GetProperty("min_ms").GetDouble();
                pyValue = c.GetProperty("value").GetDouble();
            }

            var ratio = py is { } p ? ts.Median / p : (double?)null;
            var same = pyValue is not { } pv || Math.Abs(pv - ts.Value) <= tol;
            agree &= same;
            table.AddRow(name, $"{ts.Median:F1} (min {ts.Min:F1})", py is { } v ? $"{v:F1} (min {pyMin:F1})" : "—",
                ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "—",
                ratio is { } r2 ? (r2 <= BenchRun.TargetRatio ? "[green]yes[/]" : "[red]no[/]") : "—",
                $"{ts.Value:G6} / {(pyValue is { } pvv ? pvv.ToString("G6", CultureInfo.InvariantCulture) : "—")}{(same ? "" : " [red]DIFFER[/]")}");
            rows.Add(new { name, torchSharpMs = ts.Median, torchSharpMinMs = ts.Min, pyTorchMs = py, pyTorchMinMs = pyMin, ratio, torchSharpValue = ts.Value, pyTorchValue = pyValue });
        }

        console.Write(table);
        var blas = python is { } rep ? rep.GetProperty("blas").GetString() : null;
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
        console.WriteLine($"TorchSharp {typeof(TorchSharp.torch).Assembly.GetName().Version}; PyTorch {(python is { } r3 ? r3.GetProperty("torch").GetString() : "not run")}; BLAS {blas ?? "?"}; {Environment.ProcessorCount} cores, load average {load}.");
        if (pythonError is not null)
        {
            console.MarkupLineInterpolated($"[red]PyTorch side did not run:[/] {pythonError}");
        }

        if (options.JsonPath is { } jsonPath)
        {
            File.WriteAllText(jsonPath, JsonSerializer.Serialize(new { options.Threads, options.Repeats, blas, loadAverage = load, rows }, new JsonSerializerOptions { WriteIndented = true }));
        }

        if (!agree)
        {
            console.MarkupLine("[red]The two sides ended at different values: the timings compare different work.[/]");
            return ExitCodes.Mismatch;
        }

        return python is null && !options.SkipPython ? ExitCodes.Incomplete : ExitCodes.Ok;
    }
}
