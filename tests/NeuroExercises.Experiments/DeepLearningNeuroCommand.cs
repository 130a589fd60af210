using System.CommandLine;

namespace NeuroExercises.Experiments;

/// <summary>
/// <c>deep-learning-neuro</c>: week 5's figures — DeepNet's decoding error against the number of neurons and of hidden
/// units, the softmax classifier's confusion matrices with and without penalties, the filters, convolution outputs and
/// the tilt CNN's trained filters, the RDMs of V1 and the CNN's layers with their similarity, and the encoding model's
/// explained variance per neuron (PNG with CSV and JSON of their numbers). Data: the synthetic 160-neuron population of
/// ../shared/reference/deep_learning_neuro (or <c>--data</c>).
/// </summary>
internal static class DeepLearningNeuroCommand
{
    private static readonly Option<string> Out = new("--out")
    {
        Description = "Folder for the PNG figures and their numbers.",
        DefaultValueFactory = _ => Path.Combine("docs", "figures", "deep-learning-neuro"),
    };

    private static readonly Option<string?> Data = new("--data")
    {
        Description = "Folder holding W3D4_stringer_oribinned1*.npz, W3D4_stringer_oribinned6_split*.npz and the goldens (default: ../shared/reference/deep_learning_neuro).",
    };

    private static readonly Option<int> DecoderSteps = new("--decoder-steps")
    {
        Description = "Full-batch SGD steps (lr 1e-4) of each DeepNet in the decoding sweeps.",
        DefaultValueFactory = _ => 400,
    };

    private static readonly Option<int> Threads = new("--threads")
    {
        Description = "torch intra-op threads.",
        DefaultValueFactory = _ => 2,
    };

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var command = new Command("deep-learning-neuro", "Week 5: decoding V1, classifier confusion, filters and CNN, RSA, encoding model.")
        {
            Out, Data, DecoderSteps, Threads,
        };
        command.SetAction(parse =>
        {
            var steps = parse.GetValue(DecoderSteps);
            var threads = parse.GetValue(Threads);
            if (steps < 1 || threads < 1)
            {
                Console.Error.WriteLine("options: --decoder-steps and --threads ≥ 1.");
                return ExitCodes.Usage;
            }

            var data = parse.GetValue(Data) ?? DeepLearningNeuroExperiment.DefaultDataFolder();
            if (!File.Exists(Path.Combine(data, DeepLearningNeuroExperiment.Binned1)))
            {
                Console.Error.WriteLine($"--data {data}: {DeepLearningNeuroExperiment.Binned1} is not there; pass the folder of the week's reference files.");
                return ExitCodes.NoData;
            }

            return DeepLearningNeuroExperiment.Run(parse.GetValue(Out)!, data, steps, threads);
        });
        return command;
    }
}
