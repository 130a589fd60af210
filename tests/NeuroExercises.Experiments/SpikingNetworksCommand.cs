using System.CommandLine;
using NeuroExercises.Week02.BurstCreditAssignment;

namespace NeuroExercises.Experiments;

/// <summary>
/// <c>spiking-networks</c>: week 4's figures — LIF membrane traces and rasters, f-I curves, spike codes of a few Fashion-MNIST
/// images, the surrogate derivatives, and the training of the week's 784 → H → 10 spiking network on Fashion-MNIST by BPTT
/// with the surrogate gradient and Adam (PNG with CSV and JSON of their numbers).
/// </summary>
internal static class SpikingNetworksCommand
{
    private static readonly Option<string> Out = new("--out")
    {
        Description = "Folder for the PNG figures and their numbers.",
        DefaultValueFactory = _ => Path.Combine("docs", "figures", "spiking-networks"),
    };

    private static readonly Option<int> Hidden = new("--hidden")
    {
        Description = "Hidden LIF neurons H (snnTorch tutorial 5: 1000).",
        DefaultValueFactory = _ => 1000,
    };

    private static readonly Option<int> Epochs = new("--epochs")
    {
        Description = "Training epochs over the (limited) training set. The default (4) is sized for under 10 min on a shared 2-core machine; --long is 15 epochs.",
        DefaultValueFactory = _ => 4,
    };

    private static readonly Option<bool> Long = new("--long")
    {
        Description = "A longer run: 15 epochs over all 60000 training images (overrides --epochs and --train-limit).",
    };

    private static readonly Option<int> Batch = new("--batch")
    {
        Description = "Minibatch size (snnTorch tutorial 5: 128).",
        DefaultValueFactory = _ => 128,
    };

    private static readonly Option<int> Steps = new("--steps")
    {
        Description = "Time steps T each image is presented (snn_net.npz: 25).",
        DefaultValueFactory = _ => 25,
    };

    private static readonly Option<double> LearningRate = new("--lr")
    {
        Description = "Adam's learning rate (snnTorch tutorial 5: 5e-4).",
        DefaultValueFactory = _ => 5e-4,
    };

    private static readonly Option<int?> TrainLimit = new("--train-limit")
    {
        Description = "Use only the first N training images (default: all 60000).",
    };

    private static readonly Option<long> Seed = new("--seed")
    {
        Description = "Seed of the initial weights, the batch order and the rate code.",
        DefaultValueFactory = _ => 0,
    };

    private static readonly Option<int> Threads = new("--threads")
    {
        Description = "torch intra-op threads (1 is fastest on a shared 2-core machine: 2 OpenMP threads stall each other under load).",
        DefaultValueFactory = _ => 1,
    };

    private static readonly Option<bool> SkipTraining = new("--skip-training")
    {
        Description = "Only the figures that need no training (LIF traces, f-I curve, surrogates, spike codes): seconds, not minutes.",
    };

    private static readonly Option<string> Loss = new("--loss")
    {
        Description = "The training loss: membrane (Σ_t CE(U²_t, y), snnTorch tutorial 5's, the default), count (CE of the output spike counts) or rate (the mean over t of CE(S²_t, y)); the last two are the week's SnnTraining.SpikeLosses, differentiated through the surrogate.",
        DefaultValueFactory = _ => "membrane",
    };

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var command = new Command("spiking-networks", "Week 4: LIF traces and rasters, f-I curves, spike codes, surrogates; a spiking network trained on Fashion-MNIST.")
        {
            Out, Hidden, Epochs, Long, Batch, Steps, LearningRate, TrainLimit, Seed, Threads, SkipTraining, Loss,
        };
        command.SetAction(parse =>
        {
            var isLong = parse.GetValue(Long);
            var settings = new SpikingExperimentSettings(
                parse.GetValue(Out)!, parse.GetValue(Hidden), isLong ? 15 : parse.GetValue(Epochs), parse.GetValue(Batch), parse.GetValue(Steps),
                parse.GetValue(LearningRate), isLong ? null : parse.GetValue(TrainLimit), parse.GetValue(Seed), parse.GetValue(Threads), parse.GetValue(SkipTraining),
                parse.GetValue(Loss)!);
            if (settings.Loss is not ("membrane" or "count" or "rate"))
            {
                Console.Error.WriteLine($"--loss {settings.Loss}: give membrane, count or rate.");
                return ExitCodes.Usage;
            }

            if (settings.Hidden < 1 || settings.Epochs < 1 || settings.Batch < 1 || settings.Steps < 1 || settings.Threads < 1 || settings.LearningRate <= 0)
            {
                Console.Error.WriteLine("options: --hidden, --epochs, --batch, --steps, --threads ≥ 1 and --lr > 0.");
                return ExitCodes.Usage;
            }

            if (!FashionMnist.IsAvailable())
            {
                Console.Error.WriteLine($"Fashion-MNIST is not in {FashionMnist.DefaultFolder}: apt-get install dataset-fashion-mnist (./setup.sh does), or set NEURO_FASHION_MNIST_DIR.");
                return ExitCodes.NoData;
            }

            return SpikingExperiment.Run(settings);
        });
        return command;
    }
}
