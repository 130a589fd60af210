using System.IO.Compression;
using FluentAssertions;
using NeuroExercises.Core.Npy;
using NeuroExercises.Tests.Shared;

namespace NeuroExercises.Grader.Tests.Weeks;

/// <summary>
/// Ties the task-driven-rnn snapshots (made from our solutions by <c>snapshot update</c>) to the PyTorch goldens in
/// ../shared/reference/rnn, with the tolerances of ../shared/reference/README.md, so a wrong solution cannot become the
/// truth the judge grades against. Also keeps the checks' inputs honest: copies of the reference, and no expected arrays.
/// </summary>
public sealed class TaskDrivenRnnSnapshotTruthTests
{
    private const string Week = "task-driven-rnn";

    /// <summary>Members a check input archive may hold (inputs, never results). Mirrors make_inputs.py.</summary>
    private static readonly Dictionary<string, string[]> AllowedInputMembers = new(StringComparer.Ordinal)
    {
        ["rnn_small_chaotic.npz"] = WeightMembers,
        ["rnn_full_chaotic.npz"] = WeightMembers,
        ["rnn_full_edge.npz"] = WeightMembers,
        ["perturb_inputs.npz"] = ["inputs", "noise_uniform", "tiny"],
    };

    private static string[] WeightMembers =>
        ["J", "B", "bx", "W", "c", "tau_over_dt", "step_input", "step_hidden", "trajectory_conditions", "trajectory_inputs", "noise"];

    /// <summary>(check id without week, output, golden archive, golden member, atol, rtol).</summary>
    public static TheoryData<string, string, string, string, double, double> Goldens()
    {
        var data = new TheoryData<string, string, string, string, double, double>();
        foreach (var (check, file) in new[] { ("RateRnnChecks.SingleStep_H10", "rnn_small_chaotic.npz"), ("RateRnnChecks.SingleStep_H150_Chaotic", "rnn_full_chaotic.npz"), ("RateRnnChecks.SingleStep_H150_Edge", "rnn_full_edge.npz") })
        {
            data.Add(check, "output", file, "step_output", 1e-6, 0);
            data.Add(check, "hidden", file, "step_next_hidden", 1e-6, 0);
            data.Add(check, "rate_penalty", file, "step_rate_penalty", 1e-6, 1e-6);
        }

        data.Add("TrajectoryGeneratorChecks.SmallChaotic", "outputs", "rnn_small_chaotic.npz", "trajectory_outputs", 1e-5, 0);
        data.Add("TrajectoryGeneratorChecks.SmallChaotic", "hidden", "rnn_small_chaotic.npz", "trajectory_hidden", 1e-5, 0);
        data.Add("TrajectoryGeneratorChecks.FullChaotic", "outputs", "rnn_full_chaotic.npz", "trajectory_outputs", 2e-5, 0);
        data.Add("TrajectoryGeneratorChecks.FullChaotic", "hidden", "rnn_full_chaotic.npz", "trajectory_hidden", 1e-4, 0);
        data.Add("TrajectoryGeneratorChecks.FullEdge", "outputs", "rnn_full_edge.npz", "trajectory_outputs", 1e-5, 0);
        data.Add("TrajectoryGeneratorChecks.FullEdge", "hidden", "rnn_full_edge.npz", "trajectory_hidden", 1e-5, 0);

        data.Add("DatasetPreparationChecks.NormalizeTiny", "tiny", "perturb_inputs.npz", "tiny_standardized", 1e-6, 0);
        data.Add("DatasetPreparationChecks.Prepare", "inputs", "prepare_dataset.npz", "inputs", 1e-5, 0);
        data.Add("DatasetPreparationChecks.Prepare", "outputs", "prepare_dataset.npz", "outputs", 1e-6, 0);
        data.Add("DatasetPreparationChecks.Prepare", "times", "prepare_dataset.npz", "times", 1e-6, 0);
        data.Add("DatasetPreparationChecks.Prepare", "max_error", "prepare_dataset.npz", "max_error", 0, 1e-6);
        data.Add("DatasetPreparationChecks.PrepareWithDelay", "inputs_with_delay", "prepare_dataset.npz", "inputs_with_delay", 1e-5, 0);
        data.Add("DatasetPreparationChecks.PrepareWithDelay", "outputs_with_delay", "prepare_dataset.npz", "outputs_with_delay", 1e-6, 0);

        foreach (var s in new[] { "0.0125", "0.05", "0.2" })
        {
            data.Add("PerturbationChecks.PerturbInputs", $"perturbed_{s}", "perturb_inputs.npz", $"perturbed_{s}", 1e-6, 0);
        }

        foreach (var p in new[] { "0.01", "0.1", "0.8" })
        {
            data.Add("PerturbationChecks.PerturbWeights_H10", $"perturbed_J_{p}", "rnn_small_chaotic.npz", $"perturbed_J_{p}", 1e-6, 0);
            data.Add("PerturbationChecks.PerturbWeights_H150", $"perturbed_J_{p}", "rnn_full_chaotic.npz", $"perturbed_J_{p}", 1e-6, 0);
        }

        return data;
    }

    /// <summary>(check id without week, flag output): flags the trusted derive step computes; the snapshot must hold 1.</summary>
    public static TheoryData<string, string> Flags() => new()
    {
        { "TrainerChecks.TrainShort", "reproducible" },
        { "TrainerChecks.TrainShort", "weights_changed" },
        { "TrainerChecks.TrainShort", "train_error_decreased" },
        { "TrainerChecks.TrainShort", "finite" },
        { "TrainerChecks.TrainShort", "history_lengths" },
        { "TrainerChecks.TrainShort", "matches_reference" },
        { "TrainerChecks.TrainShort", "loss_history_matches" },
    };

    /// <summary>
    /// (check, output, input archive, member): an argument the graded method must leave unchanged, returned as it is
    /// after the call (raw data, no flag computed beside the submitted code); the snapshot must hold the input itself.
    /// </summary>
    public static TheoryData<string, string, string, string> ArgumentsAfter() => new()
    {
        { "RateRnnChecks.SingleStep_H10", "hidden_argument_after", "rnn_small_chaotic.npz", "step_hidden" },
        { "RateRnnChecks.SingleStep_H150_Chaotic", "hidden_argument_after", "rnn_full_chaotic.npz", "step_hidden" },
        { "PerturbationChecks.PerturbInputs", "inputs_after", "perturb_inputs.npz", "inputs" },
        { "PerturbationChecks.PerturbWeights_H10", "j_after", "rnn_small_chaotic.npz", "J" },
        { "PerturbationChecks.PerturbWeights_H150", "j_after", "rnn_full_chaotic.npz", "J" },
        { "RobustnessTestChecks.RobustnessInputs", "weights_after", "rnn_small_chaotic.npz", "J" },
        { "RobustnessTestChecks.RobustnessWeights", "weights_after", "rnn_small_chaotic.npz", "J" },
    };

    [Theory]
    [MemberData(nameof(Goldens))]
    public void SnapshotEqualsPyTorchGolden(string check, string output, string goldenFile, string goldenMember, double atol, double rtol)
    {
        var snapshot = ReadSnapshot(check);
        snapshot.Should().ContainKey(output, $"snapshot of {Week}/{check} must hold output '{output}'");
        var golden = Npz.Read(RepoPaths.Reference(Path.Combine("rnn", goldenFile)))[goldenMember];
        var got = snapshot[output];

        got.DType.Should().Be(golden.DType, $"{Week}/{check} output '{output}' vs {goldenFile}:{goldenMember}");
        got.Shape.Should().Equal(golden.Shape, $"{Week}/{check} output '{output}' vs {goldenFile}:{goldenMember}");
        var a = AsDoubles(got);
        var e = AsDoubles(golden);
        var worst = -1;
        var worstExcess = 0.0;
        for (var i = 0; i < e.Length; i++)
        {
            var excess = Math.Abs(a[i] - e[i]) - (atol + (rtol * Math.Abs(e[i])));
            if (excess > worstExcess || double.IsNaN(a[i]) != double.IsNaN(e[i]))
            {
                worst = i;
                worstExcess = double.IsNaN(excess) ? double.PositiveInfinity : excess;
            }
        }

        worst.Should().Be(-1, worst < 0 ? "" :
            $"{Week}/{check} output '{output}' differs from PyTorch's {goldenFile}:{goldenMember} at flat index {worst}: snapshot {a[worst]:G9}, golden {e[worst]:G9}, " +
            $"beyond atol {atol} + rtol {rtol}·|golden|; fix the solution, then run `snapshot update --week {Week}`");
    }

    [Theory]
    [MemberData(nameof(Flags))]
    public void SnapshotFlagIsOne(string check, string output)
    {
        var snapshot = ReadSnapshot(check);
        snapshot.Should().ContainKey(output);
        AsDoubles(snapshot[output]).Should().Equal([1.0], $"{Week}/{check} output '{output}' is an invariant the solutions must satisfy");
    }

    [Theory]
    [MemberData(nameof(ArgumentsAfter))]
    public void SnapshotHoldsTheArgumentUnchanged(string check, string output, string inputFile, string member)
    {
        var snapshot = ReadSnapshot(check);
        snapshot.Should().ContainKey(output);
        var input = Npz.Read(Path.Combine(InputsRoot(), inputFile))[member];
        snapshot[output].Shape.Should().Equal(input.Shape);
        AsDoubles(snapshot[output]).Should().Equal(AsDoubles(input), $"{Week}/{check} output '{output}' is an argument the solutions leave unchanged");
    }

    [Fact]
    public void RectifiedTanhSnapshotHoldsItsInputGridUnchanged()
    {
        var grid = AsDoubles(ReadSnapshot("RnnMathChecks.RectifiedTanh")["input_after"]);
        grid.Should().Equal(Enumerable.Range(-40, 81).Select(i => (double)(i / 10f)), "the grid −4.0 … 4.0 must come back unchanged");
    }

    [Fact]
    public void SplitByConditionSnapshotIsASortedPartitionWithTheRoundedValidationSize()
    {
        var snapshot = ReadSnapshot("DatasetPreparationChecks.SplitByCondition");
        foreach (var (name, n, fraction) in new[] { ("a", 27, 0.2), ("b", 10, 0.05), ("c", 6, 0.5), ("d", 5, 0.5) })
        {
            var train = AsDoubles(snapshot[$"train_{name}"]);
            var validation = AsDoubles(snapshot[$"validation_{name}"]);
            train.Concat(validation).Order().Should().Equal(Enumerable.Range(0, n).Select(i => (double)i));
            train.Should().BeInAscendingOrder();
            validation.Should().BeInAscendingOrder();
            validation.Should().HaveCount(Math.Max(1, (int)Math.Round(n * fraction, MidpointRounding.ToEven)));
        }
    }

    [Fact]
    public void InputArchivesHoldOnlyInputsCopiedFromTheReference()
    {
        foreach (var (file, allowed) in AllowedInputMembers)
        {
            using var input = ZipFile.OpenRead(Path.Combine(InputsRoot(), file));
            using var reference = ZipFile.OpenRead(RepoPaths.Reference(Path.Combine("rnn", file)));
            var names = input.Entries.Select(e => e.FullName[..^".npy".Length]).ToArray();
            names.Should().BeEquivalentTo(allowed, $"inputs/{file} must hold exactly the allow-listed input members (an expected array there would leak to submissions)");
            foreach (var entry in input.Entries)
            {
                ReadAll(entry).Should().Equal(ReadAll(reference.GetEntry(entry.FullName)!), $"inputs/{file}:{entry.FullName} must be a byte copy of the reference; rerun make_inputs.py");
            }
        }
    }

    [Theory]
    [InlineData("condsForSim_synthetic.mat", "fixtures/mat/condsForSim_synthetic.mat")]
    [InlineData("m1_reaching_synthetic.mat", "fixtures/mat/m1_reaching_synthetic.mat")]
    [InlineData("rnn_small_state_dict.pth", "fixtures/pth/rnn_small_state_dict.pth")]
    public void InputFixtureIsACopyOfShared(string input, string shared) =>
        File.ReadAllBytes(Path.Combine(InputsRoot(), input)).Should().Equal(File.ReadAllBytes(Path.Combine(RepoPaths.Shared, shared)), $"inputs/{input} must equal ../shared/{shared}; rerun make_inputs.py");

    private static IReadOnlyDictionary<string, NpyArray> ReadSnapshot(string check)
    {
        var path = Path.Combine(RepoPaths.Root, "grader", "weeks", "Week01.TaskDrivenRnn", "snapshots", $"{check}.expected.npz");
        File.Exists(path).Should().BeTrue($"snapshot {path} of check {Week}/{check} is missing; run `dotnet run --project grader/NeuroExercises.Grader -- snapshot update --week {Week}`");
        return Npz.Read(path);
    }

    private static double[] AsDoubles(NpyArray array) => array.Data switch
    {
        float[] f => Array.ConvertAll(f, x => (double)x),
        double[] d => d,
        int[] i => Array.ConvertAll(i, x => (double)x),
        long[] l => Array.ConvertAll(l, x => (double)x),
        byte[] b => Array.ConvertAll(b, x => (double)x),
        bool[] b => Array.ConvertAll(b, x => x ? 1.0 : 0.0),
        _ => throw new InvalidOperationException($"unexpected NPY data type {array.Data.GetType()}"),
    };

    private static byte[] ReadAll(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    private static string InputsRoot() => Path.Combine(RepoPaths.Root, "grader", "weeks", "Week01.TaskDrivenRnn", "inputs");
}
