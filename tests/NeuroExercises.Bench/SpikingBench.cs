using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NeuroExercises.Core.Npy;
using NeuroExercises.Week02.BurstCreditAssignment;
using NeuroExercises.Week04.SpikingNetworks;
using Spectre.Console;
using static TorchSharp.torch;

namespace NeuroExercises.Bench;

/// <summary>
/// Week 4: a fixed number of BPTT training steps of the 784 → H → 10 spiking network on Fashion-MNIST (the week's solutions:
/// <see cref="SnnTraining.Gradients"/> and <see cref="SnnAdam.Step"/>, batch by batch), against the same equations in PyTorch
/// (bench_spiking.py, the spike as a <c>torch.autograd.Function</c> with the arctan surrogate, as snnTorch writes it), in
/// this order: draw the initial weights and the batch order and write them as .npz → TorchSharp → PyTorch (a child process,
/// OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for it only) → check that both computed the same first loss and a close last
/// loss → table. Besides the whole step it times the recorded forward pass, the backward pass (autograd.grad of the loss)
/// and the spike function's backward alone (the custom autograd function on [T, batch, H]).
/// </summary>
internal static class SpikingBench
{
    private const long Seed = 20260404;

    private const double LearningRate = 5e-4;

    private const int PartRepeats = 5;

    /// <summary>Runs and reports; returns an <see cref="ExitCodes"/> value.</summary>
    public static int Run(SpikingBenchOptions options)
    {
        if (!FashionMnist.IsAvailable())
        {
            Console.Error.WriteLine($"Fashion-MNIST is not in {FashionMnist.DefaultFolder}: apt-get install dataset-fashion-mnist (./setup.sh does).");
            return ExitCodes.Incomplete;
        }

        set_num_threads(options.Threads);
        var samples = options.Steps * options.Batch;
        using var data = FashionMnist.Load(trainLimit: samples, testLimit: 10);
        var snn = SnnOptions.Default;
        using var initial = SpikingNetwork.Initialize(784, options.Hidden, 10, Seed);
        using var generator = new Generator((ulong)Seed);
        using var order = randperm(samples, generator: generator);
        var work = Directory.CreateTempSubdirectory("neuro-spiking-bench-");
        try
        {
            var dataPath = Path.Combine(work.FullName, "spiking.npz");
            WriteNpz(dataPath, initial, order, options, snn);
            Console.Error.WriteLine($"TorchSharp side ({options.Threads} thread(s), {options.Repeats} run(s) of {options.Steps} BPTT steps, batch {options.Batch}, H = {options.Hidden})…");
            var ts = TorchSharpSide(initial, data, order, options, snn);
            JsonElement? python = null;
            string? pythonError = null;
            if (!options.SkipPython)
            {
                Console.Error.WriteLine($"PyTorch side ({options.Python})…");
                (python, pythonError) = RunPython(options, dataPath);
            }

            return Report(options, ts, python, pythonError);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private sealed record Side(Dictionary<string, (double Median, double Min)> Cases, double FirstLoss, double LastLoss);

    private static Side TorchSharpSide(SpikingNetwork initial, FashionMnist data, Tensor order, SpikingBenchOptions options, SnnOptions snn)
    {
        var step = new List<double>();
        var forward = new List<double>();
        var backward = new List<double>();
        var spike = new List<double>();
        double first = 0, last = 0;
        for (var r = -1; r < options.Repeats; r++)
        {
            // r = −1 is the warm-up (JIT, allocator), not timed.
            using var network = new SpikingNetwork(initial.W1, initial.B1, initial.W2, initial.B2);
            using var adam = new SnnAdam(LearningRate);
            var clock = Stopwatch.StartNew();
            var losses = new List<double>();
            for (var b = 0; b < options.Steps; b++)
            {
                using var scope = NewDisposeScope();
                var idx = order.narrow(0, b * options.Batch, options.Batch);
                var x = data.TrainImages.index_select(0, idx);
                var y = data.TrainLabels.index_select(0, idx);
                var gradients = SnnTraining.Gradients(network, x, y, snn);
                adam.Step(network, gradients);
                losses.Add(gradients.Loss.item<float>());
            }

            if (r >= 0)
            {
                step.Add(clock.Elapsed.TotalMilliseconds / options.Steps);
            }

            (first, last) = (losses[0], losses[^1]);

            // The parts of one step, 5 times on the first batch from the initial weights: the recorded forward, the backward, the spike's backward.
            for (var k = 0; k < PartRepeats; k++)
            {
                using var scope = NewDisposeScope();
                using var enabled = enable_grad();
                var idx = order.narrow(0, 0, options.Batch);
                var x = data.TrainImages.index_select(0, idx);
                var y = data.TrainLabels.index_select(0, idx);
                using var fresh = new SpikingNetwork(initial.W1, initial.B1, initial.W2, initial.B2);
                var f = Stopwatch.StartNew();
                var rec = fresh.Forward(x, snn);
                var loss = SnnTraining.MembraneLoss(rec.Mem2, y);
                var fms = f.Elapsed.TotalMilliseconds;
                var g = Stopwatch.StartNew();
                var grads = autograd.grad([loss], [.. fresh.Parameters]);
                var bms = g.Elapsed.TotalMilliseconds;
                _ = grads[0].sum().item<float>();

                using var gen = new Generator(1);
                var u = (randn([snn.Steps, options.Batch, options.Hidden], generator: gen) * 0.5f).requires_grad_(true);
                var gout = randn([snn.Steps, options.Batch, options.Hidden], generator: gen);
                var s = Surrogate.Spike(u, snn.Surrogate);
                var sb = Stopwatch.StartNew();
                var gu = autograd.grad([s], [u], [gout]);
                var sms = sb.Elapsed.TotalMilliseconds;
                _ = gu[0].sum().item<float>();
                if (r >= 0)
                {
                    forward.Add(fms);
                    backward.Add(bms);
                    spike.Add(sms);
                }
            }
        }

        static (double, double) Stat(List<double> v)
        {
            v.Sort();
            return (v[v.Count / 2], v[0]);
        }

        return new Side(
            new Dictionary<string, (double, double)>
            {
                ["train_step"] = Stat(step),
                ["forward"] = Stat(forward),
                ["backward"] = Stat(backward),
                ["spike_backward"] = Stat(spike),
            },
            first,
            last);
    }

    private static void WriteNpz(string path, SpikingNetwork network, Tensor order, SpikingBenchOptions options, SnnOptions snn)
    {
        using var scope = NewDisposeScope();
        var arrays = new Dictionary<string, NpyArray>
        {
            ["W1"] = NpyArray.FromTensor(network.W1.detach()),
            ["b1"] = NpyArray.FromTensor(network.B1.detach()),
            ["W2"] = NpyArray.FromTensor(network.W2.detach()),
            ["b2"] = NpyArray.FromTensor(network.B2.detach()),
            ["order"] = NpyArray.FromTensor(order),
            ["batch"] = NpyArray.FromTensor(tensor((long)options.Batch)),
            ["bptt_steps"] = NpyArray.FromTensor(tensor((long)options.Steps)),
            ["steps"] = NpyArray.FromTensor(tensor((long)snn.Steps)),
            ["beta"] = NpyArray.FromTensor(tensor((float)snn.Beta)),
            ["threshold"] = NpyArray.FromTensor(tensor((float)snn.Threshold)),
            ["alpha"] = NpyArray.FromTensor(tensor((float)snn.Surrogate.Parameter)),
            ["lr"] = NpyArray.FromTensor(tensor(LearningRate)),
        };
        Npz.Write(path, arrays);
    }

    private static (JsonElement? Report, string? Error) RunPython(SpikingBenchOptions options, string dataPath)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "bench_spiking.py");
        var start = new ProcessStartInfo(options.Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { script, "--data", dataPath, "--fmnist", FashionMnist.DefaultFolder, "--threads", $"{options.Threads}", "--repeats", $"{options.Repeats}" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["OMP_NUM_THREADS"] = $"{options.Threads}";
        start.Environment["OPENBLAS_NUM_THREADS"] = $"{options.Threads}";
        // These machines set both, which halves OpenBLAS's speed (a smaller kernel and cache blocking): the baseline runs without them.
        start.Environment.Remove("OPENBLAS_CORETYPE");
        start.Environment.Remove("OPENBLAS_L2_SIZE");
        try
        {
            using var process = Process.Start(start) ?? throw new Win32Exception("no process");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(30)))
            {
                process.Kill(entireProcessTree: true);
                return (null, "bench_spiking.py ran longer than 30 min and was stopped; lower --bptt-steps");
            }

            if (process.ExitCode != 0)
            {
                return (null, $"bench_spiking.py exited with {process.ExitCode}: {string.Join(" | ", stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(3))}. "
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
            return (null, $"bench_spiking.py's stdout is not JSON ({e.Message})");
        }
    }

    private static int Report(SpikingBenchOptions options, Side ts, JsonElement? python, string? pythonError)
    {
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected || console.Profile.Width < 120)
        {
            console.Profile.Width = 120;
        }

        var table = new Table().Title($"Week 4, 784-{options.Hidden}-10 LIF network, T = 25, {options.Steps} BPTT steps of batch {options.Batch}, arctan surrogate, Adam, {options.Threads} thread(s) (median of {options.Repeats}, ms)");
        foreach (var column in new[] { "case", "TorchSharp ms", "PyTorch ms", "ratio", "ratio of mins", $"≤ {BenchRun.TargetRatio.ToString("0.0", CultureInfo.InvariantCulture)}?" })
        {
            table.AddColumn(column);
        }

        var labels = new Dictionary<string, string>
        {
            ["train_step"] = "one training step (forward, BPTT, Adam), per step",
            ["forward"] = "forward with graph (first batch, ×5 per run)",
            ["backward"] = "backward: autograd.grad of the loss (×5 per run)",
            ["spike_backward"] = "spike function backward alone [T, batch, H] (×5 per run)",
        };
        var rows = new List<object>();
        foreach (var (name, (median, min)) in ts.Cases)
        {
            double? py = null, pyMin = null;
            if (python is { } report && report.GetProperty("cases").TryGetProperty(name, out var c))
            {
                py = c.GetProperty("median_ms").GetDouble();
                pyMin = c.GetProperty("min_ms").GetDouble();
            }

            var ratio = py is { } p ? median / p : (double?)null;
            table.AddRow(Markup.Escape(labels[name]), $"{median:F1} (min {min:F1})", py is { } v ? $"{v:F1} (min {pyMin:F1})" : "—",
                ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "—",
                pyMin is { } pm ? (min / pm).ToString("0.00", CultureInfo.InvariantCulture) : "—",
                ratio is { } r2 ? (r2 <= BenchRun.TargetRatio ? "[green]yes[/]" : "[red]no[/]") : "—");
            rows.Add(new { name, torchSharpMs = median, torchSharpMinMs = min, pyTorchMs = py, pyTorchMinMs = pyMin, ratio });
        }

        console.Write(table);
        double? pyFirst = python is { } rp ? rp.GetProperty("first_loss").GetDouble() : null;
        double? pyLast = python is { } rl ? rl.GetProperty("last_loss").GetDouble() : null;
        var firstSame = pyFirst is not { } pf || Math.Abs(pf - ts.FirstLoss) <= 1e-5 * Math.Abs(pf);
        var lastClose = pyLast is not { } pl || Math.Abs(pl - ts.LastLoss) <= 5e-2 * Math.Abs(pl);
        console.WriteLine($"Loss of the first step TorchSharp {ts.FirstLoss:F5} / PyTorch {pyFirst?.ToString("F5", CultureInfo.InvariantCulture) ?? "—"}; "
            + $"of the last step {ts.LastLoss:F4} / {pyLast?.ToString("F4", CultureInfo.InvariantCulture) ?? "—"} (runs may part slowly after a hidden spike flips).");
        var blas = python is { } rep ? rep.GetProperty("blas").GetString() : null;
        console.WriteLine($"TorchSharp {typeof(TorchSharp.torch).Assembly.GetName().Version}; PyTorch {(python is { } r3 ? r3.GetProperty("torch").GetString() : "not run")}; "
            + $"BLAS {blas ?? "?"}; {Environment.ProcessorCount} cores, load average {LoadAverage()}.");
        if (pythonError is not null)
        {
            console.MarkupLineInterpolated($"[red]PyTorch side did not run:[/] {pythonError}");
        }

        if (options.JsonPath is { } jsonPath)
        {
            File.WriteAllText(jsonPath, JsonSerializer.Serialize(new
            {
                options.Hidden, options.Steps, options.Batch, options.Threads, options.Repeats, blas, loadAverage = LoadAverage(),
                torchSharpFirstLoss = ts.FirstLoss, pyTorchFirstLoss = pyFirst, torchSharpLastLoss = ts.LastLoss, pyTorchLastLoss = pyLast, rows,
            }, new JsonSerializerOptions { WriteIndented = true }));
        }

        if (!firstSame || !lastClose)
        {
            console.MarkupLine("[red]The two sides computed different losses: the timings compare different work.[/]");
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
