using System.CommandLine;

namespace NeuroExercises.Experiments;

/// <summary>
/// <c>learning-rules</c>: week 6's figures — test accuracy, test loss and the cosine to backprop over training on all of
/// Fashion-MNIST for backprop, Kolen–Pollack, feedback alignment, node and weight perturbation on one architecture; Hebb vs
/// Oja trajectories against the principal axis; reward learning curves with and without a baseline (PNG with CSV and JSON).
/// </summary>
internal static class LearningRulesCommand
{
    private static readonly Option<string> Out = new("--out")
    {
        Description = "Folder for the PNG figures and their numbers.",
        DefaultValueFactory = _ => Path.Combine("docs", "figures", "learning-rules"),
    };

    private static readonly Option<int> Epochs = new("--epochs")
    {
        Description = "Epochs over all 60000 training images (the same fixed batches every epoch, as the course).",
        DefaultValueFactory = _ => 2,
    };

    private static readonly Option<int> Hidden = new("--hidden")
    {
        Description = "Hidden units N.",
        DefaultValueFactory = _ => 100,
    };

    private static readonly Option<int> Batch = new("--batch")
    {
        Description = "Batch size m.",
        DefaultValueFactory = _ => 32,
    };

    private static readonly Option<double> LearningRate = new("--lr")
    {
        Description = "η of every rule (Kolen–Pollack's η_back too).",
        DefaultValueFactory = _ => 0.05,
    };

    private static readonly Option<int> TrainLimit = new("--train-limit")
    {
        Description = "Use only the first this many training images (0: all 60000).",
        DefaultValueFactory = _ => 0,
    };

    private static readonly Option<int> Seed = new("--seed")
    {
        Description = "Seed of the weights, the batches and the noise.",
        DefaultValueFactory = _ => 0,
    };

    private static readonly Option<int> Threads = new("--threads")
    {
        Description = "torch intra-op threads.",
        DefaultValueFactory = _ => 1,
    };

    private static readonly Option<string> KpDecays = new("--kp-decays")
    {
        Description = "Kolen–Pollack's decays λ for the decay study (kp-decay.png), comma-separated; 'none' skips it.",
        DefaultValueFactory = _ => "0,0.01,0.1",
    };

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var command = new Command("learning-rules", "Week 6: backprop, Kolen–Pollack, feedback alignment, node and weight perturbation on Fashion-MNIST; Hebb vs Oja; reward baselines.")
        {
            Out, Epochs, Hidden, Batch, LearningRate, TrainLimit, Seed, Threads, KpDecays,
        };
        command.SetAction(parse =>
        {
            var decayText = parse.GetValue(KpDecays)!.Trim();
            var decays = new List<double>();
            if (decayText != "none")
            {
                foreach (var part in decayText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!double.TryParse(part, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var decay) || decay < 0 || double.IsNaN(decay))
                    {
                        Console.Error.WriteLine($"--kp-decays: '{part}' is not a decay λ ≥ 0; give numbers like 0,0.01,0.1 or 'none'.");
                        return ExitCodes.Usage;
                    }

                    decays.Add(decay);
                }
            }

            var settings = new LearningRulesSettings(parse.GetValue(Out)!, parse.GetValue(Epochs), parse.GetValue(Hidden), parse.GetValue(Batch),
                parse.GetValue(LearningRate), parse.GetValue(TrainLimit), parse.GetValue(Seed), parse.GetValue(Threads), [.. decays]);
            if (settings.KpDecays.Any(d => d * settings.LearningRate >= 1))
            {
                Console.Error.WriteLine($"--kp-decays: every λ must keep ηλ < 1 (η = {settings.LearningRate}), or W_y and B would flip sign each step.");
                return ExitCodes.Usage;
            }

            if (settings.Epochs < 1 || settings.Hidden < 1 || settings.Batch < 1 || settings.Threads < 1 || settings.LearningRate <= 0 || settings.TrainLimit < 0)
            {
                Console.Error.WriteLine("options: --epochs, --hidden, --batch, --threads ≥ 1, --lr > 0, --train-limit ≥ 0.");
                return ExitCodes.Usage;
            }

            return LearningRulesExperiment.Run(settings);
        });
        return command;
    }
}
