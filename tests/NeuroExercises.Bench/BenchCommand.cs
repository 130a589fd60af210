using System.CommandLine;

namespace NeuroExercises.Bench;

/// <summary>The command line: options, then one run of <see cref="BenchRun"/>.</summary>
internal static class BenchCommand
{
    private static readonly Option<int> Threads = new("--threads")
    {
        Description = "Intra-op threads on both sides (torch.set_num_threads).",
        DefaultValueFactory = _ => 1,
    };

    private static readonly Option<int> Repeats = new("--repeats")
    {
        Description = "Timed repeats per case (median reported).",
        DefaultValueFactory = _ => 20,
    };

    private static readonly Option<int> Warmup = new("--warmup")
    {
        Description = "Untimed runs per case before timing.",
        DefaultValueFactory = _ => 3,
    };

    private static readonly Option<int> Batch = new("--batch")
    {
        Description = "Sequences per training step (the course uses 20; 27 is every condition).",
        DefaultValueFactory = _ => 20,
    };

    private static readonly Option<string?> Json = new("--json")
    {
        Description = "Also write the results to this JSON file.",
    };

    private static readonly Option<string> Python = new("--python")
    {
        Description = "Python interpreter with torch (Debian's python3-torch by default).",
        DefaultValueFactory = _ => "/usr/bin/python3",
    };

    private static readonly Option<bool> NoPython = new("--no-python")
    {
        Description = "Measure the TorchSharp side only.",
    };

    private static readonly Option<bool> Breakdown = new("--breakdown")
    {
        Description = "Only time the parts of TrajectoryGenerator.Generate one by one (TorchSharp side).",
    };

    private static readonly Option<string> Week = new("--week")
    {
        Description = "Which week's code to measure: task-driven-rnn (week 1, the default), burst-credit-assignment (week 2: one epoch of each learning rule), microcircuits (week 3: self-attention forward + backward and divisive normalization on a batch), spiking-networks (week 4: BPTT training steps of the spiking network), deep-learning-neuro (week 5: the tilt CNN's epoch, RDM + Spearman) or learning-rules (week 6: one epoch of each rule, float64, hidden 100 unless --hidden).",
        DefaultValueFactory = _ => "task-driven-rnn",
    };

    private static readonly Option<int> Samples = new("--samples")
    {
        Description = "Week 2: training images in the epoch (60000 is the whole of Fashion-MNIST).",
        DefaultValueFactory = _ => 60000,
    };

    private static readonly Option<string> Hidden = new("--hidden")
    {
        Description = "Week 2: hidden layer sizes, comma-separated (the experiments' default 256,256); week 4: the one hidden size (default 1000).",
        DefaultValueFactory = _ => "256,256",
    };

    private static readonly Option<int> Rounds = new("--rounds")
    {
        Description = "Weeks 2, 3 and 6: run the two sides in turn this many times and report the median of the rounds' ratios (default 1).",
        DefaultValueFactory = _ => 1,
    };

    private static readonly Option<int> BpttSteps = new("--bptt-steps")
    {
        Description = "Week 4: timed training steps (batches) per run.",
        DefaultValueFactory = _ => 20,
    };

    private static readonly Option<string?> Reference = new("--reference")
    {
        Description = "Week 5: the folder of cnn.npz and the synthetic recording (default ../shared/reference/deep_learning_neuro from the working folder).",
    };

    /// <summary>Builds the root command.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("TorchSharp (week 1 solutions) vs the course's PyTorch code: trajectory generation and one BPTT training step.")
        {
            Threads, Repeats, Warmup, Batch, Json, Python, NoPython, Breakdown, Week, Samples, Hidden, BpttSteps, Reference, Rounds,
        };
        root.SetAction(parse =>
        {
            var options = new BenchOptions(
                parse.GetValue(Threads),
                parse.GetValue(Repeats),
                parse.GetValue(Warmup),
                parse.GetValue(Batch),
                parse.GetValue(Json),
                parse.GetValue(Python)!,
                parse.GetValue(NoPython));
            switch (parse.GetValue(Week))
            {
                case "task-driven-rnn":
                    break;
                case "spiking-networks":
                    return SpikingBench.Run(new SpikingBenchOptions(
                        options.Threads, parse.GetResult(Repeats) is { Implicit: false } ? options.Repeats : 3,
                        parse.GetResult(Batch) is { Implicit: false } ? options.Batch : 128, parse.GetValue(BpttSteps),
                        parse.GetResult(Hidden) is { Implicit: false } ? int.Parse(parse.GetValue(Hidden)!, System.Globalization.CultureInfo.InvariantCulture) : 1000,
                        options.JsonPath, options.Python, options.SkipPython));
                case "deep-learning-neuro":
                    return DeepLearningBench.Run(options, parse.GetValue(Reference) ?? Path.GetFullPath(Path.Combine("..", "shared", "reference", "deep_learning_neuro")));
                case "burst-credit-assignment":
                    return BurstBench.Run(new BurstBenchOptions(
                        options.Threads, parse.GetResult(Repeats) is { Implicit: false } ? options.Repeats : 3,
                        parse.GetResult(Batch) is { Implicit: false } ? options.Batch : 32, parse.GetValue(Samples), parse.GetValue(Hidden)!,
                        options.JsonPath, options.Python, options.SkipPython, Math.Max(1, parse.GetValue(Rounds))));
                case "learning-rules":
                    return LearningRulesBench.Run(new BurstBenchOptions(
                        options.Threads, parse.GetResult(Repeats) is { Implicit: false } ? options.Repeats : 1,
                        parse.GetResult(Batch) is { Implicit: false } ? options.Batch : 32, parse.GetValue(Samples),
                        parse.GetResult(Hidden) is { Implicit: false } ? parse.GetValue(Hidden)! : "100", options.JsonPath, options.Python, options.SkipPython,
                        Math.Max(1, parse.GetValue(Rounds))));
                case "microcircuits":
                    return MicrocircuitsBench.Run(options with { Rounds = Math.Max(1, parse.GetValue(Rounds)) });
                default:
                    Console.Error.WriteLine($"--week {parse.GetValue(Week)}: the weeks with a benchmark are task-driven-rnn, burst-credit-assignment, microcircuits, spiking-networks, deep-learning-neuro and learning-rules.");
                    return ExitCodes.Incomplete;
            }

            if (parse.GetValue(Breakdown))
            {
                GenerateBreakdown.Print(BenchData.Create(BenchRun.Seed), options);
                return ExitCodes.Ok;
            }

            return BenchRun.Run(options);
        });
        return root;
    }
}
