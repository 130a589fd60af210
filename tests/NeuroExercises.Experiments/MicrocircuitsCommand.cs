using System.CommandLine;

namespace NeuroExercises.Experiments;

/// <summary>
/// <c>microcircuits</c>: week 3's figures — sparsity and R² against the threshold and the number of atoms, contrast-response
/// curves with and without divisive normalization, attention weights, and sparse-AND accuracy against the sequence length
/// for the MLP and one-head self-attention (PNG with CSV and JSON of their numbers).
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

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var command = new Command("microcircuits", "Week 3: sparsity, normalization and attention figures; MLP vs self-attention on sparse AND.")
        {
            Out, Steps, Lengths, Seed, Threads,
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
            if (steps < 1 || threads < 1 || bits.Length == 0 || bits.Any(b => b < 4))
            {
                Console.Error.WriteLine("options: --steps, --threads ≥ 1 and every bit count ≥ 4.");
                return ExitCodes.Usage;
            }

            return MicrocircuitsExperiment.Run(parse.GetValue(Out)!, steps, bits, parse.GetValue(Seed), threads);
        });
        return command;
    }
}
