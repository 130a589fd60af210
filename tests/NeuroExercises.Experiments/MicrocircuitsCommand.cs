using System.CommandLine;

namespace NeuroExercises.Experiments;

/// <summary>
/// <c>microcircuits</c>: week 3's figures — sparsity and R² against the threshold and the number of atoms, contrast-response
/// curves with and without divisive normalization, attention weights, and sparse-AND accuracy against the sequence length
/// for the MLP and one-head self-attention, and the course's CIFARNet with and without LayerNorm tested at lower contrasts
/// (PNG with CSV and JSON of their numbers).
/// </summary>
internal static class MicrocircuitsCommand
{
    private static readonly Option<string> Out = new("--out")
    {
        Description = "Folder for the PNG figures and their numbers.",
        DefaultValueFactory = _ => Path.Combine("docs", "figures", "microcircuits"),
    };

    private static readonly Option<int> Steps = new("--steps")
    {
        Description = "Full-batch Adam steps of each sparse-AND model.",
        DefaultValueFactory = _ => 300,
    };

    private static readonly Option<string> Lengths = new("--bits")
    {
        Description = "Input bit counts of the sparse-AND runs (each gets one more token, the rule), comma-separated.",
        DefaultValueFactory = _ => "8,16,32,64",
    };

    private static readonly Option<int> Seed = new("--seed")
    {
        Description = "Seed of the synthetic signal, the relevant bits, the data and the initial weights.",
        DefaultValueFactory = _ => 0,
    };

    private static readonly Option<int> Threads = new("--threads")
    {
        Description = "torch intra-op threads.",
        DefaultValueFactory = _ => 1,
    };

    private static readonly Option<int> CnnImages = new("--cnn-train")
    {
        Description = "Fashion-MNIST training images of the CIFARNet runs with and without LayerNorm (at most 60000).",
        DefaultValueFactory = _ => 24000,
    };

    private static readonly Option<int> CnnEpochs = new("--cnn-epochs")
    {
        Description = "Epochs of each CIFARNet run (0 skips the LayerNorm experiment).",
        DefaultValueFactory = _ => 2,
    };

    private static readonly Option<double> CnnLearningRate = new("--cnn-lr")
    {
        Description = "SGD learning rate of the CIFARNet runs (momentum 0.9; the goldens' 0.05 made the LayerNorm run diverge here).",
        DefaultValueFactory = _ => 0.01,
    };

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var command = new Command("microcircuits", "Week 3: sparsity, normalization and attention figures; MLP vs self-attention on sparse AND.")
        {
            Out, Steps, Lengths, Seed, Threads, CnnImages, CnnEpochs, CnnLearningRate,
        };
        command.SetAction(parse =>
        {
            int[] bits;
            try
            {
                bits = [.. parse.GetValue(Lengths)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))];
            }
            catch (FormatException)
            {
                Console.Error.WriteLine($"--bits {parse.GetValue(Lengths)}: give bit counts as comma-separated integers, e.g. 8,16,32.");
                return ExitCodes.Usage;
            }

            var steps = parse.GetValue(Steps);
            var threads = parse.GetValue(Threads);
            var cnnImages = parse.GetValue(CnnImages);
            var cnnEpochs = parse.GetValue(CnnEpochs);
            if (steps < 1 || threads < 1 || bits.Length == 0 || bits.Any(b => b < 4) || cnnImages is < 1 or > 60000 || cnnEpochs < 0 || !(parse.GetValue(CnnLearningRate) > 0))
            {
                Console.Error.WriteLine("options: --steps, --threads ≥ 1, every bit count ≥ 4, --cnn-train 1 … 60000 --cnn-epochs ≥ 0 and --cnn-lr > 0.");
                return ExitCodes.Usage;
            }

            return MicrocircuitsExperiment.Run(parse.GetValue(Out)!, steps, bits, parse.GetValue(Seed), threads, cnnImages, cnnEpochs, parse.GetValue(CnnLearningRate));
        });
        return command;
    }
}
