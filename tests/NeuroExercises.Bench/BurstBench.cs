using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NeuroExercises.Core.Npy;
using NeuroExercises.Week02.BurstCreditAssignment;
using Spectre.Console;
using static TorchSharp.torch;

namespace NeuroExercises.Bench;

/// <summary>
/// Week 2: one epoch of each learning rule on Fashion-MNIST, TorchSharp (the week's solutions: <see cref="BurstTrainer.Update"/>
/// and <see cref="BurstNetwork.Apply"/>, batch by batch) against the same equations in PyTorch (bench_burst.py), in this order:
/// draw the initial weights and the batch order and write them as .npz → TorchSharp epochs → PyTorch epochs (a child process,
/// OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for it only) → check that both reach the same probe loss → table.
/// </summary>
internal static class BurstBench
{
    private const long Seed = 20260202;

    private static readonly LearningRule[] Rules = [LearningRule.Backprop, LearningRule.FeedbackAlignment, LearningRule.Burstprop, LearningRule.BurstCcn];

    /// <summary>Runs and reports; returns an <see cref="ExitCodes"/> value.</summary>
    public static int Run(BurstBenchOptions options)
    {
        if (!FashionMnist.IsAvailable())
        {
            Console.Error.WriteLine($"Fashion-MNIST is not in {FashionMnist.DefaultFolder}: apt-get install dataset-fashion-mnist (./setup.sh does).");
            return ExitCodes.Incomplete;
        }

        set_num_threads(options.Threads);
        int[] sizes = [784, .. options.Hidden.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)), 10];
        using var data = FashionMnist.Load(trainLimit: options.Samples, testLimit: 10);
        var samples = (int)data.TrainImages.shape[0];
        manual_seed(Seed);
        var trainOptions = new TrainingOptions(LearningRule.Backprop, BatchSize: options.Batch);
        using var initial = Networks(sizes, trainOptions);
        using var order = randperm(samples);
        var work = Directory.CreateTempSubdirectory("neuro-burst-bench-");
        try
        {
            var dataPath = Path.Combine(work.FullName, "burst.npz");
            WriteNpz(dataPath, initial, order, samples, trainOptions);

            var (rounds, pythonError) = EpochRounds.Run(options, Rules, $"{options.Threads} thread(s), {options.Repeats} epoch(s) per rule, {samples} images, batch {options.Batch}",
                rule => Epoch(rule, initial, data, order.narrow(0, 0, Math.Min(samples, 50 * options.Batch)), trainOptions),
                rule => Epoch(rule, initial, data, order, trainOptions),
                () => RunPython(options, dataPath));
            return Report(options, sizes, samples, rounds, pythonError);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private sealed class NetworkSet(Dictionary<LearningRule, BurstNetwork> networks) : IDisposable
    {
        public BurstNetwork this[LearningRule rule] => networks[rule];

        public void Dispose()
        {
            foreach (var n in networks.Values)
            {
                n.Dispose();
            }
        }
    }

    private static NetworkSet Networks(int[] sizes, TrainingOptions options)
    {
        // One draw of W, b, Y; Q = p̄ Y and R drawn once; every rule starts from the same W, b, Y.
        using var full = BurstNetwork.Create(sizes, new NetworkInit(), FeedbackKind.Burstprop);
        using var scope = NewDisposeScope();
        var q = full.Y.Select(y => y * options.BurstCcnInEffect.PBaseline).ToArray();
        return new NetworkSet(new Dictionary<LearningRule, BurstNetwork>
        {
            [LearningRule.Backprop] = new(full.W, full.Bias, full.Y),
            [LearningRule.FeedbackAlignment] = new(full.W, full.Bias, full.Y),
            [LearningRule.Burstprop] = new(full.W, full.Bias, full.Y, null, full.R),
            [LearningRule.BurstCcn] = new(full.W, full.Bias, full.Y, q),
        });
    }

    /// <summary>One epoch from the initial weights in the given order; returns ms and the loss on the first 1000 images after it.</summary>
    private static (double Ms, double ProbeLoss) Epoch(LearningRule rule, NetworkSet initial, FashionMnist data, Tensor order, TrainingOptions options)
    {
        using var network = initial[rule].Clone();
        var n = order.shape[0];
        var clock = Stopwatch.StartNew();
        using (no_grad())
        {
            for (long start = 0; start < n; start += options.BatchSize)
            {
                using var scope = NewDisposeScope();
                var index = order.narrow(0, start, Math.Min(options.BatchSize, n - start));
                var x = data.TrainImages.index_select(0, index);
                var t = FashionMnist.OneHot(data.TrainLabels.index_select(0, index));
                network.Apply(BurstTrainer.Update(rule, network, x, t, options));
            }
        }

        var ms = clock.Elapsed.TotalMilliseconds;
        using var probe = data.TrainImages.narrow(0, 0, Math.Min(1000, data.TrainImages.shape[0]));
        using var labels = data.TrainLabels.narrow(0, 0, probe.shape[0]);
        return (ms, BurstTrainer.Evaluate(network, probe, labels).Loss);
    }

    private static void WriteNpz(string path, NetworkSet networks, Tensor order, int samples, TrainingOptions options)
    {
        var prop = networks[LearningRule.Burstprop];
        var ccn = networks[LearningRule.BurstCcn];
        var layers = prop.Layers;
        var arrays = new Dictionary<string, NpyArray>();
        for (var l = 0; l < layers; l++)
        {
            arrays[$"W{l}"] = NpyArray.FromTensor(prop.W[l]);
            arrays[$"bias{l}"] = NpyArray.FromTensor(prop.Bias[l]);
        }

        for (var h = 0; h < layers - 1; h++)
        {
            arrays[$"Y{h}"] = NpyArray.FromTensor(prop.Y[h]);
            arrays[$"Q{h}"] = NpyArray.FromTensor(ccn.Q[h]);
            arrays[$"R{h}"] = NpyArray.FromTensor(prop.R[h]);
        }

        var ccnOptions = options.BurstCcnInEffect;
        var propOptions = options.BurstpropInEffect;
        using var scope = NewDisposeScope();
        arrays["order"] = NpyArray.FromTensor(order);
        arrays["layers"] = NpyArray.FromTensor(tensor((long)layers));
        arrays["samples"] = NpyArray.FromTensor(tensor((long)samples));
        arrays["batch"] = NpyArray.FromTensor(tensor((long)options.BatchSize));
        arrays["gradient_lr"] = NpyArray.FromTensor(tensor(options.GradientLearningRate));
        arrays["ccn_p"] = NpyArray.FromTensor(tensor(ccnOptions.PBaseline));
        arrays["ccn_beta"] = NpyArray.FromTensor(tensor(ccnOptions.Beta));
        arrays["ccn_lr"] = NpyArray.FromTensor(tensor(Enumerable.Range(0, layers).Select(ccnOptions.LearningRate).ToArray()));
        arrays["prop_p"] = NpyArray.FromTensor(tensor(propOptions.PBaseline));
        arrays["prop_lr"] = NpyArray.FromTensor(tensor(Enumerable.Range(0, layers).Select(l => propOptions.LearningRate(l, layers)).ToArray()));
        arrays["prop_lr_R"] = NpyArray.FromTensor(tensor(propOptions.LearningRateR));
        if (ccnOptions.LearningRateY != 0 || ccnOptions.LearningRateQ != 0 || propOptions.LearnFeedback)
        {
            throw new InvalidOperationException("bench_burst.py implements the training defaults only (no Y, Q learning in BurstCCN, no feedback learning in Burstprop).");
        }

        Npz.Write(path, arrays);
    }

    private static (JsonElement? Report, string? Error) RunPython(BurstBenchOptions options, string dataPath)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "bench_burst.py");
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
                return (null, "bench_burst.py ran longer than 30 min and was stopped; lower --samples");
            }

            if (process.ExitCode != 0)
            {
                return (null, $"bench_burst.py exited with {process.ExitCode}: {string.Join(" | ", stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(3))}. "
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
            return (null, $"bench_burst.py's stdout is not JSON ({e.Message})");
        }
    }

    private static int Report(BurstBenchOptions options, int[] sizes, int samples, List<EpochRound> rounds, string? pythonError)
    {
        var torchSharp = rounds[^1].TorchSharp;
        var python = rounds[^1].Python;
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected || console.Profile.Width < 120)
        {
            console.Profile.Width = 120;
        }

        var roundsNote = rounds.Count > 1 ? $", {rounds.Count} rounds, each side in turn: ms and ratio are medians over the rounds" : "";
        var table = new Table().Title($"Week 2, one epoch of {samples} Fashion-MNIST images, {string.Join("-", sizes)}, batch {options.Batch}, {options.Threads} thread(s) (median of {options.Repeats}, ms{roundsNote})");
        foreach (var column in new[] { "rule", "TorchSharp ms", "PyTorch ms", "ratio", $"≤ {BenchRun.TargetRatio.ToString("0.0", CultureInfo.InvariantCulture)}?", "rounds' ratios", "probe loss TS / PT" })
        {
            table.AddColumn(column);
        }

        var rows = new List<object>();
        var agree = true;
        foreach (var (rule, last) in torchSharp)
        {
            double? pyMin = null, pyLoss = null;
            if (python is { } report && report.GetProperty("cases").TryGetProperty(rule, out var c))
            {
                pyMin = c.GetProperty("min_ms").GetDouble();
                pyLoss = c.GetProperty("probe_loss").GetDouble();
            }

            var (tsMedian, tsMin, pyMedian, ratios, ratio) = EpochRounds.Summarize(rounds, rule);
            var py = pyMedian;
            var ts = (Median: tsMedian, Min: tsMin, last.Loss);
            var same = pyLoss is not { } pl || Math.Abs(pl - ts.Loss) <= 1e-3 * Math.Max(pl, ts.Loss) + 1e-5;
            agree &= same;
            table.AddRow(rule, $"{ts.Median:F0} (min {ts.Min:F0})", py is { } v ? $"{v:F0} (min {pyMin:F0})" : "—",
                ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "—",
                ratio is { } r2 ? (r2 <= BenchRun.TargetRatio ? "[green]yes[/]" : "[red]no[/]") : "—",
                ratios.Length > 0 ? string.Join(" ", ratios.Select(q => q.ToString("0.00", CultureInfo.InvariantCulture))) : "—",
                $"{ts.Loss:F5} / {(pyLoss is { } l ? l.ToString("F5", CultureInfo.InvariantCulture) : "—")}{(same ? "" : " [red]DIFFER[/]")}");
            rows.Add(new { rule, torchSharpMs = ts.Median, torchSharpMinMs = ts.Min, pyTorchMs = py, pyTorchMinMs = pyMin, ratio, roundRatios = ratios, torchSharpProbeLoss = ts.Loss, pyTorchProbeLoss = pyLoss });
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
            File.WriteAllText(jsonPath, JsonSerializer.Serialize(new { sizes, samples, options.Batch, options.Threads, options.Repeats, options.Rounds, blas, loadAverage = LoadAverage(), rows },
                new JsonSerializerOptions { WriteIndented = true }));
        }

        if (!agree)
        {
            console.MarkupLine("[red]The two sides ended the epoch at different probe losses: the timings compare different work.[/]");
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
