using System.Globalization;
using System.Text;
using System.Text.Json;
using NeuroExercises.Core.Plots;
using NeuroExercises.Week02.BurstCreditAssignment;
using Spectre.Console;
using static TorchSharp.torch;

namespace NeuroExercises.Experiments;

/// <summary>
/// The week-2 runs, in this order: load Fashion-MNIST → for the normal and the poor initialisation, for each rule: the same seed
/// draws the same W, b and Y, train, record → figures and numbers. Each figure is written with a CSV and a JSON of its numbers.
/// </summary>
internal static class BurstExperiment
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Runs everything and writes the figures.</summary>
    public static int Run(BurstExperimentSettings settings)
    {
        set_num_threads(settings.Threads);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var data = FashionMnist.Load(trainLimit: settings.TrainLimit);
        int[] sizes = [784, .. settings.Hidden, 10];
        var conditions = new List<(string Name, double Gain)> { ("normal", 1.0) };
        if (settings.RunPoorInit)
        {
            conditions.Add(("poor", settings.PoorGain));
        }

        var runs = new List<RunResult>();
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var tasks = conditions.SelectMany(c => settings.Runs.Select(r => (c, r, ctx.AddTask($"{c.Name,-6} {r.Label}", autoStart: false)))).ToList();
                foreach (var ((name, gain), run, task) in tasks)
                {
                    task.StartTask();
                    var history = Train(data, sizes, gain, run, settings, settings.AlignEvery, new Progress(task));
                    task.Value = task.MaxValue;
                    task.StopTask();
                    runs.Add(new RunResult(name, gain, run.Name, run.Label, run.RatesFor(sizes.Length - 1), run.LearnFeedback, history));
                }
            });

        var folder = settings.OutFolder;
        Directory.CreateDirectory(folder);
        var summary = new Summary(sizes, settings.Epochs, settings.Batch, settings.Seed, settings.Threads, (int)data.TrainImages.shape[0], settings.RatesPreset,
            clock.Elapsed.TotalSeconds, runs);
        File.WriteAllText(Path.Combine(folder, "runs.json"), JsonSerializer.Serialize(summary, Json));
        AccuracyFigure(folder, runs.Where(r => r.Init == "normal").ToList(), "accuracy", $"Fashion-MNIST, {Arch(sizes)}, batch {settings.Batch}, {settings.RatesPreset} rates");
        if (settings.RunPoorInit)
        {
            AccuracyFigure(folder, runs.Where(r => r.Init == "poor").ToList(), "poor-init",
                $"Poor initialisation (W Xavier gain {settings.PoorGain.ToString(CultureInfo.InvariantCulture)}), {Arch(sizes)}");
        }

        AlignmentFigure(folder, runs.Where(r => r.Init == "normal").ToList(), sizes);
        PrintTable(runs, summary);
        return ExitCodes.Ok;
    }

    private static void AccuracyFigure(string folder, List<RunResult> runs, string name, string title)
    {
        var epochs = Enumerable.Range(0, runs[0].History.TestAccuracy.Count).Select(e => (double)e).ToArray();
        var panels = new[]
        {
            new PanelSpec(title, "epoch", "test accuracy (%)", epochs,
                [.. runs.Select(r => new PlotSeries(r.Label, [.. r.History.TestAccuracy.Select(a => 100 * a)]))]),
            new PanelSpec("Loss on 1000 training images", "epoch", "mean squared error", epochs,
                [.. runs.Select(r => new PlotSeries(r.Label, r.History.TrainLoss))]),
        };
        PlotPng.Grid(Path.Combine(folder, name + ".png"), panels, columns: 2, panelWidth: 560, panelHeight: 420);
        var csv = new StringBuilder("rule,epoch,test_accuracy,test_loss,train_probe_loss\n");
        foreach (var r in runs)
        {
            for (var e = 0; e < r.History.TestAccuracy.Count; e++)
            {
                csv.AppendLine(CultureInfo.InvariantCulture, $"{r.Rule},{e},{r.History.TestAccuracy[e]:F4},{r.History.TestLoss[e]:F6},{r.History.TrainLoss[e]:F6}");
            }
        }

        File.WriteAllText(Path.Combine(folder, name + ".csv"), csv.ToString());
        File.WriteAllText(Path.Combine(folder, name + ".json"), JsonSerializer.Serialize(
            runs.Select(r => new { r.Rule, r.Label, r.Rates, r.LearnFeedback, r.Init, r.Gain, r.History.TestAccuracy, r.History.TestLoss, r.History.TrainLoss, r.History.Seconds }), Json));
    }

    private static void AlignmentFigure(string folder, List<RunResult> runs, int[] sizes)
    {
        var layers = sizes.Length - 1;
        var shown = runs.Where(r => r.Rule != nameof(LearningRule.Backprop)).ToList();
        var panels = Enumerable.Range(0, layers - 1).Select(l => new PanelSpec(
            $"Hidden layer {l} ({sizes[l + 1]} units)", "epoch", "cos(ΔW, −∇W backprop)", [],
            [.. shown.Select(r => new PlotSeries(r.Label,
                [.. r.History.Alignment.Select(p => p.Cosines[l])], X: [.. r.History.Alignment.Select(p => p.Epoch)]))])).ToList();
        PlotPng.Grid(Path.Combine(folder, "alignment.png"), panels, columns: Math.Min(3, panels.Count), panelWidth: 520, panelHeight: 400);
        var csv = new StringBuilder("rule,step,epoch," + string.Join(',', Enumerable.Range(0, layers).Select(l => $"cos_layer{l}")) + "\n");
        foreach (var r in shown)
        {
            foreach (var p in r.History.Alignment)
            {
                csv.AppendLine(CultureInfo.InvariantCulture, $"{r.Rule},{p.Step},{p.Epoch:F4},{string.Join(',', p.Cosines.Select(c => c.ToString("F5", CultureInfo.InvariantCulture)))}");
            }
        }

        File.WriteAllText(Path.Combine(folder, "alignment.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(folder, "alignment.json"), JsonSerializer.Serialize(shown.Select(r => new { r.Rule, r.History.Alignment }), Json));
    }

    private static void PrintTable(List<RunResult> runs, Summary summary)
    {
        var table = new Table().Title($"Test accuracy (%) after {summary.Epochs} epochs, {Arch(summary.Sizes)}, {summary.TrainSamples} training images");
        table.AddColumn("init");
        table.AddColumn("rule");
        table.AddColumn("η per layer");
        table.AddColumn(new TableColumn("accuracy").RightAligned());
        table.AddColumn(new TableColumn("vs backprop (pp)").RightAligned());
        table.AddColumn(new TableColumn("seconds").RightAligned());
        foreach (var group in runs.GroupBy(r => r.Init))
        {
            var bp = group.First(r => r.Rule == nameof(LearningRule.Backprop)).History.TestAccuracy[^1];
            foreach (var r in group)
            {
                var acc = r.History.TestAccuracy[^1];
                table.AddRow(group.Key, r.Label, string.Join(", ", r.Rates.Select(v => v.ToString(CultureInfo.InvariantCulture))), (100 * acc).ToString("F2", CultureInfo.InvariantCulture),
                    (100 * (acc - bp)).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture), r.History.Seconds.ToString("F0", CultureInfo.InvariantCulture));
            }
        }

        AnsiConsole.Write(table);
        AnsiConsole.WriteLine($"Wall time {summary.WallSeconds:F0} s, {summary.Threads} thread(s).");
    }

    /// <summary>Seeds, builds the network (the same W, b and Y for every rule at one seed) and trains one run.</summary>
    internal static TrainingHistory Train(FashionMnist data, int[] sizes, double gain, BurstRuleRun run, BurstExperimentSettings settings, int alignEvery, IProgress<TrainingProgress>? progress)
    {
        var options = run.Options(sizes.Length - 1, settings.Epochs, settings.Batch, settings.Seed, alignEvery, settings.LrScale);
        manual_seed(settings.Seed);
        var kind = run.Rule switch { LearningRule.BurstCcn => FeedbackKind.BurstCcn, LearningRule.Burstprop => FeedbackKind.Burstprop, _ => FeedbackKind.None };
        using var network = BurstNetwork.Create(sizes, new NetworkInit(WeightGain: gain), kind, options.BurstCcnInEffect.PBaseline);
        return BurstTrainer.Train(network, data, options, progress);
    }

    private static string Arch(int[] sizes) => string.Join("-", sizes);

    internal sealed class Progress(ProgressTask task) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            task.MaxValue = value.TotalSteps;
            task.Value = value.Step;
        }
    }

    private sealed record RunResult(string Init, double Gain, string Rule, string Label, double[] Rates, bool LearnFeedback, TrainingHistory History);

    private sealed record Summary(int[] Sizes, int Epochs, int Batch, long Seed, int Threads, int TrainSamples, string Rates, double WallSeconds, List<RunResult> Runs);
}
