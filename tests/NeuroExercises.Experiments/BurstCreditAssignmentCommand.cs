using System.CommandLine;
using System.Globalization;
using NeuroExercises.Week02.BurstCreditAssignment;

namespace NeuroExercises.Experiments;

/// <summary>
/// <c>burst-credit-assignment</c>: trains backprop, feedback alignment, Burstprop and BurstCCN on Fashion-MNIST with the same
/// architecture, initial weights and epochs, and writes the figures (PNG) with their numbers (CSV and JSON).
/// </summary>
internal static class BurstCreditAssignmentCommand
{
    private static readonly Option<string> Out = new("--out")
    {
        Description = "Folder for the PNG figures and their numbers.",
        DefaultValueFactory = _ => Path.Combine("docs", "figures", "burst-credit-assignment"),
    };

    private static readonly Option<string> Hidden = new("--hidden")
    {
        Description = "Hidden layer sizes, comma-separated (the papers' 3 × 500: --hidden 500,500,500 or --paper).",
        DefaultValueFactory = _ => "256,256",
    };

    private static readonly Option<bool> Paper = new("--paper")
    {
        Description = "The papers' architecture, 784 → 500 → 500 → 500 → 10 (overrides --hidden).",
    };

    private static readonly Option<int> Epochs = new("--epochs")
    {
        Description = "Epochs of every run (10: the default run, 10 trainings).",
        DefaultValueFactory = _ => 10,
    };

    private static readonly Option<int> Batch = new("--batch")
    {
        Description = "Batch size.",
        DefaultValueFactory = _ => 32,
    };

    private static readonly Option<long> Seed = new("--seed")
    {
        Description = "Seed of the initial weights and the batch order.",
        DefaultValueFactory = _ => 0,
    };

    private static readonly Option<int> Threads = new("--threads")
    {
        Description = "torch intra-op threads (1 is fastest for these small matrices on a shared 2-core machine).",
        DefaultValueFactory = _ => 1,
    };

    private static readonly Option<int?> TrainLimit = new("--train-limit")
    {
        Description = "Use only the first N training images (default: all 60000).",
    };

    private static readonly Option<double> PoorGain = new("--poor-gain")
    {
        Description = "Xavier gain of W for the poor-initialisation runs (the normal runs use 1).",
        DefaultValueFactory = _ => 0.1,
    };

    private static readonly Option<bool> SkipPoor = new("--skip-poor-init")
    {
        Description = "Do not run the poor-initialisation comparison.",
    };

    private static readonly Option<double> LrScale = new("--lr-scale")
    {
        Description = "Multiply every rule's default learning rates by this (TrainingOptions' defaults).",
        DefaultValueFactory = _ => 1.0,
    };

    private static readonly Option<int> AlignEvery = new("--align-every")
    {
        Description = "Measure the alignment with backprop every this many steps.",
        DefaultValueFactory = _ => 200,
    };

    private static readonly Option<string> RatesPreset = new("--rates")
    {
        Description = "Learning rates: tuned (each rule's best on a validation split, --tune) or defaults (TrainingOptions' untuned rates).",
        DefaultValueFactory = _ => "tuned",
    };

    private static readonly Option<bool> Tune = new("--tune")
    {
        Description = "Search each rule's learning rates on a validation split (the last --validation training images) instead of the runs.",
    };

    private static readonly Option<int> Validation = new("--validation")
    {
        Description = "Training images held out for --tune (the last ones).",
        DefaultValueFactory = _ => 10000,
    };

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var command = new Command("burst-credit-assignment", "Week 2: backprop, feedback alignment, Burstprop and BurstCCN on Fashion-MNIST (accuracy, poor initialisation, alignment).")
        {
            Out, Hidden, Paper, Epochs, Batch, Seed, Threads, TrainLimit, PoorGain, SkipPoor, AlignEvery, LrScale, RatesPreset, Tune, Validation,
        };
        command.SetAction(parse =>
        {
            int[] hidden;
            try
            {
                hidden = parse.GetValue(Paper) ? [500, 500, 500] : [.. parse.GetValue(Hidden)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
            }
            catch (FormatException)
            {
                Console.Error.WriteLine($"--hidden {parse.GetValue(Hidden)}: give sizes as comma-separated integers, e.g. 256,256.");
                return ExitCodes.Usage;
            }

            var preset = parse.GetValue(RatesPreset)!;
            if (BurstRuleRun.Preset(preset) is null)
            {
                Console.Error.WriteLine($"--rates {preset}: give tuned or defaults.");
                return ExitCodes.Usage;
            }

            var settings = new BurstExperimentSettings(
                parse.GetValue(Out)!, hidden, parse.GetValue(Epochs), parse.GetValue(Batch), parse.GetValue(Seed), parse.GetValue(Threads),
                parse.GetValue(TrainLimit), parse.GetValue(PoorGain), !parse.GetValue(SkipPoor), parse.GetValue(AlignEvery), parse.GetValue(LrScale),
                preset, parse.GetValue(Validation));
            if (settings.Epochs < 1 || settings.Batch < 1 || settings.Threads < 1 || hidden.Length == 0 || hidden.Any(h => h < 1))
            {
                Console.Error.WriteLine("options: --epochs, --batch, --threads ≥ 1 and at least one hidden size ≥ 1.");
                return ExitCodes.Usage;
            }

            if (!FashionMnist.IsAvailable())
            {
                Console.Error.WriteLine($"Fashion-MNIST is not in {FashionMnist.DefaultFolder}: apt-get install dataset-fashion-mnist (./setup.sh does), or set NEURO_FASHION_MNIST_DIR.");
                return ExitCodes.NoData;
            }

            return parse.GetValue(Tune) ? BurstTuning.Run(settings) : BurstExperiment.Run(settings);
        });
        return command;
    }
}
