using System.Globalization;
using System.Text;
using NeuroExercises.Core.Plots;
using NeuroExercises.Week02.BurstCreditAssignment;
using NeuroExercises.Week03.Microcircuits;
using Spectre.Console;
using static TorchSharp.torch;

namespace NeuroExercises.Experiments;

/// <summary>
/// Week 3's normalization-in-a-CNN experiment: the course's CIFARNet with and without LayerNorm, trained the course's way
/// (SGD with momentum 0.9 from the course's init; η = 0.01 by default: at the goldens' η = 0.05 the LayerNorm
/// network diverged on this stand-in) on full-contrast images, then tested on the same test images at lower
/// contrasts (x·c). CIFAR cannot be fetched here: Fashion-MNIST (Debian's dataset-fashion-mnist, 1 × 28 × 28, 10 classes)
/// stands in for it.
/// </summary>
internal static class LayerNormExperiment
{
    /// <summary>Test contrasts c: every test image is x·c.</summary>
    internal static readonly double[] Contrasts = [1, 0.5, 0.25, 0.1, 0.05, 0.02];

    internal sealed record Run(string Model, long Parameters, double[] EpochLosses, double[] AccuracyByContrast, double Seconds);

    public static void Figure(string folder, int trainImages, int epochs, double learningRate, int seed, Dictionary<string, object> numbers)
    {
        if (!FashionMnist.IsAvailable())
        {
            AnsiConsole.MarkupLine($"[yellow]LayerNorm experiment skipped: Fashion-MNIST is not in {Markup.Escape(FashionMnist.DefaultFolder)} (install dataset-fashion-mnist; ./setup.sh does).[/]");
            numbers["layerNorm"] = "skipped: Fashion-MNIST not installed";
            return;
        }

        using var data = FashionMnist.Load(trainLimit: trainImages);
        var runs = new List<Run>();
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                foreach (var layerNorm in new[] { false, true })
                {
                    var task = ctx.AddTask(layerNorm ? "CIFARNet + LayerNorm" : "CIFARNet", maxValue: epochs);
                    runs.Add(TrainOne(data, layerNorm, epochs, learningRate, seed, () => task.Increment(1)));
                }
            });

        var logC = Contrasts.Select(Math.Log10).ToArray();
        PlotPng.Grid(Path.Combine(folder, "layernorm.png"),
        [
            new PanelSpec("Test accuracy against input contrast (trained at c = 1)", "log10 contrast c (test images x·c)", "test accuracy", logC,
                [.. runs.Select(r => new PlotSeries(r.Model, r.AccuracyByContrast))]),
            new PanelSpec("Training loss (mean cross-entropy per epoch)", "epoch", "loss", [.. Enumerable.Range(1, epochs).Select(e => (double)e)],
                [.. runs.Select(r => new PlotSeries(r.Model, r.EpochLosses))]),
        ], columns: 2, panelWidth: 560, panelHeight: 420);
        var csv = new StringBuilder("contrast," + string.Join(',', runs.Select(r => r.Model)) + "\n");
        for (var i = 0; i < Contrasts.Length; i++)
        {
            csv.AppendLine(CultureInfo.InvariantCulture, $"{Contrasts[i]},{string.Join(',', runs.Select(r => r.AccuracyByContrast[i].ToString("G6", CultureInfo.InvariantCulture)))}");
        }

        File.WriteAllText(Path.Combine(folder, "layernorm.csv"), csv.ToString());
        numbers["layerNorm"] = new
        {
            dataset = "Fashion-MNIST (stand-in for CIFAR)",
            trainImages = data.TrainImages.shape[0],
            testImages = data.TestImages.shape[0],
            epochs,
            batch = Batch,
            learningRate,
            momentum = Momentum,
            contrasts = Contrasts,
            runs,
        };
    }

    private const int Batch = 64;
    private const double Momentum = 0.9;

    private static Run TrainOne(FashionMnist data, bool layerNorm, int epochs, double learningRate, int seed, Action epochDone)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        manual_seed(seed);
        using var net = new CifarNet(layerNorm, channels: 1, height: 28, width: 28, classes: 10);
        var optimizer = optim.SGD(net.parameters(), learningRate, momentum: Momentum);
        var images = data.TrainImages.reshape(-1, 1, 28, 28);
        var n = images.shape[0];
        var order = new Generator((ulong)seed + 7);
        var losses = new double[epochs];
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            using var perm = randperm(n, generator: order);
            double sum = 0;
            var batches = 0;
            for (long start = 0; start < n; start += Batch)
            {
                using var scope = NewDisposeScope();
                var index = perm.narrow(0, start, Math.Min(Batch, n - start));
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(net.call(images.index_select(0, index)), data.TrainLabels.index_select(0, index));
                loss.backward();
                optimizer.step();
                sum += loss.item<float>();
                batches++;
            }

            losses[epoch] = sum / batches;
            epochDone();
        }

        var test = data.TestImages.reshape(-1, 1, 28, 28);
        var accuracy = new double[Contrasts.Length];
        using (no_grad())
        {
            for (var i = 0; i < Contrasts.Length; i++)
            {
                long correct = 0;
                for (long start = 0; start < test.shape[0]; start += 500)
                {
                    // 500 images at a time: conv1's output of all 10000 would be a 500 MB tensor.
                    using var scope = NewDisposeScope();
                    var count = Math.Min(500, test.shape[0] - start);
                    var predicted = net.call(test.narrow(0, start, count) * Contrasts[i]).argmax(1);
                    correct += predicted.eq(data.TestLabels.narrow(0, start, count)).sum().item<long>();
                }

                accuracy[i] = (double)correct / test.shape[0];
            }
        }

        return new Run(layerNorm ? "with LayerNorm" : "without LayerNorm", net.parameters().Sum(p => p.numel()), losses, accuracy, clock.Elapsed.TotalSeconds);
    }
}
