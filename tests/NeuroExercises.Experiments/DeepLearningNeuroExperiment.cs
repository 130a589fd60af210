using System.Globalization;
using System.Text;
using System.Text.Json;
using NeuroExercises.Core.Npy;
using NeuroExercises.Core.Plots;
using NeuroExercises.Week05.DeepLearningNeuro;
using ScottPlot;
using Spectre.Console;
using static TorchSharp.torch;

namespace NeuroExercises.Experiments;

/// <summary>The week-5 runs, all on the synthetic population with the goldens' stored initial weights and permutations.</summary>
internal static class DeepLearningNeuroExperiment
{
    /// <summary>The synthetic 1° recording's file name.</summary>
    public const string Binned1 = "W3D4_stringer_oribinned1_synthetic.npz";

    private const string Split6 = "W3D4_stringer_oribinned6_split_synthetic.npz";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>../shared/reference/deep_learning_neuro next to the repository (found upwards from the working folder).</summary>
    public static string DefaultDataFolder()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "reference", "deep_learning_neuro");
            if (File.Exists(Path.Combine(dir.FullName, "NeuroExercises.sln")) && Directory.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return Path.Combine("..", "shared", "reference", "deep_learning_neuro");
    }

    /// <summary>Runs everything and writes the figures.</summary>
    public static int Run(string folder, string data, int decoderSteps, int threads)
    {
        set_num_threads(threads);
        Directory.CreateDirectory(folder);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var numbers = new Dictionary<string, object> { ["data"] = "synthetic 160-neuron population (../shared/reference/deep_learning_neuro), not the Stringer recording" };
        var agreement = new Dictionary<string, double>();
        var g = new Goldens(data);
        var rec = StringerData.LoadOriBinned1(Path.Combine(data, Binned1));
        var split = DataPreparation.Split(rec.Resp, rec.Stimuli, g.T("data_prep", "ishuffle"));
        string[] stages = ["decoding sweeps", "softmax classifier (2 × 1000 steps)", "filters and convolution", "tilt CNN (250 steps)", "RSA", "encoding model (200 steps)"];
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var tasks = stages.Select(s => ctx.AddTask(s, autoStart: false, maxValue: 1)).ToArray();
                void Stage(int i, Action<ProgressTask> body)
                {
                    tasks[i].StartTask();
                    using var scope = NewDisposeScope();
                    body(tasks[i]);
                    tasks[i].Value = 1;
                    tasks[i].StopTask();
                }

                Stage(0, t => DecodingFigure(folder, split, decoderSteps, numbers, t));
                Stage(1, _ => ClassifierFigure(folder, g, split, numbers, agreement));
                Stage(2, _ => ConvolutionFigure(folder, numbers));
                TiltCnn? cnn = null;
                Stage(3, _ => cnn = CnnRun(folder, g, numbers, agreement));
                Stage(4, _ => RsaFigure(folder, rec, cnn!, numbers, agreement));
                cnn!.Dispose();
                Stage(5, _ => EncodingFigure(folder, g, data, numbers, agreement));
            });
        numbers["wallSeconds"] = clock.Elapsed.TotalSeconds;
        numbers["threads"] = threads;
        File.WriteAllText(Path.Combine(folder, "numbers.json"), JsonSerializer.Serialize(numbers, Json));
        File.WriteAllText(Path.Combine(folder, "golden_agreement.json"), JsonSerializer.Serialize(agreement, Json));
        var table = new Table().Title("Full-length runs against the PyTorch goldens (max |Δ| / max |golden|, or |Δ| for scalars)");
        table.AddColumn("array");
        table.AddColumn("deviation");
        foreach (var (k, v) in agreement)
        {
            table.AddRow(k, v.ToString("G3", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        AnsiConsole.WriteLine($"Wall time {clock.Elapsed.TotalSeconds:F0} s, {threads} thread(s); figures in {folder}.");
        return ExitCodes.Ok;
    }

    private sealed class Goldens(string folder)
    {
        private readonly Dictionary<string, IReadOnlyDictionary<string, NpyArray>> cache = [];

        public Tensor T(string file, string member)
        {
            if (!cache.TryGetValue(file, out var arrays))
            {
                arrays = Npz.Read(Path.Combine(folder, file + ".npz"));
                cache[file] = arrays;
            }

            return arrays[member].ToTensor();
        }

        public double Deviation(string file, string member, Tensor got, bool relative = true)
        {
            var e = T(file, member).to(float64).flatten();
            var a = got.detach().cpu().to(float64).flatten();
            var finite = e.isfinite();
            var diff = (a - e).abs()[finite].max().item<double>();
            return relative ? diff / e[finite].abs().max().item<double>() : diff;
        }
    }

    private sealed record DecodingPoint(string Sweep, int Neurons, int Hidden, double TrainMse, double TestRmseDegrees);

    private static void DecodingFigure(string folder, TrainTestSplit split, int steps, Dictionary<string, object> numbers, ProgressTask task)
    {
        int[] neuronCounts = [5, 10, 20, 40, 80, 160];
        int[] hiddenCounts = [2, 5, 10, 20, 50, 100];
        var points = new List<DecodingPoint>();
        var total = neuronCounts.Length + hiddenCounts.Length;
        DecodingPoint Fit(string sweep, int n, int m)
        {
            using var scope = NewDisposeScope();
            var cols = arange(n, dtype: int64);
            var rTrain = split.RespTrain.index_select(1, cols);
            var rTest = split.RespTest.index_select(1, cols);
            using var net = DeepNet.Initialize(n, m, seed: 1);
            var losses = DeepNetTraining.Train(net, rTrain, split.StimuliTrain, 1e-4, steps);
            var err = DeepNetTraining.DecodingError(net, rTest, split.StimuliTest);
            task.Increment(1.0 / total);
            return new DecodingPoint(sweep, n, m, losses[-1].item<float>(), Math.Sqrt(err.square().mean().item<float>()));
        }

        points.AddRange(neuronCounts.Select(n => Fit("neurons", n, 10)));
        points.AddRange(hiddenCounts.Select(m => Fit("hidden", 160, m)));
        var byN = points.Where(p => p.Sweep == "neurons").ToArray();
        var byM = points.Where(p => p.Sweep == "hidden").ToArray();
        PlotPng.Grid(Path.Combine(folder, "decoding.png"),
        [
            new PanelSpec($"DeepNet (M = 10), {steps} SGD steps lr 1e-4", "neurons used (first n)", "test RMS decoding error (°)", [.. byN.Select(p => (double)p.Neurons)], [new PlotSeries("test", [.. byN.Select(p => p.TestRmseDegrees)])]),
            new PanelSpec($"DeepNet (160 neurons), {steps} SGD steps lr 1e-4", "hidden units M", "test RMS decoding error (°)", [.. byM.Select(p => (double)p.Hidden)], [new PlotSeries("test", [.. byM.Select(p => p.TestRmseDegrees)])]),
        ], columns: 2, panelWidth: 520, panelHeight: 380);
        var csv = new StringBuilder("sweep,neurons,hidden,train_mse,test_rmse_degrees\n");
        foreach (var p in points)
        {
            csv.AppendLine(CultureInfo.InvariantCulture, $"{p.Sweep},{p.Neurons},{p.Hidden},{p.TrainMse:F2},{p.TestRmseDegrees:F3}");
        }

        File.WriteAllText(Path.Combine(folder, "decoding.csv"), csv.ToString());
        numbers["decoding"] = new { steps, learningRate = 1e-4, points };
    }

    private static void ClassifierFigure(string folder, Goldens g, TrainTestSplit split, Dictionary<string, object> numbers, Dictionary<string, double> agreement)
    {
        var yTrain = DataPreparation.OrientationClass(split.StimuliTrain.flatten(), 20);
        var yTest = DataPreparation.OrientationClass(split.StimuliTest.flatten(), 20);
        var confusions = new List<(string, double[,])>();
        var curves = new List<PlotSeries>();
        var summary = new Dictionary<string, object>();
        foreach (var (run, l2, l1) in new[] { ("sm", 0.0, 0.0), ("reg", 1e-2, 5e-4) })
        {
            using var net = new OrientationClassifier(g.T("decoding_bonus", "init_in_weight"), g.T("decoding_bonus", "init_in_bias"), g.T("decoding_bonus", "init_out_weight"), g.T("decoding_bonus", "init_out_bias"));
            var history = net.Train(split.RespTrain, yTrain, split.RespTest, yTest, 0.1, 1000, l2, l1);
            var pred = net.Predict(split.RespTest);
            var correct = pred.eq(yTest).to(float64).mean().item<double>();
            var matrix = new double[20, 20];
            foreach (var (t, p) in yTest.data<long>().Zip(pred.data<long>()))
            {
                matrix[t, p] += 1;
            }

            var label = run == "sm" ? "no penalty" : "L2 1e-2 + L1 5e-4 on W_in";
            confusions.Add(($"{label}: {correct:P1} correct", matrix));
            curves.Add(new PlotSeries($"{label}, train", [.. history.TrainLoss.data<float>().Select(v => (double)v)]));
            curves.Add(new PlotSeries($"{label}, test", [.. history.TestLoss.data<float>().Select(v => (double)v)]));
            agreement[$"decoding_bonus/{run}_train_loss"] = g.Deviation("decoding_bonus", $"{run}_train_loss", history.TrainLoss);
            agreement[$"decoding_bonus/{run}_test_loss"] = g.Deviation("decoding_bonus", $"{run}_test_loss", history.TestLoss);
            agreement[$"decoding_bonus/{run}_final_in_weight"] = g.Deviation("decoding_bonus", $"{run}_final_in_weight", net.InWeight);
            agreement[$"decoding_bonus/{run}_frac_correct"] = Math.Abs(correct - g.T("decoding_bonus", $"{run}_frac_correct").item<float>());
            summary[run] = new { fracCorrect = correct, trainLossFirst = history.TrainLoss[0].item<float>(), trainLossLast = history.TrainLoss[-1].item<float>(), testLossLast = history.TestLoss[-1].item<float>() };
        }

        Heatmaps(Path.Combine(folder, "confusion.png"), confusions, columns: 2, "true class (rows) × predicted class (columns), 18° bins");
        PlotPng.Lines(Path.Combine(folder, "classifier-loss.png"), new PanelSpec("Softmax decoder of 20 orientation classes (SGD lr 0.1)", "iteration", "loss (NLL + penalties)", [.. Enumerable.Range(0, 1000).Select(i => (double)i)], curves), 720, 440);
        numbers["classifier"] = summary;
    }

    private static void ConvolutionFigure(string folder, Dictionary<string, object> numbers)
    {
        var t2 = Filters.Make(zeroMean: true);
        string[] names = ["centre-surround", "−centre-surround", "Gabor 0°", "Gabor 45°", "Gabor 90°", "Gabor 135°"];
        var maps = names.Select((n, i) => (n, ToGrid(t2[i, 0]))).ToList();
        Heatmaps(Path.Combine(folder, "filters.png"), maps, columns: 6, "the six 7 × 7 filters (zero mean)");
        var grating = Gratings.Grating(-45, 0.1, centered: true).reshape(1, 1, 48, 64);
        var written = Convolution.CrossCorrelate(grating, t2, null, 3);
        var library = Convolution.Conv2d(grating, t2, null, 3);
        var outputs = new List<(string, double[,])> { ("grating −45°", ToGrid(grating[0, 0])) };
        outputs.AddRange(names.Select((n, i) => (n, ToGrid(written[0, i]))));
        Heatmaps(Path.Combine(folder, "convout.png"), outputs, columns: 7, "a −45° grating and its six convolution outputs (padding 3)");
        numbers["convolution"] = new { writtenOutVsConv2dMaxAbs = (written - library).abs().max().item<float>() };
    }

    private static TiltCnn CnnRun(string folder, Goldens g, Dictionary<string, object> numbers, Dictionary<string, double> agreement)
    {
        var ori = g.T("cnn", "train_ori_f64");
        var images = Gratings.Batch(ori.data<double>().ToArray(), 0.1, centered: false);
        var labels = ori.gt(0).to(float32).reshape(-1, 1);
        var net = new TiltCnn(g.T("cnn", "init_conv_weight"), g.T("cnn", "init_conv_bias"), g.T("cnn", "init_fc_weight"), g.T("cnn", "init_fc_bias"), g.T("cnn", "init_out_weight"), g.T("cnn", "init_out_bias"));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var track = TiltTraining.Train(net, images, labels, g.T("cnn", "perm"), 100, 5e-4, 0.99);
        var seconds = clock.Elapsed.TotalSeconds;
        var testOri = g.T("cnn", "test_ori_f64");
        var accuracy = TiltTraining.Accuracy(net, Gratings.Batch(testOri.data<double>().ToArray(), 0.1, centered: false), testOri);
        agreement["cnn/track_loss (absolute)"] = g.Deviation("cnn", "track_loss", track, relative: false);
        string[] names = ["conv_weight", "conv_bias", "fc_weight", "fc_bias", "out_weight", "out_bias"];
        foreach (var (n, p) in names.Zip(net.Parameters))
        {
            agreement[$"cnn/final_{n}"] = g.Deviation("cnn", "final_" + n, p);
        }

        agreement["cnn/test_acc"] = Math.Abs(accuracy - g.T("cnn", "test_acc").item<float>());
        PlotPng.Lines(Path.Combine(folder, "cnn-training.png"), new PanelSpec($"Tilt CNN: BCE per minibatch (SGD lr 5e-4, momentum 0.99); test accuracy {accuracy:P1}", "step", "BCE", [.. Enumerable.Range(0, (int)track.shape[0]).Select(i => (double)i)], [new PlotSeries("minibatch loss", [.. track.data<float>().Select(v => (double)v)])]), 720, 420);
        var rf = new List<(string, double[,])>();
        for (var i = 0; i < 6; i++)
        {
            rf.Add(($"channel {i}: init", ToGrid(g.T("cnn", "init_conv_weight")[i, 0])));
        }

        for (var i = 0; i < 6; i++)
        {
            rf.Add(($"channel {i}: trained", ToGrid(net.ConvWeight.detach()[i, 0])));
        }

        Heatmaps(Path.Combine(folder, "cnn-receptive-fields.png"), rf, columns: 6, "conv filters before and after 250 steps");
        numbers["cnn"] = new { trainSeconds = seconds, trackLossFirst = track[0].item<float>(), trackLossLast = track[-1].item<float>(), testAccuracy = accuracy };
        return net;
    }

    private static void RsaFigure(string folder, OrientationRecording rec, TiltCnn net, Dictionary<string, object> numbers, Dictionary<string, double> agreement)
    {
        var (rows, v1Ori) = DataPreparation.Tutorial3View(rec.Stimuli);
        var acts = net.Activations(Gratings.Batch(v1Ori.flatten().to(float64).data<double>().ToArray(), 0.1, centered: false));
        var rdmV1 = Rsa.Rdm(rec.Resp.index_select(0, rows));
        var rdmPool = Rsa.Rdm(acts.Pool.flatten(1));
        var rdmFc = Rsa.Rdm(acts.Fc);
        var sims = new
        {
            poolPearson = Rsa.RdmPearson(rdmV1, rdmPool),
            fcPearson = Rsa.RdmPearson(rdmV1, rdmFc),
            poolSpearman = Rsa.RdmSpearman(rdmV1, rdmPool),
            fcSpearman = Rsa.RdmSpearman(rdmV1, rdmFc),
        };
        Heatmaps(Path.Combine(folder, "rsa.png"),
        [
            ("V1 (synthetic, stimuli 0…180°)", ToGrid(rdmV1)),
            ($"CNN pool: r = {sims.poolPearson:F3}, ρ = {sims.poolSpearman:F3}", ToGrid(rdmPool)),
            ($"CNN fc: r = {sims.fcPearson:F3}, ρ = {sims.fcSpearman:F3}", ToGrid(rdmFc)),
        ], columns: 3, "RDMs (1 − Pearson r), stimuli −90…90°, and their similarity to V1");
        numbers["rsa"] = new { retrainedNetwork = sims, note = "from this run's retrained CNN; the goldens' values (0.6664 / 0.6308 Pearson, 0.6231 / 0.6595 Spearman) come from the stored activations" };
        agreement["rsa/rdm_sim_pool (retrained CNN, absolute)"] = Math.Abs(sims.poolPearson - 0.6664);
    }

    private static void EncodingFigure(string folder, Goldens g, string data, Dictionary<string, object> numbers, Dictionary<string, double> agreement)
    {
        var split = StringerData.LoadOriBinned6Split(Path.Combine(data, Split6));
        var neurons = g.T("encoding", "neurons");
        var train = split.RespTrain.index_select(1, neurons);
        var test = split.RespTest.index_select(1, neurons);
        var stimuli = Gratings.Batch(Enumerable.Range(0, 60).Select(i => -180.0 + (6 * i)), 0.025, centered: true);
        using var model = new EncodingModel(g.T("encoding", "init_conv_weight"), g.T("encoding", "init_conv_bias"), g.T("encoding", "init_out_layer_weight"), g.T("encoding", "init_out_layer_bias"));
        var history = model.Train(stimuli, train, test, 0.016, 0.9, 200, 5e-4, 1e-6);
        Tensor prediction;
        using (no_grad())
        {
            prediction = model.Forward(stimuli);
        }

        var ev = EncodingModel.ExplainedVariance(prediction, test);
        agreement["encoding/train_loss"] = g.Deviation("encoding", "train_loss", history.TrainLoss);
        agreement["encoding/final_out_layer_weight"] = g.Deviation("encoding", "final_out_layer_weight", model.OutWeight);
        agreement["encoding/ev_test (absolute)"] = g.Deviation("encoding", "ev_test", ev, relative: false);
        var evs = ev.data<float>().Select(v => (double)v).ToArray();
        var steps = Enumerable.Range(0, 200).Select(i => (double)i).ToArray();
        var testIdx = Enumerable.Range(0, 200).Where(i => i == 0 || (i + 1) % 20 == 0).ToArray();
        PlotPng.Grid(Path.Combine(folder, "encoding.png"),
        [
            new PanelSpec("Encoding model: explained variance on the held-out half", "neuron", "EV", [.. Enumerable.Range(0, evs.Length).Select(i => (double)i)], [new PlotSeries("EV (test)", evs)]),
            new PanelSpec("Regularised loss (SGD lr 0.016, momentum 0.9)", "step", "loss", steps,
            [
                new PlotSeries("train", [.. history.TrainLoss.data<float>().Select(v => (double)v)]),
                new PlotSeries("test", [.. testIdx.Select(i => (double)history.TestLoss[i].item<float>())], X: [.. testIdx.Select(i => (double)i)]),
            ]),
        ], columns: 2, panelWidth: 520, panelHeight: 380);
        File.WriteAllText(Path.Combine(folder, "encoding.csv"), "neuron,ev_test\n" + string.Concat(evs.Select((v, i) => string.Create(CultureInfo.InvariantCulture, $"{i},{v:F4}\n"))));
        numbers["encoding"] = new { evTest = evs, trainLossFirst = history.TrainLoss[0].item<float>(), trainLossLast = history.TrainLoss[-1].item<float>(), testLossLast = history.TestLoss[199].item<float>() };
    }

    private static double[,] ToGrid(Tensor t)
    {
        var m = t.detach().cpu().to(float64).contiguous();
        var (rows, cols) = ((int)m.shape[0], (int)m.shape[1]);
        var values = m.data<double>().ToArray();
        var grid = new double[rows, cols];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                grid[i, j] = values[(i * cols) + j];
            }
        }

        return grid;
    }

    private static void Heatmaps(string path, IReadOnlyList<(string Title, double[,] Data)> maps, int columns, string caption)
    {
        var plots = maps.Select((m, i) =>
        {
            var plot = new Plot();
            plot.Font.Set("DejaVu Sans");
            plot.Title(i == 0 ? $"{caption}\n{m.Title}" : m.Title, size: 11);
            var heatmap = plot.Add.Heatmap(m.Data);
            heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
            plot.Add.ColorBar(heatmap);
            return plot;
        }).ToList();
        var multiplot = new Multiplot(plots[0]);
        foreach (var plot in plots.Skip(1))
        {
            multiplot.Subplots.Add(plot);
        }

        var rows = (maps.Count + columns - 1) / columns;
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        multiplot.SavePng(path, columns * 300, rows * 280);
    }
}
