using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NeuroExercises.Core.Npy;
using NeuroExercises.Week06.LearningRules;
using Spectre.Console;
using static TorchSharp.torch;
using FashionMnist = NeuroExercises.Week02.BurstCreditAssignment.FashionMnist;

namespace NeuroExercises.Bench;

/// <summary>
/// Week 6: one epoch of each learning rule on Fashion-MNIST in float64, TorchSharp (the week's solutions:
/// <see cref="LearningRules"/>, batch by batch, W += η Δ) against the same equations in PyTorch (bench_learning_rules.py), in this
/// order: draw the initial weights and the batch order and write them as .npz → TorchSharp epochs → PyTorch epochs (a child
/// process, OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for it only) → compare the probe losses → table with the ratio.
/// The perturbation rules draw their noise on each side from a generator with the same seed.
/// </summary>
internal static class LearningRulesBench
{
    private const ulong Seed = 20260606;

    private static readonly LearningRule[] Rules =
        [LearningRule.Backprop, LearningRule.FeedbackAlignment, LearningRule.KolenPollack, LearningRule.WeightPerturbation, LearningRule.NodePerturbation];

    private const double Lr = 0.05;

    private const double Sigma = 0.1;

    private const double Decay = 0.1;

    /// <summary>Runs and reports; returns an <see cref="ExitCodes"/> value.</summary>
    public static int Run(BurstBenchOptions options)
    {
        if (!FashionMnist.IsAvailable())
        {
            Console.Error.WriteLine($"Fashion-MNIST is not in {FashionMnist.DefaultFolder}: apt-get install dataset-fashion-mnist (./setup.sh does).");
            return ExitCodes.Incomplete;
        }

        set_num_threads(options.Threads);
        var hidden = int.Parse(options.Hidden.Split(',')[0], CultureInfo.InvariantCulture);
        using var scope = NewDisposeScope();
        using var data = FashionMnist.Load(trainLimit: options.Samples, testLimit: 10);
        var x = data.TrainImages.to(float64).t().contiguous();
        var t = FashionMnist.OneHot(data.TrainLabels).to(float64).t().contiguous();
        var samples = (int)x.shape[1];
        // Batches are gathered as rows of sample-major copies and transposed (a view): gathering 32 columns of the
        // [784, N] matrix reads 784 scattered cache lines per column (about 175 µs per batch in either library).
        var xRows = x.t().contiguous();
        var tRows = t.t().contiguous();
        var initial = MlpWeights.Random(hidden, Seed);
        using var generator = new Generator(Seed + 1);
        var order = randperm(samples, generator: generator);
        var work = Directory.CreateTempSubdirectory("neuro-rules-bench-");
        try
        {
            var dataPath = Path.Combine(work.FullName, "rules.npz");
            Npz.Write(dataPath, new Dictionary<string, NpyArray>
            {
                ["W_h"] = NpyArray.FromTensor(initial.Wh), ["W_y"] = NpyArray.FromTensor(initial.Wy), ["B"] = NpyArray.FromTensor(initial.B),
                ["order"] = NpyArray.FromTensor(order), ["samples"] = NpyArray.FromTensor(tensor((long)samples)), ["batch"] = NpyArray.FromTensor(tensor((long)options.Batch)),
                ["lr"] = NpyArray.FromTensor(tensor(Lr)), ["sigma"] = NpyArray.FromTensor(tensor(Sigma)), ["kp_decay"] = NpyArray.FromTensor(tensor(Decay)),
                ["seed"] = NpyArray.FromTensor(tensor((long)Seed + 2)),
            });

            var (rounds, pythonError) = EpochRounds.Run(options, Rules, $"{options.Threads} thread(s), {options.Repeats} epoch(s) per rule, {samples} images, 784-{hidden}-10, batch {options.Batch}, float64",
                rule => Epoch(rule, initial, x, t, xRows, tRows, order.narrow(0, 0, Math.Min(samples, 50 * options.Batch)), options.Batch),
                rule => Epoch(rule, initial, x, t, xRows, tRows, order, options.Batch),
                () => RunPython(options, dataPath));
            return Report(options, hidden, samples, rounds, pythonError);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>One epoch from the initial weights in the given order; returns ms and L on the first 1000 images after it.</summary>
    private static (double Ms, double ProbeLoss) Epoch(LearningRule rule, MlpWeights initial, Tensor x, Tensor t, Tensor xRows, Tensor tRows, Tensor order, int batch)
    {
        using var outer = NewDisposeScope();
        var wH = initial.Wh.clone();
        var wY = initial.Wy.clone();
        var b = initial.B.clone();
        using var noise = new GaussianNoise(Sigma, Seed + 2);
        var n = order.shape[0];
        // η as one Scalar: an implicit conversion per add_ leaves a native object to the finalizer every step.
        using var rate = TorchSharp.ScalarExtensionMethods.ToScalar(Lr);
        var clock = Stopwatch.StartNew();
        for (long start = 0; start + batch <= n; start += batch)
        {
            using var scope = NewDisposeScope();
            var index = order.narrow(0, start, batch);
            var xb = xRows.index_select(0, index).t();
            var tb = tRows.index_select(0, index).t();
            WeightUpdate update;
            switch (rule)
            {
                case LearningRule.Backprop:
                    update = LearningRules.Backprop(wH, wY, xb, tb);
                    break;
                case LearningRule.FeedbackAlignment:
                    update = LearningRules.FeedbackAlignment(wH, wY, b, xb, tb);
                    break;
                case LearningRule.KolenPollack:
                    var kp = LearningRules.KolenPollack(wH, wY, b, xb, tb, Decay, Lr);
                    b.copy_(kp.BAfter);
                    update = new WeightUpdate(kp.DeltaWh, kp.DeltaWy);
                    break;
                case LearningRule.WeightPerturbation:
                    var psiH = noise.Draw(wH.shape);
                    var psiY = noise.Draw(wY.shape);
                    var wp = LearningRules.WeightPerturbation(wH, wY, xb, tb, psiH, psiY, Sigma);
                    update = new WeightUpdate(wp.DeltaWh, wp.DeltaWy);
                    break;
                default:
                    var xiH = noise.Draw(wH.shape[0], batch);
                    var xiY = noise.Draw(10, batch);
                    var np = LearningRules.NodePerturbation(wH, wY, xb, tb, xiH, xiY, Sigma);
                    update = new WeightUpdate(np.DeltaWh, np.DeltaWy);
                    break;
            }

            wH.add_(update.DeltaWh, rate);
            wY.add_(update.DeltaWy, rate);
        }

        var ms = clock.Elapsed.TotalMilliseconds;
        var probe = Mlp.Loss(Mlp.Forward(wH, wY, x.narrow(1, 0, 1000)).Output, t.narrow(1, 0, 1000)).item<double>();
        return (ms, probe);
    }

    private static (JsonElement? Report, string? Error) RunPython(BurstBenchOptions options, string dataPath)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "bench_learning_rules.py");
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
                return (null, "bench_learning_rules.py ran longer than 30 min and was stopped; lower --samples");
            }

            if (process.ExitCode != 0)
            {
                return (null, $"bench_learning_rules.py exited with {process.ExitCode}: {string.Join(" | ", stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(3))}. "
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
            return (null, $"bench_learning_rules.py's stdout is not JSON ({e.Message})");
        }
    }

    private static int Report(BurstBenchOptions options, int hidden, int samples, List<EpochRound> rounds, string? pythonError)
    {
        var torchSharp = rounds[^1].TorchSharp;
        var python = rounds[^1].Python;
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected || console.Profile.Width < 120)
        {
            console.Profile.Width = 120;
        }

        var roundsNote = rounds.Count > 1 ? $", {rounds.Count} rounds, each side in turn: ms and ratio are medians over the rounds" : "";
        var table = new Table().Title($"Week 6, one epoch of {samples} Fashion-MNIST images, 784-{hidden}-10 sigmoid, batch {options.Batch}, float64, {options.Threads} thread(s) (median of {options.Repeats}, ms{roundsNote})");
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
            // Same arithmetic up to summation order (BLAS kernels differ) over 1875 updates; the perturbation rules draw the same
            // noise on both sides (libtorch's generator, same seed) and amplify the rounding differences more (measured 4e-9
            // relative for backprop, 5e-7 for weight perturbation, 1.3e-5 for node perturbation).
            var same = pyLoss is not { } pl || Math.Abs(pl - ts.Loss) <= 1e-4 * Math.Max(pl, ts.Loss);
            agree &= same;
            table.AddRow(rule, $"{ts.Median:F0} (min {ts.Min:F0})", py is { } v ? $"{v:F0} (min {pyMin:F0})" : "—",
                ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "—",
                ratio is { } r2 ? (r2 <= BenchRun.TargetRatio ? "[green]yes[/]" : "[red]no[/]") : "—",
                ratios.Length > 0 ? string.Join(" ", ratios.Select(q => q.ToString("0.00", CultureInfo.InvariantCulture))) : "—",
                $"{ts.Loss:F8} / {(pyLoss is { } l ? l.ToString("F8", CultureInfo.InvariantCulture) : "—")} (rel. {(pyLoss is { } l2 ? (Math.Abs(l2 - ts.Loss) / l2).ToString("0.0e0", CultureInfo.InvariantCulture) : "—")}){(same ? "" : " [red]DIFFER[/]")}");
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
            File.WriteAllText(jsonPath, JsonSerializer.Serialize(new { hidden, samples, options.Batch, options.Threads, options.Repeats, options.Rounds, blas, loadAverage = LoadAverage(), rows },
                new JsonSerializerOptions { WriteIndented = true }));
        }

        if (!agree)
        {
            console.MarkupLine("[red]The two sides ended the epoch at different probe losses (beyond 1e-4 relative): the timings compare different work.[/]");
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
