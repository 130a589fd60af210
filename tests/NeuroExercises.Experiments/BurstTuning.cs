using System.Globalization;
using System.Text;
using System.Text.Json;
using NeuroExercises.Core.Plots;
using NeuroExercises.Week02.BurstCreditAssignment;
using Spectre.Console;
using static TorchSharp.torch;

namespace NeuroExercises.Experiments;

/// <summary>
/// <c>burst-credit-assignment --tune</c>: every candidate of <see cref="BurstRuleRun.Candidates"/> is trained from the normal
/// initialisation on the training images minus the last <c>--validation</c> ones and scored on those held-out images (never on
/// the test set); each rule's best final validation accuracy is its tuned rate. Writes tuning.png, tuning.csv and tuning.json.
/// </summary>
internal static class BurstTuning
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Runs the search and writes its figure and numbers.</summary>
    /// <param name="settings">The experiment's settings (architecture, epochs, batch, seed, threads, validation size).</param>
    /// <returns>The exit code.</returns>
    public static int Run(BurstExperimentSettings settings)
    {
        set_num_threads(settings.Threads);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var all = FashionMnist.Load(trainLimit: settings.TrainLimit);
        if (settings.Validation < 1 || settings.Validation >= all.TrainImages.shape[0])
        {
            Console.Error.WriteLine($"--validation {settings.Validation}: hold out between 1 and {all.TrainImages.shape[0] - 1} training images.");
            return ExitCodes.Usage;
        }

        using var data = all.HoldOut(settings.Validation);
        int[] sizes = [784, .. settings.Hidden, 10];
        var results = new List<Candidate>();
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var tasks = BurstRuleRun.Candidates.Select(r => (r, ctx.AddTask($"{r.Label} η = {r.RatesText}", autoStart: false))).ToList();
                foreach (var (run, task) in tasks)
                {
                    task.StartTask();
                    var history = BurstExperiment.Train(data, sizes, 1.0, run, settings, 0, new BurstExperiment.Progress(task));
                    task.Value = task.MaxValue;
                    task.StopTask();
                    results.Add(new Candidate(run.Name, run.Label, run.RatesFor(sizes.Length - 1), run.LearnFeedback, history.TestAccuracy, history.Seconds));
                }
            });

        var best = results.GroupBy(r => r.Rule).Select(g => g.MaxBy(r => r.Accuracy[^1])!).ToList();
        var folder = settings.OutFolder;
        Directory.CreateDirectory(folder);
        var epochs = Enumerable.Range(0, settings.Epochs + 1).Select(e => (double)e).ToArray();
        var panels = results.GroupBy(r => r.Label).Select(g => new PanelSpec(
            g.Key, "epoch", $"accuracy on {settings.Validation} held-out images (%)", epochs,
            [.. g.Select(r => new PlotSeries($"η = {Text(r.Rates)}", [.. r.Accuracy.Select(a => 100 * a)]))])).ToList();
        PlotPng.Grid(Path.Combine(folder, "tuning.png"), panels, columns: 3, panelWidth: 520, panelHeight: 400);
        var csv = new StringBuilder("rule,rates,learn_feedback,epoch,validation_accuracy\n");
        foreach (var r in results)
        {
            for (var e = 0; e < r.Accuracy.Count; e++)
            {
                csv.AppendLine(CultureInfo.InvariantCulture, $"{r.Rule},\"{Text(r.Rates)}\",{r.LearnFeedback},{e},{r.Accuracy[e]:F4}");
            }
        }

        File.WriteAllText(Path.Combine(folder, "tuning.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(folder, "tuning.json"), JsonSerializer.Serialize(new
        {
            Sizes = sizes, settings.Epochs, settings.Batch, settings.Seed, settings.Threads, settings.Validation,
            TrainSamples = data.TrainImages.shape[0], WallSeconds = clock.Elapsed.TotalSeconds, Best = best, Candidates = results,
        }, Json));

        var table = new Table().Title($"Validation accuracy (%) after {settings.Epochs} epochs, {string.Join("-", sizes)}, trained on {data.TrainImages.shape[0]}, validated on {settings.Validation}");
        table.AddColumn("rule");
        table.AddColumn("η per layer");
        table.AddColumn(new TableColumn("accuracy").RightAligned());
        table.AddColumn("best");
        foreach (var r in results)
        {
            table.AddRow(r.Label, Text(r.Rates), (100 * r.Accuracy[^1]).ToString("F2", CultureInfo.InvariantCulture), best.Contains(r) ? "◀" : "");
        }

        AnsiConsole.Write(table);
        AnsiConsole.WriteLine($"Wall time {clock.Elapsed.TotalSeconds:F0} s, {settings.Threads} thread(s). Figures and numbers in {folder}.");
        return ExitCodes.Ok;
    }

    private static string Text(IEnumerable<double> rates) => string.Join(", ", rates.Select(r => r.ToString(CultureInfo.InvariantCulture)));

    private sealed record Candidate(string Rule, string Label, double[] Rates, bool LearnFeedback, IReadOnlyList<double> Accuracy, double Seconds);
}
