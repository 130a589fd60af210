using System.Globalization;
using System.Text;
using System.Text.Json;
using NeuroExercises.Core.Plots;
using NeuroExercises.Week03.Microcircuits;
using Spectre.Console;
using static TorchSharp.torch;

namespace NeuroExercises.Experiments;

/// <summary>The week-3 runs: synthetic signal → sparsity sweeps; normalization curves; attention weights; sparse-AND training.</summary>
internal static class MicrocircuitsExperiment
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Runs everything and writes the figures.</summary>
    public static int Run(string folder, int steps, int[] bits, int seed, int threads, int layerNormTrainImages = 24000, int layerNormEpochs = 2, double layerNormLearningRate = 0.01)
    {
        set_num_threads(threads);
        var heap = NeuroExercises.Core.Devices.NativeHeap.KeepLargeBlocks();
        Directory.CreateDirectory(folder);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var numbers = new Dictionary<string, object>();
        SparsityFigure(folder, seed, numbers);
        NormalizationFigure(folder, numbers);
        AttentionFigure(folder, seed, numbers);
        SparseAndFigure(folder, steps, bits, seed, numbers);
        if (layerNormEpochs > 0)
        {
            LayerNormExperiment.Figure(folder, layerNormTrainImages, layerNormEpochs, layerNormLearningRate, seed, numbers);
        }

        numbers["wallSeconds"] = clock.Elapsed.TotalSeconds;
        numbers["cpuSeconds"] = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        numbers["loadAverage"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?";
        numbers["threads"] = threads;
        numbers["largeBlocksKeptInHeap"] = heap;
        File.WriteAllText(Path.Combine(folder, "numbers.json"), JsonSerializer.Serialize(numbers, Json));
        AnsiConsole.WriteLine($"Wall time {clock.Elapsed.TotalSeconds:F0} s, CPU {numbers["cpuSeconds"]:F0} s, {threads} intra-op thread(s), sparse-AND runs on two threads, load average {numbers["loadAverage"]}; figures in {folder}.");
        return ExitCodes.Ok;
    }

    /// <summary>The README's stand-in recipe: piecewise-constant background, brief bright occlusions, noise, rounded to 0..255.</summary>
    private static float[] Signal(int seed, int length = 300)
    {
        var rng = new Random(seed);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var v = new double[length];
        for (var t = 0; t < length;)
        {
            var seg = rng.Next(10, 61);
            var level = 60 + (120 * rng.NextDouble());
            for (var i = t; i < Math.Min(length, t + seg); i++)
            {
                v[i] = level;
            }

            t += seg;
        }

        for (var k = 0; k < 7; k++)
        {
            var start = rng.Next(0, length - 6);
            var dur = rng.Next(2, 7);
            var level = 200 + (50 * rng.NextDouble());
            for (var i = start; i < start + dur; i++)
            {
                v[i] = level;
            }
        }

        return [.. v.Select(x => (float)Math.Clamp(Math.Round(x + (3 * Gauss())), 0, 255))];
    }

    private static void SparsityFigure(string folder, int seed, Dictionary<string, object> numbers)
    {
        using var scope = NewDisposeScope();
        var sig = tensor(Signal(seed));
        var thetas = Enumerable.Range(0, 23).Select(i => 10.0 * i).ToArray();
        var kurt = thetas.Select(t => (double)Sparsity.Kurtosis(Sparsity.ThresholdedRelu(sig, t)).item<float>()).ToArray();
        var active = thetas.Select(t => 100.0 * (sig > t).to(ScalarType.Float32).mean().item<float>()).ToArray();
        var x = SparseCoding.SineDictionary(sig.shape[0], linspace(0.001, 1, 100, dtype: ScalarType.Float64));
        var ks = Enumerable.Range(0, 20).Select(i => 1 + (5 * i)).ToArray();
        var r2 = ks.Select(k => SparseCoding.RSquared(SparseCoding.Reconstruct(x, SparseCoding.OrthogonalMatchingPursuit(x, sig, k)), sig)).ToArray();
        var windows = Enumerable.Range(0, 10).Select(i => (int)Math.Floor(1 + (10.0 * i))).ToArray();
        var diffKurt = windows.Select(w => (double)Sparsity.Kurtosis((sig - Sparsity.ApplyFilter(sig, Sparsity.DiffBoxFilter(w, false), w)).abs()).item<float>()).ToArray();
        PlotPng.Grid(Path.Combine(folder, "sparsity.png"),
        [
            new PanelSpec("Thresholded ReLU of a synthetic pixel signal", "threshold θ", "excess kurtosis", thetas, [new PlotSeries("kurtosis of max(x − θ, 0)", kurt)]),
            new PanelSpec("Fraction of active samples", "threshold θ", "active (%)", thetas, [new PlotSeries("", active)]),
            new PanelSpec("Sparse coding (OMP, 100 sine atoms)", "active atoms k", "R²", [.. ks.Select(k => (double)k)], [new PlotSeries("", r2)]),
            new PanelSpec("Temporal difference-of-boxes", "window w", "kurtosis of |x − filtered|", [.. windows.Select(w => (double)w)], [new PlotSeries("", diffKurt)]),
        ], columns: 2, panelWidth: 520, panelHeight: 380);
        var csv = new StringBuilder("theta,kurtosis_relu,active_percent\n");
        for (var i = 0; i < thetas.Length; i++)
        {
            csv.AppendLine(CultureInfo.InvariantCulture, $"{thetas[i]},{kurt[i]:F5},{active[i]:F3}");
        }

        csv.AppendLine("k,r2");
        for (var i = 0; i < ks.Length; i++)
        {
            csv.AppendLine(CultureInfo.InvariantCulture, $"{ks[i]},{r2[i]:F6}");
        }

        File.WriteAllText(Path.Combine(folder, "sparsity.csv"), csv.ToString());
        numbers["sparsity"] = new { thetas, kurtosisRelu = kurt, activePercent = active, atoms = ks, r2, windows, kurtosisDiffBox = diffKurt, kurtosisSignal = Sparsity.Kurtosis(sig).item<float>() };
    }

    private static void NormalizationFigure(string folder, Dictionary<string, object> numbers)
    {
        using var scope = NewDisposeScope();
        // A stimulus of contrast c drives unit 0 with c and 7 other units with fixed fractions of c (the pool).
        var contrasts = Enumerable.Range(0, 61).Select(i => Math.Pow(10, -2 + (i * 0.05))).ToArray();
        var pattern = tensor(new float[] { 1, 0.8f, 0.6f, 0.5f, 0.4f, 0.3f, 0.2f, 0.1f });
        var drive = tensor(contrasts.Select(c => (float)c).ToArray()).unsqueeze(1) * pattern;
        var logC = contrasts.Select(Math.Log10).ToArray();
        var series = new List<PlotSeries> { new("no normalization (g·c)", [.. drive[.., 0].data<float>().Select(v => (double)v)]) };
        var curves = new Dictionary<string, double[]>();
        foreach (var sigma in new[] { 0.1, 0.3, 1.0 })
        {
            var r = Normalization.Normalize(drive, sigma, 2, 1)[.., 0].data<float>().Select(v => (double)v).ToArray();
            series.Add(new PlotSeries($"σ = {sigma.ToString(CultureInfo.InvariantCulture)}, p = 2", r));
            curves[$"sigma{sigma.ToString(CultureInfo.InvariantCulture)}"] = r;
        }

        // Contrast invariance: the same unit's share of the pool for two patterns, p = 2, σ = 0.1.
        PlotPng.Grid(Path.Combine(folder, "normalization.png"),
        [
            new PanelSpec("Contrast response of unit 0 (linear axes cut at 1)", "log10 contrast", "response", logC,
                [.. series.Select(s => s with { Y = [.. s.Y.Select(v => Math.Min(v, 1.0))] })]),
        ], columns: 1, panelWidth: 640, panelHeight: 440);
        var csv = new StringBuilder("contrast,raw," + string.Join(',', curves.Keys) + "\n");
        for (var i = 0; i < contrasts.Length; i++)
        {
            csv.AppendLine(CultureInfo.InvariantCulture, $"{contrasts[i]:G6},{series[0].Y[i]:G6},{string.Join(',', curves.Values.Select(c => c[i].ToString("G6", CultureInfo.InvariantCulture)))}");
        }

        File.WriteAllText(Path.Combine(folder, "normalization.csv"), csv.ToString());
        numbers["normalization"] = new { contrasts, curves, saturation = curves.ToDictionary(c => c.Key, c => c.Value[^1]) };
    }

    private static void AttentionFigure(string folder, int seed, Dictionary<string, object> numbers)
    {
        using var scope = NewDisposeScope();
        var g = new Generator((ulong)seed + 32);
        var scores = randn(9, generator: g);
        var betas = new[] { 0.0, 0.5, 1, 2, 10 };
        var positions = Enumerable.Range(0, 9).Select(i => (double)i).ToArray();
        var softmax = betas.Select(b => Attention.SoftmaxWithGain(scores, b).data<float>().Select(v => (double)v).ToArray()).ToArray();
        var x = rand(7, 5, generator: g) + Attention.PositionalEncoding(7, 5);
        var w = (rand(3, 5, generator: g) - 0.5) / Math.Sqrt(5);
        var wk = (rand(3, 5, generator: g) - 0.5) / Math.Sqrt(5);
        var wv = (rand(5, 5, generator: g) - 0.5) / Math.Sqrt(5);
        var pass = Attention.SelfAttention(x * 4, w, wk, wv);
        var weights = Enumerable.Range(0, 7).Select(q => pass.Weights[q].data<float>().Select(v => (double)v).ToArray()).ToArray();
        PlotPng.Grid(Path.Combine(folder, "attention.png"),
        [
            new PanelSpec("Softmax with gain β over 9 random scores", "position", "weight", positions,
                [.. betas.Select((b, i) => new PlotSeries($"β = {b.ToString(CultureInfo.InvariantCulture)}", softmax[i]))]),
            new PanelSpec("Self-attention weights (7 tokens, each line one query)", "key", "softmax(QKᵀ/√d_k)", [.. Enumerable.Range(0, 7).Select(i => (double)i)],
                [.. weights.Select((r, q) => new PlotSeries($"query {q}", r))]),
        ], columns: 2, panelWidth: 560, panelHeight: 420);
        numbers["attention"] = new { scores = scores.data<float>().ToArray(), betas, softmax, selfAttentionWeights = weights };
    }

    private sealed record AndRun(string Model, int Bits, long Parameters, double TrainAccuracy, double ValidAccuracy, double FinalLoss, double Seconds);

    private static void SparseAndFigure(string folder, int steps, int[] bits, int seed, Dictionary<string, object> numbers)
    {
        // Data and initial weights come from torch's global generator: drawn one run after another, in a fixed order. The
        // training itself draws nothing (eval mode, full batch), so the runs then train on two threads (one per core, one
        // intra-op thread each): the self-attention runs, longest first, on this thread (whose malloc arena keeps the large
        // blocks, see NativeHeap), the MLPs on a second one. The results are those of training them one by one.
        var order = bits.SelectMany(b => new[] { "MLP", "self-attention" }.Select(m => (Bits: b, Model: m))).ToList();
        var prepared = order.Select(r => Prepare(r.Model, r.Bits, seed)).ToList();
        var results = new AndRun[order.Count];
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var tasks = order.Select(r => ctx.AddTask($"{r.Model,-15} {r.Bits,3} bits", autoStart: false, maxValue: 1)).ToList();
                void Train(IEnumerable<int> indices)
                {
                    foreach (var i in indices)
                    {
                        tasks[i].StartTask();
                        results[i] = TrainOne(prepared[i], steps);
                        tasks[i].Value = 1;
                        tasks[i].StopTask();
                    }
                }

                var byBitsDescending = Enumerable.Range(0, order.Count).OrderByDescending(i => order[i].Bits).ToList();
                var mlps = Task.Factory.StartNew(() => Train(byBitsDescending.Where(i => order[i].Model == "MLP")), TaskCreationOptions.LongRunning);
                Train(byBitsDescending.Where(i => order[i].Model != "MLP"));
                mlps.GetAwaiter().GetResult();
            });
        var runs = results.ToList();
        var xs = bits.Select(b => (double)(b + 1)).ToArray();
        PlotPng.Grid(Path.Combine(folder, "sparse-and.png"),
        [
            new PanelSpec($"Sparse AND (s = 2), validation accuracy after {steps} Adam steps", "sequence length T (bits + rule token)", "accuracy (%)", xs,
            [
                .. new[] { "MLP", "self-attention" }.Select(m => new PlotSeries(
                    $"{m} ({string.Join("/", runs.Where(r => r.Model == m).Select(r => r.Parameters))} parameters)",
                    [.. runs.Where(r => r.Model == m).Select(r => 100 * r.ValidAccuracy)])),
            ]),
        ], columns: 1, panelWidth: 640, panelHeight: 440);
        var csv = new StringBuilder("model,bits,parameters,train_accuracy,valid_accuracy,final_loss,seconds\n");
        foreach (var r in runs)
        {
            csv.AppendLine(CultureInfo.InvariantCulture, $"{r.Model},{r.Bits},{r.Parameters},{r.TrainAccuracy:F4},{r.ValidAccuracy:F4},{r.FinalLoss:F5},{r.Seconds:F1}");
        }

        File.WriteAllText(Path.Combine(folder, "sparse-and.csv"), csv.ToString());
        numbers["sparseAnd"] = runs;
        var table = new Table().Title($"Sparse AND, {steps} full-batch Adam steps");
        foreach (var c in new[] { "model", "bits", "parameters", "train acc", "valid acc", "s" })
        {
            table.AddColumn(c);
        }

        foreach (var r in runs)
        {
            table.AddRow(r.Model, r.Bits.ToString(CultureInfo.InvariantCulture), r.Parameters.ToString(CultureInfo.InvariantCulture),
                r.TrainAccuracy.ToString("P1", CultureInfo.InvariantCulture), r.ValidAccuracy.ToString("P1", CultureInfo.InvariantCulture), r.Seconds.ToString("F1", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
    }

    private sealed record AndSetup(string Model, int Bits, SparseAndBatch Train, SparseAndBatch Valid, nn.Module<Tensor, Tensor> Net);

    private static AndSetup Prepare(string model, int bits, int seed)
    {
        var rng = new Random(seed + bits);
        var picks = Enumerable.Range(0, bits).OrderBy(_ => rng.Next()).Take(4).ToArray();
        long[] f1 = [.. picks.Take(2).Order().Select(p => (long)p)];
        long[] f2 = [.. picks.Skip(2).Order().Select(p => (long)p)];
        manual_seed(seed + bits);
        var train = SparseAnd.Generate(1000, f1, f2, bits);
        var valid = SparseAnd.Generate(1000, f1, f2, bits);
        nn.Module<Tensor, Tensor> net = model == "MLP" ? new BinaryMlp(bits + 1) : new SelfAttentionModel(bits + 1);
        net.eval();
        return new AndSetup(model, bits, train, valid, net);
    }

    private static AndRun TrainOne(AndSetup run, int steps)
    {
        using var scope = NewDisposeScope();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (model, bits, train, valid, net) = run;
        var history = Models.Train(net, train.X, train.Y, model == "MLP" ? 1e-3 : 1e-2, steps);
        double trainAcc, validAcc;
        using (no_grad())
        {
            trainAcc = Models.Accuracy(net.call(train.X), train.Y);
            validAcc = Models.Accuracy(net.call(valid.X), valid.Y);
        }

        var parameters = Models.CountParameters(net);
        net.Dispose();
        foreach (var t in new[] { train.X, train.Y, valid.X, valid.Y })
        {
            t.Dispose();
        }

        return new AndRun(model, bits, parameters, trainAcc, validAcc, history.Losses[^1], clock.Elapsed.TotalSeconds);
    }
}
