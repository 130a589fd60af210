using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using NeuroExercises.Week02.BurstCreditAssignment;
using NeuroExercises.Week04.SpikingNetworks;
using ScottPlot;
using Spectre.Console;
using static TorchSharp.torch;

namespace NeuroExercises.Experiments;

/// <summary>
/// The week-4 runs, in this order: single LIF neurons (traces, rasters), f-I curves, surrogate derivatives, spike codes of three
/// test images, then the 784 → H → 10 network trained on Fashion-MNIST with the week's <see cref="SnnTraining.Gradients"/> and
/// <see cref="SnnAdam"/>, and its rasters before and after training. Each figure is written with the numbers behind it.
/// </summary>
internal static class SpikingExperiment
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static readonly string[] ClassNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>Runs everything and writes the figures.</summary>
    public static int Run(SpikingExperimentSettings settings)
    {
        set_num_threads(settings.Threads);
        var folder = settings.OutFolder;
        Directory.CreateDirectory(folder);
        var clock = Stopwatch.StartNew();
        var numbers = new Dictionary<string, object>();
        using var data = FashionMnist.Load(trainLimit: settings.TrainLimit);
        LifFigure(folder, numbers);
        FiFigure(folder, numbers);
        SurrogateFigure(folder);
        CodesFigure(folder, data, settings, numbers);
        if (settings.SkipTraining)
        {
            File.WriteAllText(Path.Combine(folder, "numbers-no-training.json"), JsonSerializer.Serialize(numbers, Json));
            AnsiConsole.WriteLine($"Figures without training written to {folder} in {clock.Elapsed.TotalSeconds:F0} s.");
            return ExitCodes.Ok;
        }

        var options = SnnOptions.Default with { Steps = settings.Steps };
        using var network = SpikingNetwork.Initialize(784, settings.Hidden, 10, settings.Seed);
        var before = NetworkRaster(network, data, options);
        var history = Train(network, data, settings, options);
        var after = NetworkRaster(network, data, options);
        NetworkRasterFigure(folder, before, after, options);
        TrainingFigure(folder, history, settings);
        numbers["training"] = history;
        numbers["settings"] = settings;
        numbers["wallSeconds"] = clock.Elapsed.TotalSeconds;
        File.WriteAllText(Path.Combine(folder, "numbers.json"), JsonSerializer.Serialize(numbers, Json));
        PrintTable(history, settings, clock.Elapsed.TotalSeconds);
        return ExitCodes.Ok;
    }

    private static double[] Values(Tensor t) => [.. t.to(ScalarType.Float64).contiguous().data<double>()];

    private static float[,] Matrix(Tensor t)
    {
        using var c = t.to(ScalarType.Float32).contiguous();
        var rows = (int)c.shape[0];
        var cols = (int)c.shape[1];
        var flat = c.data<float>().ToArray();
        var m = new float[rows, cols];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                m[i, j] = flat[(i * cols) + j];
            }
        }

        return m;
    }

    private static double[] Range(int n) => [.. Enumerable.Range(0, n).Select(i => (double)i)];

    /// <summary>snnTorch tutorial 3's step current (β = 0.8, 0.21 from step 10) with both resets, and 3 neurons on noisy current.</summary>
    private static void LifFigure(string folder, Dictionary<string, object> numbers)
    {
        using var scope = NewDisposeScope();
        const int T = 200;
        var input = cat([zeros(10), full(T - 10, 0.21f)]);
        var panels = new List<Plot>();
        var csv = new StringBuilder("t,input,mem_subtract,spk_subtract,mem_zero,spk_zero\n");
        var traces = new Dictionary<string, LifTrace>();
        var counts = new Dictionary<string, double>();
        foreach (var reset in new[] { ResetMechanism.Subtract, ResetMechanism.Zero })
        {
            var trace = Lif.Simulate(input, new LifParameters(0.8, 1.0, reset));
            traces[reset.ToString()] = trace;
            var plot = SpikePlots.Panel($"LIF, reset {(reset == ResetMechanism.Subtract ? "by subtraction" : "to zero")} (β = 0.8, I = 0.21 from t = 10)", "time step", "membrane U");
            SpikePlots.Line(plot, Range(T), Values(trace.Mem), "U", 0);
            SpikePlots.HorizontalLine(plot, 1.0, "θ");
            var spikeTimes = Values(trace.Spk).Select((s, t) => (s, t)).Where(p => p.s > 0).Select(p => (double)p.t).ToArray();
            plot.Add.Markers(spikeTimes, [.. spikeTimes.Select(_ => 1.35)], MarkerShape.VerticalBar, 10, Colors.Black).LegendText = "spikes";
            counts[reset.ToString()] = spikeTimes.Length;
            panels.Add(plot);
        }

        for (var t = 0; t < T; t++)
        {
            csv.AppendLine(CultureInfo.InvariantCulture,
                $"{t},{input[t].item<float>()},{traces["Subtract"].Mem[t].item<float>()},{traces["Subtract"].Spk[t].item<float>()},{traces["Zero"].Mem[t].item<float>()},{traces["Zero"].Spk[t].item<float>()}");
        }

        using var generator = new Generator(2024);
        const int neurons = 20;
        var noisy = (randn([100, neurons], generator: generator) * 0.3f) + 0.1f;
        var noisyTrace = Lif.Simulate(noisy, new LifParameters(0.95, 1.0));
        var noisyPlot = SpikePlots.Panel("Noisy current 0.3·N(0,1) + 0.1 into 3 neurons (β = 0.95)", "time step", "membrane U");
        for (var n = 0; n < 3; n++)
        {
            SpikePlots.Line(noisyPlot, Range(100), Values(noisyTrace.Mem[.., n]), $"neuron {n}", n);
        }

        SpikePlots.HorizontalLine(noisyPlot, 1.0, "θ");
        panels.Add(noisyPlot);
        var raster = SpikePlots.Panel($"Raster of {neurons} neurons on independent noisy currents", "time step", "neuron");
        var noisySpikes = SpikePlots.Raster(raster, Matrix(noisyTrace.Spk), 0, 4);
        panels.Add(raster);
        SpikePlots.Save(Path.Combine(folder, "lif-traces.png"), panels, 2, 640, 400);
        File.WriteAllText(Path.Combine(folder, "lif-traces.csv"), csv.ToString());
        numbers["lif"] = new { stepCurrentSpikes = counts, noisySpikes, noisyNeurons = neurons, noisySteps = 100 };
    }

    /// <summary>Rate against constant current, both resets, and the closed form for reset to zero.</summary>
    private static void FiFigure(string folder, Dictionary<string, object> numbers)
    {
        using var scope = NewDisposeScope();
        const int T = 200;
        const double beta = 0.95;
        const double theta = 1.0;
        var currents = linspace(0, 1.5, 151, dtype: ScalarType.Float32);
        var x = Values(currents);
        var plot = SpikePlots.Panel($"f-I curve (β = {beta}, θ = {theta}, T = {T})", "constant input current I", "firing rate (spikes / step)");
        var csv = new StringBuilder("current,rate_subtract,rate_zero,rate_zero_closed_form\n");
        var rates = new Dictionary<string, double[]>();
        var k = 0;
        foreach (var reset in new[] { ResetMechanism.Subtract, ResetMechanism.Zero })
        {
            var curve = FrequencyCurrent.Measure(currents, T, new LifParameters(beta, theta, reset));
            rates[reset.ToString()] = Values(curve.Rate);
            SpikePlots.Line(plot, x, rates[reset.ToString()], reset == ResetMechanism.Subtract ? "reset by subtraction" : "reset to zero", k++);
        }

        // As the README computes it: in float64 from the float32 β and I the simulation used.
        var closed = x.Select(i => FrequencyCurrent.ZeroResetPeriod((float)i, (float)beta, theta) is var p and > 0 ? Math.Floor(T / (double)p) / T : 0.0).ToArray();
        SpikePlots.Line(plot, x, closed, "reset to zero, closed form ⌊T/k*⌋/T", 2);
        SpikePlots.VerticalLine(plot, theta * (1 - beta), "rheobase θ(1 − β)");
        SpikePlots.VerticalLine(plot, (2 - beta) * theta, "(2 − β)θ");
        SpikePlots.Save(Path.Combine(folder, "fi-curve.png"), [plot], 1, 900, 560);
        for (var i = 0; i < x.Length; i++)
        {
            csv.AppendLine(CultureInfo.InvariantCulture, $"{x[i]:G6},{rates["Subtract"][i]:G6},{rates["Zero"][i]:G6},{closed[i]:G6}");
        }

        File.WriteAllText(Path.Combine(folder, "fi-curve.csv"), csv.ToString());
        numbers["fiCurve"] = new
        {
            rheobase = theta * (1 - beta),
            closedFormMismatches = rates["Zero"].Zip(closed).Count(p => Math.Abs(p.First - p.Second) > 1e-6),
            currents = x.Length,
            rateAtOneSubtract = rates["Subtract"][100],
            rateAtOneZero = rates["Zero"][100],
        };
    }

    /// <summary>The four surrogate derivatives against the step's (zero) derivative.</summary>
    private static void SurrogateFigure(string folder)
    {
        using var scope = NewDisposeScope();
        var x = linspace(-0.5, 0.5, 401, dtype: ScalarType.Float32);
        var ones = ones_like(x);
        var xs = Values(x);
        var plot = SpikePlots.Panel("Surrogate derivatives S'(U − θ) used in the backward pass", "U − θ", "S'(U − θ)");
        SurrogateGradient[] kinds = [SurrogateGradient.FastSigmoid(25), SurrogateGradient.Atan(2), SurrogateGradient.Sigmoid(25), SurrogateGradient.SuperSpike(100)];
        var csv = new StringBuilder("x," + string.Join(',', kinds.Select(k => $"{k.Kind}_{k.Parameter.ToString(CultureInfo.InvariantCulture)}")) + "\n");
        var columns = new List<double[]>();
        for (var i = 0; i < kinds.Length; i++)
        {
            var d = Values(Surrogate.Derivative(x, kinds[i], ones));
            columns.Add(d);
            SpikePlots.Line(plot, xs, d, $"{kinds[i].Kind} ({kinds[i].Parameter.ToString(CultureInfo.InvariantCulture)})", i);
        }

        SpikePlots.Line(plot, xs, [.. xs.Select(_ => 0.0)], "step H (true derivative: 0 except at 0)", 7);
        SpikePlots.Save(Path.Combine(folder, "surrogates.png"), [plot], 1, 900, 520);
        for (var j = 0; j < xs.Length; j++)
        {
            csv.AppendLine(CultureInfo.InvariantCulture, $"{xs[j]:G6},{string.Join(',', columns.Select(c => c[j].ToString("G6", CultureInfo.InvariantCulture)))}");
        }

        File.WriteAllText(Path.Combine(folder, "surrogates.csv"), csv.ToString());
    }

    /// <summary>Three test images, their rate code, linear latency code and log latency code as rasters (pixel × step).</summary>
    private static void CodesFigure(string folder, FashionMnist data, SpikingExperimentSettings settings, Dictionary<string, object> numbers)
    {
        using var scope = NewDisposeScope();
        const int T = 25;
        var x = data.TestImages.narrow(0, 0, 3);
        var rate = SpikeCodes.Rate(x, T, settings.Seed + 1234);
        var linear = SpikeCodes.LinearLatency(x, T);
        var log = SpikeCodes.LogLatency(x, T);
        var panels = new List<Plot>();
        var stats = new List<object>();
        for (var i = 0; i < 3; i++)
        {
            var label = (int)data.TestLabels[i].item<long>();
            var image = SpikePlots.Panel($"test image {i}: {ClassNames[label]}", string.Empty, string.Empty);
            var pixels = new double[28, 28];
            var flat = Values(x[i]);
            for (var r = 0; r < 28; r++)
            {
                for (var c = 0; c < 28; c++)
                {
                    pixels[r, c] = flat[(r * 28) + c];
                }
            }

            SpikePlots.Image(image, pixels);
            panels.Add(image);
            var counts = new Dictionary<string, int>();
            foreach (var (name, spikes) in new[] { ("rate", rate), ("linear latency", linear.Spikes), ("log latency (τ = 5)", log.Spikes) })
            {
                var plot = SpikePlots.Panel($"image {i} ({ClassNames[label]}): {name} code", "time step", "pixel");
                counts[name] = SpikePlots.Raster(plot, Matrix(spikes[.., i, ..]), panels.Count % 4, 1.5f);
                panels.Add(plot);
            }

            stats.Add(new { image = i, label = ClassNames[label], meanPixel = flat.Average(), spikes = counts });
        }

        SpikePlots.Save(Path.Combine(folder, "spike-codes.png"), panels, 4, 420, 360);
        File.WriteAllText(Path.Combine(folder, "spike-codes.json"), JsonSerializer.Serialize(stats, Json));
        numbers["spikeCodes"] = stats;
    }

    private sealed record RasterData(float[,] Hidden, float[,] Output, double[][] OutputMem, int Label, int Predicted);

    /// <summary>The network's hidden and output spikes for test image 0 (first 100 hidden neurons shown).</summary>
    private static RasterData NetworkRaster(SpikingNetwork network, FashionMnist data, SnnOptions options)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var rec = network.Forward(data.TestImages.narrow(0, 0, 1), options);
        var hidden = rec.Spk1[.., 0, ..];
        var shown = hidden.narrow(1, 0, Math.Min(100, hidden.shape[1]));
        var mem = Enumerable.Range(0, 10).Select(c => Values(rec.Mem2[.., 0, c])).ToArray();
        return new RasterData(Matrix(shown), Matrix(rec.Spk2[.., 0, ..]), mem, (int)data.TestLabels[0].item<long>(),
            (int)SnnTraining.Predict(rec.SpikeCount)[0].item<long>());
    }

    private static void NetworkRasterFigure(string folder, RasterData before, RasterData after, SnnOptions options)
    {
        var panels = new List<Plot>();
        foreach (var (name, r) in new[] { ("untrained", before), ("trained", after) })
        {
            var h = SpikePlots.Panel(string.Empty, "time step", "hidden neuron");
            var hs = SpikePlots.Raster(h, r.Hidden, 0, 3);
            h.Title($"{name}: hidden, first 100 neurons ({hs} spikes)");
            panels.Add(h);
            var o = SpikePlots.Panel($"{name}: output, test image 0 (label {r.Label} {ClassNames[r.Label]}, predicted {r.Predicted})", "time step", "output neuron (class)");
            SpikePlots.Raster(o, r.Output, 1, 6);
            panels.Add(o);
            var m = SpikePlots.Panel($"{name}: output membranes U²", "time step", "U²");
            for (var c = 0; c < 10; c++)
            {
                SpikePlots.Line(m, Range(options.Steps), r.OutputMem[c], c == r.Label ? $"class {c} (label)" : string.Empty, c);
            }

            SpikePlots.HorizontalLine(m, options.Threshold, "θ");
            panels.Add(m);
        }

        SpikePlots.Save(Path.Combine(folder, "network-raster.png"), panels, 3, 520, 400);
    }

    /// <summary>One evaluation: accuracy by spike count (the week's Predict) and by summed output membrane, loss, spikes per layer.</summary>
    internal sealed record Evaluation(int Epoch, double Accuracy, double MembraneAccuracy, double Loss, double HiddenSpikesPerImage, double OutputSpikesPerImage,
        double HiddenRate, double SilentHiddenFraction);

    internal sealed record TrainingHistory(List<Evaluation> Test, List<double> LossWindows, int LossWindow, List<double> EpochSeconds, List<double> EpochCpuSeconds, int TrainImages, int StepsPerEpoch);

    private static Evaluation Evaluate(SpikingNetwork network, Tensor images, Tensor labels, SnnOptions options, int epoch)
    {
        using var noGrad = no_grad();
        long correct = 0, correctMem = 0;
        double loss = 0, hidden = 0, output = 0;
        Tensor? active = null;
        var n = images.shape[0];
        const int chunk = 500;
        for (long start = 0; start < n; start += chunk)
        {
            using var scope = NewDisposeScope();
            var len = Math.Min(chunk, n - start);
            var x = images.narrow(0, start, len);
            var y = labels.narrow(0, start, len);
            var rec = network.Forward(x, options);
            correct += SnnTraining.Predict(rec.SpikeCount).eq(y).sum().item<long>();
            correctMem += rec.Mem2.sum(dim: 0).argmax(1).eq(y).sum().item<long>();
            loss += SnnTraining.MembraneLoss(rec.Mem2, y).item<float>() * len;
            hidden += rec.Spk1.sum().item<float>();
            output += rec.Spk2.sum().item<float>();
            var fired = rec.Spk1.sum([0, 1]);
            active = active is null ? fired.DetachFromDisposeScope() : active.add_(fired);
        }

        var silent = active!.eq(0).to(ScalarType.Float32).mean().item<float>();
        var hiddenCount = active.shape[0];
        active.Dispose();
        return new Evaluation(epoch, (double)correct / n, (double)correctMem / n, loss / n, hidden / n, output / n,
            hidden / n / options.Steps / hiddenCount, silent);
    }

    private static TrainingHistory Train(SpikingNetwork network, FashionMnist data, SpikingExperimentSettings settings, SnnOptions options)
    {
        var n = (int)data.TrainImages.shape[0];
        var stepsPerEpoch = (n + settings.Batch - 1) / settings.Batch;
        const int window = 20;
        var history = new TrainingHistory([], [], window, [], [], n, stepsPerEpoch);
        history.Test.Add(Evaluate(network, data.TestImages, data.TestLabels, options, 0));
        using var adam = new SnnAdam(settings.LearningRate);
        using var generator = new Generator((ulong)settings.Seed);
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"train 784-{settings.Hidden}-10, {settings.Epochs} epoch(s)", maxValue: settings.Epochs * stepsPerEpoch);
                var sum = 0.0;
                var count = 0;
                for (var epoch = 1; epoch <= settings.Epochs; epoch++)
                {
                    var clock = Stopwatch.StartNew();
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    using var order = randperm(n, generator: generator);
                    for (var b = 0; b < stepsPerEpoch; b++)
                    {
                        using var scope = NewDisposeScope();
                        var idx = order.narrow(0, b * settings.Batch, Math.Min(settings.Batch, n - (b * settings.Batch)));
                        var x = data.TrainImages.index_select(0, idx);
                        var y = data.TrainLabels.index_select(0, idx);
                        var gradients = settings.Loss == "membrane" ? SnnTraining.Gradients(network, x, y, options) : ReadOutGradients(network, x, y, options, settings.Loss);
                        adam.Step(network, gradients);
                        sum += gradients.Loss.item<float>();
                        if (++count == window)
                        {
                            history.LossWindows.Add(sum / window);
                            (sum, count) = (0, 0);
                        }

                        task.Increment(1);
                    }

                    history.EpochSeconds.Add(clock.Elapsed.TotalSeconds);
                    history.EpochCpuSeconds.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
                    var eval = Evaluate(network, data.TestImages, data.TestLabels, options, epoch);
                    history.Test.Add(eval);
                    task.Description = $"epoch {epoch}: test {100 * eval.Accuracy:F2} %";
                }
            });
        return history;
    }

    /// <summary>
    /// The gradients of a spike read-out's loss (the week's <see cref="SnnTraining.SpikeLosses"/>: the count or the rate
    /// cross-entropy), by autograd through the surrogate, as <see cref="SnnTraining.Gradients"/> does for the membrane loss.
    /// </summary>
    private static SnnGradients ReadOutGradients(SpikingNetwork network, Tensor x, Tensor y, SnnOptions options, string loss)
    {
        using var scope = NewDisposeScope();
        using var enabled = enable_grad();
        var recording = network.Forward(x, options);
        var (count, rate) = SnnTraining.SpikeLosses(recording.Spk2, y);
        var value = loss == "count" ? count : rate;
        var grads = autograd.grad([value], [.. network.Parameters]);
        return new SnnGradients(value.detach().MoveToOuterDisposeScope(), grads[0].MoveToOuterDisposeScope(), grads[1].MoveToOuterDisposeScope(),
            grads[2].MoveToOuterDisposeScope(), grads[3].MoveToOuterDisposeScope());
    }

    private static void TrainingFigure(string folder, TrainingHistory history, SpikingExperimentSettings settings)
    {
        var epochs = history.Test.Select(e => (double)e.Epoch).ToArray();
        var lossName = settings.Loss switch { "count" => "CE(Σ_t S²_t, y)", "rate" => "(1/T) Σ_t CE(S²_t, y)", _ => "Σ_t CE(U²_t, y)" };
        var loss = SpikePlots.Panel($"Training loss {lossName}, mean over {history.LossWindow} batches", "epoch", "loss");
        SpikePlots.Line(loss, [.. history.LossWindows.Select((_, i) => (i + 1) * history.LossWindow / (double)history.StepsPerEpoch)], history.LossWindows, string.Empty, 0);
        var acc = SpikePlots.Panel($"Fashion-MNIST test accuracy, 784-{settings.Hidden}-10, T = {settings.Steps}", "epoch", "test accuracy (%)");
        SpikePlots.Line(acc, epochs, [.. history.Test.Select(e => 100 * e.Accuracy)], "by spike count (Predict)", 0);
        SpikePlots.Line(acc, epochs, [.. history.Test.Select(e => 100 * e.MembraneAccuracy)], "by summed output membrane", 1);
        SpikePlots.HorizontalLine(acc, 86, "target 86 %");
        var spikes = SpikePlots.Panel("Spikes per test image", "epoch", "spikes / image");
        SpikePlots.Line(spikes, epochs, [.. history.Test.Select(e => e.HiddenSpikesPerImage)], "hidden layer", 0);
        SpikePlots.Line(spikes, epochs, [.. history.Test.Select(e => e.OutputSpikesPerImage)], "output layer", 1);
        SpikePlots.Save(Path.Combine(folder, "training.png"), [loss, acc, spikes], 3, 560, 420);
        var csv = new StringBuilder("epoch,test_accuracy_spike_count,test_accuracy_membrane,test_loss,hidden_spikes_per_image,output_spikes_per_image,hidden_rate,silent_hidden_fraction,epoch_seconds,epoch_cpu_seconds\n");
        foreach (var e in history.Test)
        {
            var seconds = e.Epoch == 0 ? "," : $"{history.EpochSeconds[e.Epoch - 1].ToString("F1", CultureInfo.InvariantCulture)},{history.EpochCpuSeconds[e.Epoch - 1].ToString("F1", CultureInfo.InvariantCulture)}";
            csv.AppendLine(CultureInfo.InvariantCulture,
                $"{e.Epoch},{e.Accuracy:F4},{e.MembraneAccuracy:F4},{e.Loss:F4},{e.HiddenSpikesPerImage:F2},{e.OutputSpikesPerImage:F3},{e.HiddenRate:F5},{e.SilentHiddenFraction:F4},{seconds}");
        }

        File.WriteAllText(Path.Combine(folder, "training.csv"), csv.ToString());
    }

    private static void PrintTable(TrainingHistory history, SpikingExperimentSettings settings, double wall)
    {
        var table = new Table().Title($"784-{settings.Hidden}-10 LIF network, T = {settings.Steps}, batch {settings.Batch}, Adam {settings.LearningRate.ToString(CultureInfo.InvariantCulture)}, {history.TrainImages} training images");
        foreach (var c in new[] { "epoch", "test acc (spike count) %", "test acc (membrane) %", "hidden spikes/image", "output spikes/image", "silent hidden %", "epoch s", "epoch CPU s" })
        {
            table.AddColumn(new TableColumn(c).RightAligned());
        }

        foreach (var e in history.Test)
        {
            table.AddRow(
                e.Epoch.ToString(CultureInfo.InvariantCulture), (100 * e.Accuracy).ToString("F2", CultureInfo.InvariantCulture),
                (100 * e.MembraneAccuracy).ToString("F2", CultureInfo.InvariantCulture), e.HiddenSpikesPerImage.ToString("F1", CultureInfo.InvariantCulture),
                e.OutputSpikesPerImage.ToString("F1", CultureInfo.InvariantCulture), (100 * e.SilentHiddenFraction).ToString("F1", CultureInfo.InvariantCulture),
                e.Epoch == 0 ? "-" : history.EpochSeconds[e.Epoch - 1].ToString("F0", CultureInfo.InvariantCulture),
                e.Epoch == 0 ? "-" : history.EpochCpuSeconds[e.Epoch - 1].ToString("F0", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        AnsiConsole.WriteLine($"Wall time {wall:F0} s, {settings.Threads} thread(s).");
    }
}
