using System.Globalization;
using System.Text;
using System.Text.Json;
using NeuroExercises.Core.Plots;
using NeuroExercises.Week06.LearningRules;
using Spectre.Console;
using static TorchSharp.torch;
using FashionMnist = NeuroExercises.Week02.BurstCreditAssignment.FashionMnist;

namespace NeuroExercises.Experiments;

/// <summary>
/// The week-6 runs, in this order: load Fashion-MNIST (week 2's loader, Core's IDX reader) as float64 columns → one
/// permutation cut into fixed batches → for each rule, from the same initial weights, <see cref="RuleTrainer.Train"/> →
/// Hebb vs Oja on 2-D Gaussian data → the reward rule with and without a baseline over several seeds → figures and numbers.
/// </summary>
internal static class LearningRulesExperiment
{
    private static readonly LearningRule[] Rules =
        [LearningRule.Backprop, LearningRule.KolenPollack, LearningRule.FeedbackAlignment, LearningRule.NodePerturbation, LearningRule.WeightPerturbation];

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Runs everything and writes the figures.</summary>
    public static int Run(LearningRulesSettings settings)
    {
        if (!FashionMnist.IsAvailable())
        {
            Console.Error.WriteLine($"Fashion-MNIST is not in {FashionMnist.DefaultFolder}: install Debian's dataset-fashion-mnist (./setup.sh does).");
            return ExitCodes.NoData;
        }

        set_num_threads(settings.Threads);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        using var data = FashionMnist.Load(trainLimit: settings.TrainLimit > 0 ? settings.TrainLimit : null);
        var xTrain = data.TrainImages.to(float64).t().contiguous();
        var tTrain = FashionMnist.OneHot(data.TrainLabels).to(float64).t().contiguous();
        var xTest = data.TestImages.to(float64).t().contiguous();
        var tTest = FashionMnist.OneHot(data.TestLabels).to(float64).t().contiguous();
        var samples = xTrain.shape[1];
        var batchCount = samples / settings.Batch;
        using var generator = new Generator((ulong)settings.Seed);
        var batches = randperm(samples, generator: generator)[..(int)(batchCount * settings.Batch)].reshape(batchCount, settings.Batch);
        var initial = MlpWeights.Random(settings.Hidden, (ulong)settings.Seed + 1);
        var options = new RuleTrainingOptions(settings.LearningRate, Sigma, KpDecay, settings.Epochs, SnrSamples);
        var runs = new List<RuleRun>();
        var decayRuns = new List<KpDecayRun>();
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var tasks = Rules.Select(r => (r, ctx.AddTask(Label(r), autoStart: false, maxValue: settings.Epochs * batchCount))).ToList();
                var decayTask = settings.KpDecays.Length > 0 ? ctx.AddTask("Kolen–Pollack λ study", autoStart: false, maxValue: settings.KpDecays.Length * settings.Epochs * batchCount) : null;
                var extras = ctx.AddTask("Hebb/Oja, reward", autoStart: false, maxValue: 2);
                foreach (var (rule, task) in tasks)
                {
                    task.StartTask();
                    var watch = System.Diagnostics.Stopwatch.StartNew();
                    using var runScope = NewDisposeScope();
                    using var noise = new GaussianNoise(Sigma, (ulong)settings.Seed + 2);
                    var run = RuleTrainer.Train(rule, initial, xTrain, tTrain, xTest, tTest, batches, options, noise, new Progress<int>(v => task.Value = v));
                    runs.Add(new RuleRun(Label(rule), run.Losses.Chunk((int)batchCount).Select(c => c.Average()).ToArray(), run.TestAccuracy, run.TestLoss, run.Cosine,
                        run.Snr, run.LossFinal, watch.Elapsed.TotalSeconds, [.. run.Losses.Chunk(LossWindow).Select(c => c.Average())]));
                    task.Value = task.MaxValue;
                    task.StopTask();
                }

                if (decayTask is not null)
                {
                    decayTask.StartTask();
                    for (var i = 0; i < settings.KpDecays.Length; i++)
                    {
                        var lambda = settings.KpDecays[i];
                        using var runScope = NewDisposeScope();
                        using var noise = new GaussianNoise(Sigma, (ulong)settings.Seed + 2);
                        var offset = i * settings.Epochs * batchCount;
                        var run = RuleTrainer.Train(LearningRule.KolenPollack, initial, xTrain, tTrain, xTest, tTest, batches, options with { KpDecay = lambda }, noise,
                            new Progress<int>(v => decayTask.Value = offset + v));
                        var n = settings.Hidden;
                        var forward = run.Wy[.., ..n].t();
                        decayRuns.Add(new KpDecayRun(lambda, run.TestAccuracy, run.TestLoss, run.Cosine, run.Wy[.., ..n].norm().item<double>(),
                            (forward - run.B).norm().item<double>() / forward.norm().item<double>()));
                    }

                    decayTask.Value = decayTask.MaxValue;
                    decayTask.StopTask();
                }

                extras.StartTask();
                hebbOja = HebbOja(settings.Seed);
                extras.Increment(1);
                reward = RewardCurves(settings.Seed);
                extras.Increment(1);
                extras.StopTask();
            });

        var folder = settings.OutFolder;
        Directory.CreateDirectory(folder);
        var title = $"Fashion-MNIST, 784-{settings.Hidden}-10 sigmoid, batch {settings.Batch}, η {settings.LearningRate.ToString(CultureInfo.InvariantCulture)}";
        RulesFigure(folder, runs, title);
        HebbOjaFigure(folder, hebbOja!);
        RewardFigure(folder, reward!);
        if (decayRuns.Count > 0)
        {
            DecayFigure(folder, decayRuns, runs.First(r => r.Rule == Label(LearningRule.FeedbackAlignment)), runs.First(r => r.Rule == Label(LearningRule.Backprop)));
        }

        var summary = new Summary(settings, (int)samples, (int)batchCount, clock.Elapsed.TotalSeconds, runs, decayRuns);
        File.WriteAllText(Path.Combine(folder, "runs.json"), JsonSerializer.Serialize(summary, Json));
        PrintTable(runs, summary);
        return ExitCodes.Ok;
    }

    private const double Sigma = 0.1;

    private const double KpDecay = 0.1;

    private const int SnrSamples = 100;

    /// <summary>Updates averaged into one point of the training-loss curve.</summary>
    private const int LossWindow = 100;

    private static HebbOjaResult? hebbOja;

    private static RewardResult? reward;

    private static void RulesFigure(string folder, List<RuleRun> runs, string title)
    {
        var epochs = Enumerable.Range(1, runs[0].TestAccuracy.Length).Select(e => (double)e).ToArray();
        var updates = Enumerable.Range(1, runs[0].LossCurve.Length).Select(i => (double)(i * LossWindow)).ToArray();
        var panels = new[]
        {
            new PanelSpec(title, "epoch", "test accuracy (%)", epochs, [.. runs.Select(r => new PlotSeries(r.Rule, r.TestAccuracy))]),
            new PanelSpec($"Training loss Σ_o (t − y)², mean over {LossWindow} updates", "updates", "loss", updates, [.. runs.Select(r => new PlotSeries(r.Rule, r.LossCurve))]),
            new PanelSpec("Test loss", "epoch", "loss", epochs, [.. runs.Select(r => new PlotSeries(r.Rule, r.TestLoss))]),
            new PanelSpec("cos(ΔW_h of the rule, backprop's) on the test set", "epoch", "cosine", epochs, [.. runs.Select(r => new PlotSeries(r.Rule, r.Cosine))]),
        };
        PlotPng.Grid(Path.Combine(folder, "rules.png"), panels, columns: 2, panelWidth: 620, panelHeight: 420);
        var csv = new StringBuilder("rule,epoch,test_accuracy,test_loss,train_loss_mean,cosine_to_backprop\n");
        foreach (var r in runs)
        {
            for (var e = 0; e < r.TestAccuracy.Length; e++)
            {
                csv.AppendLine(CultureInfo.InvariantCulture, $"{r.Rule},{e + 1},{r.TestAccuracy[e]:F2},{r.TestLoss[e]:F6},{r.TrainLoss[e]:F6},{r.Cosine[e]:F5}");
            }
        }

        File.WriteAllText(Path.Combine(folder, "rules.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(folder, "rules.json"), JsonSerializer.Serialize(runs, Json));
    }

    private static void DecayFigure(string folder, List<KpDecayRun> decays, RuleRun fa, RuleRun bp)
    {
        var epochs = Enumerable.Range(1, decays[0].TestAccuracy.Length).Select(e => (double)e).ToArray();
        static string Name(double decay) => $"KP λ = {decay.ToString(CultureInfo.InvariantCulture)}";
        var panels = new[]
        {
            new PanelSpec("Kolen–Pollack by decay λ: test accuracy", "epoch", "test accuracy (%)", epochs,
                [.. decays.Select(d => new PlotSeries(Name(d.Decay), d.TestAccuracy)), new PlotSeries("backprop", bp.TestAccuracy), new PlotSeries("feedback alignment", fa.TestAccuracy)]),
            new PanelSpec("cos(ΔW_h, backprop's) on the test set", "epoch", "cosine", epochs,
                [.. decays.Select(d => new PlotSeries(Name(d.Decay), d.Cosine)), new PlotSeries("backprop", bp.Cosine), new PlotSeries("feedback alignment", fa.Cosine)],
                LegendPlace.MiddleRight), // the lines sit near 1 and near 0.8
        };
        PlotPng.Grid(Path.Combine(folder, "kp-decay.png"), panels, columns: 2, panelWidth: 620, panelHeight: 420);
        var csv = new StringBuilder("decay,epoch,test_accuracy,test_loss,cosine_to_backprop,final_forward_norm,final_mismatch\n");
        foreach (var d in decays)
        {
            for (var e = 0; e < d.TestAccuracy.Length; e++)
            {
                csv.AppendLine(CultureInfo.InvariantCulture, $"{d.Decay},{e + 1},{d.TestAccuracy[e]:F2},{d.TestLoss[e]:F6},{d.Cosine[e]:F5},{d.ForwardNorm:G6},{d.Mismatch:G6}");
            }
        }

        File.WriteAllText(Path.Combine(folder, "kp-decay.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(folder, "kp-decay.json"), JsonSerializer.Serialize(decays, Json));
        foreach (var d in decays)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Kolen–Pollack λ = {d.Decay}: test accuracy {string.Join(" → ", d.TestAccuracy.Select(a => a.ToString("F2", CultureInfo.InvariantCulture)))} %, cos to backprop {d.Cosine[^1]:F3}, ‖W_y[:, :N]‖ {d.ForwardNorm:F3}, ‖W_yᵀ − B‖/‖W_y‖ {d.Mismatch:G3}"));
        }
    }

    /// <summary>2-D data: principal axis at 30°, standard deviations 1 and 0.4; 1000 samples, η = 0.01, w₀ = 0.5 (cos 110°, sin 110°).</summary>
    private static HebbOjaResult HebbOja(int seed)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed + 71);
        var angle = Math.PI / 6;
        var q = tensor(new[] { Math.Cos(angle), -Math.Sin(angle), Math.Sin(angle), Math.Cos(angle) }, [2, 2], float64);
        var x = randn([1000, 2], dtype: float64, generator: generator) * tensor(new[] { 1.0, 0.4 }, float64);
        x = x.matmul(q.t());
        var w0 = tensor(new[] { 0.5 * Math.Cos(110 * Math.PI / 180), 0.5 * Math.Sin(110 * Math.PI / 180) }, float64);
        var axis = q[.., 0].contiguous();
        var oja = Hebbian.Oja(x, w0, 0.01, 10);
        var hebb = Hebbian.Hebb(x, w0, 0.01, 10);
        return new HebbOjaResult(
            [.. Enumerable.Range(0, 101).Select(i => i * 10.0)], Rows(oja), Rows(hebb),
            Hebbian.AnglesToAxis(oja, axis).data<double>().ToArray(), Hebbian.AnglesToAxis(hebb, axis).data<double>().ToArray(),
            linalg.vector_norm(oja, dims: [1]).data<double>().ToArray(), linalg.vector_norm(hebb, dims: [1]).data<double>().ToArray(),
            [Math.Cos(angle), Math.Sin(angle)]);
    }

    private static double[][] Rows(Tensor w) => [.. Enumerable.Range(0, (int)w.shape[0]).Select(i => w[i].data<double>().ToArray())];

    /// <summary>The README's reward task (W* = 0.5 N(0, 1)/√5 [2, 5], σ = 0.2, η = 0.002, α = 0.05, 2000 trials) over 10 seeds.</summary>
    private static RewardResult RewardCurves(int seed)
    {
        const int seeds = 10;
        var withBase = new List<double[]>();
        var without = new List<double[]>();
        var varRatio = new List<double>();
        for (var s = 0; s < seeds; s++)
        {
            using var scope = NewDisposeScope();
            using var generator = new Generator((ulong)(seed + 1000 + s));
            var wStar = randn([2, 5], dtype: float64, generator: generator) * (0.5 / Math.Sqrt(5));
            var x = randn([2000, 5], dtype: float64, generator: generator);
            var xi = randn([2000, 2], dtype: float64, generator: generator) * 0.2;
            var xEval = randn([500, 5], dtype: float64, generator: generator);
            var a = RewardLearning.Run(x, xi, wStar, zeros(2, 5, dtype: float64), xEval, 0.002, 0.05, 0.2, 0, 100);
            var b = RewardLearning.Run(x, xi, wStar, zeros(2, 5, dtype: float64), xEval, 0.002, 0, 0.2, 0, 100);
            withBase.Add(a.EvalLoss.data<double>().ToArray());
            without.Add(b.EvalLoss.data<double>().ToArray());
            double Variance(RewardRun run) => (((run.Rewards - run.Baselines).reshape(-1, 1, 1) * xi.unsqueeze(2) * x.unsqueeze(1))[500..] * 0.05).var(0, unbiased: false).sum().item<double>();
            varRatio.Add(Variance(a) / Variance(b));
        }

        var trials = Enumerable.Range(0, 21).Select(i => i * 100.0).ToArray();
        double[] Mean(List<double[]> c) => [.. Enumerable.Range(0, 21).Select(i => c.Average(r => r[i]))];
        double[] Sd(List<double[]> c) => [.. Enumerable.Range(0, 21).Select(i => Math.Sqrt(c.Average(r => Math.Pow(r[i] - c.Average(q => q[i]), 2))))];
        return new RewardResult(trials, Mean(withBase), Sd(withBase), Mean(without), Sd(without), [.. varRatio]);
    }

    private static void HebbOjaFigure(string folder, HebbOjaResult r)
    {
        var unitOja = r.Oja.Select(w => w.Select(v => v / Math.Sqrt((w[0] * w[0]) + (w[1] * w[1]))).ToArray()).ToArray();
        var unitHebb = r.Hebb.Select(w => w.Select(v => v / Math.Sqrt((w[0] * w[0]) + (w[1] * w[1]))).ToArray()).ToArray();
        var panels = new[]
        {
            new PanelSpec("Weight direction w/‖w‖ against the principal axis", "w₁/‖w‖", "w₂/‖w‖", [],
            [
                new PlotSeries("Oja", [.. unitOja.Select(w => w[1])], X: [.. unitOja.Select(w => w[0])]),
                new PlotSeries("Hebb", [.. unitHebb.Select(w => w[1])], X: [.. unitHebb.Select(w => w[0])]),
                new PlotSeries("principal axis", [0, r.Axis[1]], X: [0, r.Axis[0]]),
            ]),
            new PanelSpec("Angle to the principal axis", "samples", "degrees", r.Steps, [new PlotSeries("Oja", r.OjaAngle), new PlotSeries("Hebb", r.HebbAngle)]),
            new PanelSpec("log₁₀ ‖w‖ (Oja → 0, Hebb grows without bound)", "samples", "log₁₀ ‖w‖", r.Steps,
                [new PlotSeries("Oja", [.. r.OjaNorm.Select(Math.Log10)]), new PlotSeries("Hebb", [.. r.HebbNorm.Select(Math.Log10)])]),
        };
        PlotPng.Grid(Path.Combine(folder, "hebb-oja.png"), panels, columns: 3, panelWidth: 480, panelHeight: 400);
        var csv = new StringBuilder("samples,oja_w1,oja_w2,oja_norm,oja_angle,hebb_w1,hebb_w2,hebb_norm,hebb_angle\n");
        for (var i = 0; i < r.Steps.Length; i++)
        {
            csv.AppendLine(CultureInfo.InvariantCulture, $"{r.Steps[i]},{r.Oja[i][0]:G9},{r.Oja[i][1]:G9},{r.OjaNorm[i]:G9},{r.OjaAngle[i]:G9},{r.Hebb[i][0]:G9},{r.Hebb[i][1]:G9},{r.HebbNorm[i]:G9},{r.HebbAngle[i]:G9}");
        }

        File.WriteAllText(Path.Combine(folder, "hebb-oja.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(folder, "hebb-oja.json"), JsonSerializer.Serialize(r, Json));
    }

    private static void RewardFigure(string folder, RewardResult r)
    {
        var panel = new PanelSpec("Reward-modulated learning (10 seeds, mean ± s.d.)", "trials", "evaluation loss ‖(W − W*) x‖²", r.Trials,
        [
            new PlotSeries("with baseline (α = 0.05)", r.WithBaseline, r.WithBaselineSd, ErrorStyle.Band),
            new PlotSeries("without baseline", r.Without, r.WithoutSd, ErrorStyle.Band),
        ]);
        PlotPng.Lines(Path.Combine(folder, "reward.png"), panel, 720, 480);
        var csv = new StringBuilder("trials,with_baseline_mean,with_baseline_sd,without_mean,without_sd\n");
        for (var i = 0; i < r.Trials.Length; i++)
        {
            csv.AppendLine(CultureInfo.InvariantCulture, $"{r.Trials[i]},{r.WithBaseline[i]:G6},{r.WithBaselineSd[i]:G6},{r.Without[i]:G6},{r.WithoutSd[i]:G6}");
        }

        File.WriteAllText(Path.Combine(folder, "reward.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(folder, "reward.json"), JsonSerializer.Serialize(r, Json));
    }

    private static void PrintTable(List<RuleRun> runs, Summary summary)
    {
        var table = new Table().Title($"After {summary.Settings.Epochs} epoch(s) on {summary.TrainSamples} Fashion-MNIST images, 784-{summary.Settings.Hidden}-10");
        table.AddColumn("rule");
        table.AddColumn(new TableColumn("test accuracy (%)").RightAligned());
        table.AddColumn(new TableColumn("test loss").RightAligned());
        table.AddColumn(new TableColumn("cos to backprop").RightAligned());
        table.AddColumn(new TableColumn("SNR at init").RightAligned());
        table.AddColumn(new TableColumn("seconds").RightAligned());
        foreach (var r in runs)
        {
            table.AddRow(r.Rule, r.TestAccuracy[^1].ToString("F2", CultureInfo.InvariantCulture), r.TestLoss[^1].ToString("F4", CultureInfo.InvariantCulture),
                r.Rule == "backprop" ? "1" : r.Cosine[^1].ToString("F3", CultureInfo.InvariantCulture),
                double.IsNaN(r.Snr) ? "—" : r.Snr.ToString("F3", CultureInfo.InvariantCulture), r.Seconds.ToString("F0", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Oja: ‖w‖ {hebbOja!.OjaNorm[^1]:F4}, angle {hebbOja.OjaAngle[0]:F1}° → {hebbOja.OjaAngle[^1]:F3}°; Hebb: ‖w‖ {hebbOja.HebbNorm[0]:F2} → {hebbOja.HebbNorm[^1]:G4}, angle → {hebbOja.HebbAngle[^1]:F3}°."));
        AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Reward: eval loss after 500 / 2000 trials with baseline {reward!.WithBaseline[5]:F4} / {reward.WithBaseline[^1]:F4}, without {reward.Without[5]:F4} / {reward.Without[^1]:F4}; update variance ratio (trials 500+) {reward.VarianceRatio.Average():F2} (mean of 10 seeds)."));
        AnsiConsole.WriteLine($"Wall time {summary.WallSeconds:F0} s, {summary.Settings.Threads} thread(s).");
    }

    private static string Label(LearningRule rule) => rule switch
    {
        LearningRule.Backprop => "backprop",
        LearningRule.FeedbackAlignment => "feedback alignment",
        LearningRule.KolenPollack => "Kolen–Pollack",
        LearningRule.NodePerturbation => "node perturbation",
        LearningRule.WeightPerturbation => "weight perturbation",
        _ => rule.ToString(),
    };

    private sealed record RuleRun(string Rule, double[] TrainLoss, double[] TestAccuracy, double[] TestLoss, double[] Cosine, double Snr, double LossFinal, double Seconds, double[] LossCurve);

    private sealed record HebbOjaResult(double[] Steps, double[][] Oja, double[][] Hebb, double[] OjaAngle, double[] HebbAngle, double[] OjaNorm, double[] HebbNorm, double[] Axis);

    private sealed record RewardResult(double[] Trials, double[] WithBaseline, double[] WithBaselineSd, double[] Without, double[] WithoutSd, double[] VarianceRatio);

    private sealed record Summary(LearningRulesSettings Settings, int TrainSamples, int Batches, double WallSeconds, List<RuleRun> Runs, List<KpDecayRun> KpDecayRuns);

    /// <summary>One Kolen–Pollack run of the decay study: per epoch as <see cref="RuleRun"/>; after training ‖W_y[:, :N]‖ and ‖W_y[:, :N]ᵀ − B‖ / ‖W_y[:, :N]‖.</summary>
    private sealed record KpDecayRun(double Decay, double[] TestAccuracy, double[] TestLoss, double[] Cosine, double ForwardNorm, double Mismatch);
}
