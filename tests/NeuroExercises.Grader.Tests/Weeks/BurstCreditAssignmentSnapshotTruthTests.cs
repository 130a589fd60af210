using System.IO.Compression;
using FluentAssertions;
using NeuroExercises.Core.Npy;
using NeuroExercises.Tests.Shared;

namespace NeuroExercises.Grader.Tests.Weeks;

/// <summary>
/// Ties the burst-credit-assignment snapshots (made from our solutions by <c>snapshot update</c>) to the PyTorch goldens in
/// ../shared/reference/burst, with the port tolerances of its README (max |Δ| ≤ factor × max |golden| per array: BurstCCN
/// 1e-5; Burstprop 3e-5, dburst0/dW0/dbias0 2e-4, sym_dW0 1e-3; cosines absolute 1e-6, cos_burst_bp_rand 2e-5), so a wrong
/// solution cannot become the truth the judge grades against. Also keeps the checks' inputs honest: byte copies of the
/// goldens' input members only, never an expected array, and in arguments.npz golden rates that only visible checks grade.
/// </summary>
public sealed class BurstCreditAssignmentSnapshotTruthTests
{
    private const string Week = "burst-credit-assignment";

    private const string Ccn = "burstccn.npz";

    private const string Bp = "burstprop.npz";

    private static readonly string[] CommonInputs = ["x", "t", "p_baseline", "lr", "W0", "W1", "W2", "bias0", "bias1", "bias2", "Y0", "Y1"];

    /// <summary>Members a check input archive may hold (inputs, never results). Mirrors make_inputs.py.</summary>
    private static readonly Dictionary<string, string[]> AllowedInputMembers = new(StringComparer.Ordinal)
    {
        [Ccn] = [.. CommonInputs, "beta", "lr_Y", "lr_Q", "Q0", "Q1"],
        [Bp] = [.. CommonInputs, "lr_R", "R0", "R1"],
    };

    /// <summary>
    /// Members of inputs/arguments.npz (the rates visible unit checks pass to the piece they grade): argument → (golden file,
    /// member), each a byte copy. Mirrors make_inputs.py's COPIED_ARGUMENTS.
    /// </summary>
    private static readonly Dictionary<string, (string File, string Member)> CopiedArguments = BuildCopiedArguments();

    /// <summary>(check without week, output, golden file, golden member, scale): the snapshot output equals scale × the golden array.</summary>
    public static TheoryData<string, string, string, string, double> Goldens()
    {
        var data = new TheoryData<string, string, string, string, double>();
        void Add(string check, string output, string file, string member, double scale = 1) => data.Add(check, output, file, member, scale);
        int[] layers = [0, 1, 2];
        int[] hidden = [0, 1];
        foreach (var l in layers)
        {
            Add("FeedforwardChecks.EventRates", $"ccn_event{l}", Ccn, $"event{l}");
            Add("FeedforwardChecks.EventRates", $"bp_event{l}", Bp, $"event{l}");
        }

        Add("FeedforwardChecks.TeachingSignal", "ccn_teaching", Ccn, "teaching");
        Add("FeedforwardChecks.TeachingSignal", "bp_teaching", Bp, "teaching");
        Add("FeedforwardChecks.TeachingSignal", "output_after", Ccn, "event2");
        Add("FeedforwardChecks.Loss", "ccn_loss_before", Ccn, "loss_before");
        Add("FeedforwardChecks.Loss", "bp_loss_before", Bp, "loss_before");

        // BurstCCN
        Add("BurstCcnChecks.ApicalInput", "apical1", Ccn, "apical1");
        Add("BurstCcnChecks.ApicalInput", "apical1_noteach", Ccn, "apical1_noteach");
        Add("BurstCcnChecks.BurstProbability", "burstprob0", Ccn, "burstprob0");
        Add("BurstCcnChecks.BurstProbability", "burstprob1", Ccn, "burstprob1");
        Add("BurstCcnChecks.BurstProbability", "burstprob1_noteach", Ccn, "burstprob1_noteach");
        foreach (var l in layers)
        {
            Add("BurstCcnChecks.PlasticitySignal", $"dburst{l}", Ccn, $"dburst{l}");
            foreach (var name in new[] { "burstprob", "burst" })
            {
                Add("BurstCcnChecks.BurstRates", $"{name}{l}", Ccn, $"{name}{l}");
                Add("BurstCcnChecks.BurstRatesWithoutTeaching", $"{name}{l}_noteach", Ccn, $"{name}{l}_noteach");
            }

            foreach (var name in new[] { "dW", "dbias", "dburst" })
            {
                Add("BurstCcnChecks.Step", $"{name}{l}", Ccn, $"{name}{l}");
            }

            Add("BurstCcnChecks.SymmetricFeedback", $"sym_dW{l}", Ccn, $"sym_dW{l}");
            Add("BurstCcnChecks.BatchAveraged", $"dW{l}", Ccn, $"dW{l}");
            Add("BurstCcnChecks.BatchAveraged", $"dbias{l}", Ccn, $"dbias{l}");
        }

        foreach (var h in hidden)
        {
            Add("BurstCcnChecks.BurstRates", $"apical{h}", Ccn, $"apical{h}");
            Add("BurstCcnChecks.BurstRatesWithoutTeaching", $"apical{h}_noteach", Ccn, $"apical{h}_noteach");
            Add("BurstCcnChecks.Step", $"dY{h}", Ccn, $"dY{h}");
            Add("BurstCcnChecks.Step", $"dQ{h}", Ccn, $"dQ{h}");
            Add("BurstCcnChecks.SymmetricFeedback", $"sym_apical{h}", Ccn, $"sym_apical{h}");
            Add("BurstCcnChecks.SymmetricFeedback", $"sym_apical{h}_noteach", Ccn, $"sym_apical{h}_noteach");
        }

        Add("BurstCcnChecks.StepOutcome", "output_after", Ccn, "output_after");
        Add("BurstCcnChecks.StepOutcome", "loss_after", Ccn, "loss_after");

        // Burstprop
        Add("BurstpropChecks.Feedback", "feedback1", Bp, "feedback1");
        Add("BurstpropChecks.Feedback", "feedback1_noteach", Bp, "feedback1_noteach");
        foreach (var h in hidden)
        {
            Add("BurstpropChecks.RecurrentInput", $"burst_pre{h}", Bp, $"burst_pre{h}");
            Add("BurstpropChecks.BurstRates", $"burst_pre{h}", Bp, $"burst_pre{h}");
            foreach (var suffix in new[] { "", "_noteach" })
            {
                Add("BurstpropChecks.ApicalPotential", $"apical{h}{suffix}", Bp, $"apical{h}{suffix}");
                Add("BurstpropChecks.BurstProbability", $"burstprob{h}{suffix}", Bp, $"burstprob{h}{suffix}");
                Add("BurstpropChecks.BurstRates", $"feedback{h}{suffix}", Bp, $"feedback{h}{suffix}");
                Add("BurstpropChecks.BurstRates", $"apical{h}{suffix}", Bp, $"apical{h}{suffix}");
            }

            Add("BurstpropChecks.Step", $"dR{h}", Bp, $"dR{h}");
            Add("BurstpropChecks.Step", $"dY{h}", Bp, $"dY{h}");
        }

        foreach (var l in layers)
        {
            Add("BurstpropChecks.PlasticitySignal", $"dburst{l}", Bp, $"dburst{l}");
            foreach (var suffix in new[] { "", "_noteach" })
            {
                Add("BurstpropChecks.BurstRates", $"burstprob{l}{suffix}", Bp, $"burstprob{l}{suffix}");
                Add("BurstpropChecks.BurstRates", $"burst{l}{suffix}", Bp, $"burst{l}{suffix}");
            }

            foreach (var name in new[] { "dW", "dbias", "dburst" })
            {
                Add("BurstpropChecks.Step", $"{name}{l}", Bp, $"{name}{l}");
            }

            Add("BurstpropChecks.SymmetricFeedback", $"sym_dW{l}", Bp, $"sym_dW{l}");
            Add("BurstpropChecks.BatchSummed", $"dW{l}", Bp, $"dW{l}", 2);
            Add("BurstpropChecks.BatchSummed", $"dbias{l}", Bp, $"dbias{l}", 2);
        }

        Add("BurstpropChecks.StepOutcome", "output_after", Bp, "output_after");
        Add("BurstpropChecks.StepOutcome", "loss_after", Bp, "loss_after");

        // Gradients, cosines, trainer updates
        foreach (var l in layers)
        {
            foreach (var (prefix, file) in new[] { ("ccn_", Ccn), ("bp_", Bp) })
            {
                Add("GradientsChecks.Backprop", $"{prefix}bp_grad_W{l}", file, $"bp_grad_W{l}");
                Add("GradientsChecks.FeedbackAlignment", $"{prefix}fa_grad_W{l}", file, $"fa_grad_W{l}");
            }

            Add("BurstTrainerChecks.Update", $"backprop_dW{l}", Ccn, $"bp_grad_W{l}", -2.5);
            Add("BurstTrainerChecks.Update", $"fa_dW{l}", Ccn, $"fa_grad_W{l}", -2.5);
            Add("BurstTrainerChecks.Update", $"burstccn_dW{l}", Ccn, $"dW{l}");
            Add("BurstTrainerChecks.Update", $"burstprop_dW{l}", Bp, $"dW{l}");
        }

        foreach (var cos in new[] { "cos_burst_bp_sym", "cos_burst_bp_rand", "cos_fa_bp_rand", "cos_burst_fa_rand" })
        {
            Add("GradientsChecks.Cosines_BurstCcn", cos, Ccn, cos);
            Add("GradientsChecks.Cosines_Burstprop", cos, Bp, cos);
        }

        return data;
    }

    /// <summary>(check, flag output): flags the trusted derive step computes; the snapshot must hold 1.</summary>
    public static TheoryData<string, string> Flags()
    {
        var data = new TheoryData<string, string>();
        foreach (var check in new[] { "BurstTrainerChecks.TrainShortBurstCcn", "BurstTrainerChecks.TrainShortBurstprop" })
        {
            foreach (var flag in new[] { "reproducible", "weights_changed", "loss_decreased", "history_matches", "finite" })
            {
                data.Add(check, flag);
            }
        }

        return data;
    }

    /// <summary>(check, output, input archive, member): an argument the graded method must leave unchanged, returned raw after the call.</summary>
    public static TheoryData<string, string, string, string> ArgumentsAfter() => new()
    {
        { "FeedforwardChecks.EventRates", "x_after", Ccn, "x" },
        { "BurstCcnChecks.ApicalInput", "y_after", Ccn, "Y1" },
        { "BurstCcnChecks.Step", "W0_after", Ccn, "W0" },
        { "BurstCcnChecks.Step", "Y0_after", Ccn, "Y0" },
        { "BurstCcnChecks.Step", "x_after", Ccn, "x" },
        { "BurstpropChecks.Feedback", "y_after", Bp, "Y1" },
        { "BurstpropChecks.Step", "W0_after", Bp, "W0" },
        { "BurstpropChecks.Step", "R0_after", Bp, "R0" },
        { "BurstpropChecks.Step", "x_after", Bp, "x" },
        { "GradientsChecks.Backprop", "W0_after", Ccn, "W0" },
        { "GradientsChecks.FeedbackAlignment", "W0_after", Ccn, "W0" },
    };

    /// <summary>(check, output, value): BurstCCN without teaching (Q = p̄ Y): A = 0 and P = p̄ = ½ in every entry, exactly.</summary>
    public static TheoryData<string, string, double> ExactWithoutTeaching()
    {
        var data = new TheoryData<string, string, double>
        {
            { "BurstCcnChecks.ApicalInput", "apical1_noteach", 0 },
            { "BurstCcnChecks.BurstProbability", "burstprob1_noteach", 0.5 },
        };
        foreach (var h in new[] { 0, 1 })
        {
            data.Add("BurstCcnChecks.BurstRatesWithoutTeaching", $"apical{h}_noteach", 0);
            data.Add("BurstCcnChecks.SymmetricFeedback", $"sym_apical{h}_noteach", 0);
        }

        foreach (var l in new[] { 0, 1, 2 })
        {
            data.Add("BurstCcnChecks.BurstRatesWithoutTeaching", $"burstprob{l}_noteach", 0.5);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Goldens))]
    public void SnapshotEqualsPyTorchGolden(string check, string output, string goldenFile, string goldenMember, double scale)
    {
        var snapshot = ReadSnapshot(check);
        snapshot.Should().ContainKey(output, $"snapshot of {Week}/{check} must hold output '{output}'");
        var golden = Npz.Read(RepoPaths.Reference(Path.Combine("burst", goldenFile)))[goldenMember];
        var got = snapshot[output];
        got.DType.Should().Be(golden.DType, $"{Week}/{check} output '{output}' vs {goldenFile}:{goldenMember}");
        got.Shape.Should().Equal(golden.Shape, $"{Week}/{check} output '{output}' vs {goldenFile}:{goldenMember}");

        var a = AsDoubles(got);
        var e = AsDoubles(golden).Select(v => v * scale).ToArray();
        var atol = Tolerance(goldenFile, goldenMember) * (e.Length == 0 ? 0 : e.Max(Math.Abs));
        var worst = -1;
        var worstExcess = 0.0;
        for (var i = 0; i < e.Length; i++)
        {
            var excess = Math.Abs(a[i] - e[i]) - atol;
            if (excess > worstExcess || double.IsNaN(a[i]) != double.IsNaN(e[i]))
            {
                worst = i;
                worstExcess = double.IsNaN(excess) ? double.PositiveInfinity : excess;
            }
        }

        worst.Should().Be(-1, worst < 0 ? "" :
            $"{Week}/{check} output '{output}' differs from {scale} × PyTorch's {goldenFile}:{goldenMember} at flat index {worst}: snapshot {a[worst]:G9}, golden {e[worst]:G9}, " +
            $"beyond the README's tolerance {atol:G3}; fix the solution, then run `snapshot update --week {Week}`");
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

    [Theory]
    [MemberData(nameof(ExactWithoutTeaching))]
    public void SnapshotHoldsTheExactValueWithoutTeaching(string check, string output, double value)
    {
        var snapshot = ReadSnapshot(check);
        snapshot.Should().ContainKey(output);
        AsDoubles(snapshot[output]).Should().NotBeEmpty().And.OnlyContain(v => v == value, $"{Week}/{check} output '{output}': with Q = p̄ Y the apical input cancels exactly and P stays p̄");
    }

    [Fact]
    public void InputArchivesHoldOnlyInputsCopiedFromTheGoldens()
    {
        foreach (var (file, allowed) in AllowedInputMembers)
        {
            using var input = ZipFile.OpenRead(Path.Combine(InputsRoot(), file));
            using var reference = ZipFile.OpenRead(RepoPaths.Reference(Path.Combine("burst", file)));
            var names = input.Entries.Select(e => e.FullName[..^".npy".Length]).ToArray();
            names.Should().BeEquivalentTo(allowed, $"inputs/{file} must hold exactly the allow-listed input members (an expected array there would leak to submissions)");
            foreach (var entry in input.Entries)
            {
                ReadAll(entry).Should().Equal(ReadAll(reference.GetEntry(entry.FullName)!), $"inputs/{file}:{entry.FullName} must be a byte copy of the golden; rerun make_inputs.py");
            }
        }
    }

    /// <summary>
    /// inputs/arguments.npz holds the arrays visible unit checks pass to the piece they grade: byte copies of golden members
    /// (so the checks need no trusted Reference code, which would ship with them); and no hidden check's snapshot holds any
    /// of them, so storing them where a submission can read them gives away no hidden expected value.
    /// </summary>
    [Fact]
    public void ArgumentsAreGoldenCopiesAndNoHiddenCheckGradesThem()
    {
        var path = Path.Combine(InputsRoot(), "arguments.npz");
        CheckArguments.AreGoldenCopies(path, "burst", CopiedArguments);
        CheckArguments.NoHiddenCheckGrades(Week, "Week02.BurstCreditAssignment", Npz.Read(path));
    }

    [Fact]
    public void InputsFolderHoldsOnlyTheArchivesAndTheTinyDataSet()
    {
        var files = Directory.EnumerateFiles(InputsRoot(), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(InputsRoot(), f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        files.Should().Equal(
            [
                "README.md", "arguments.npz", Ccn, Bp,
                "tiny-fashion/t10k-images-idx3-ubyte.gz", "tiny-fashion/t10k-labels-idx1-ubyte.gz",
                "tiny-fashion/train-images-idx3-ubyte.gz", "tiny-fashion/train-labels-idx1-ubyte.gz",
            ],
            "the inputs folder reaches the runner child: only what make_inputs.py writes belongs there");
    }

    private static Dictionary<string, (string File, string Member)> BuildCopiedArguments()
    {
        var arguments = new Dictionary<string, (string File, string Member)>(StringComparer.Ordinal);
        foreach (var l in new[] { 0, 1, 2 })
        {
            foreach (var (prefix, file) in new[] { ("ccn_", Ccn), ("bp_", Bp) })
            {
                arguments[$"{prefix}event{l}"] = (file, $"event{l}");
                arguments[$"{prefix}burst{l}"] = (file, $"burst{l}");
            }

            arguments[$"bp_burst{l}_noteach"] = (Bp, $"burst{l}_noteach");
        }

        foreach (var h in new[] { 0, 1 })
        {
            arguments[$"ccn_apical{h}"] = (Ccn, $"apical{h}");
            arguments[$"bp_feedback{h}"] = (Bp, $"feedback{h}");
            arguments[$"bp_feedback{h}_noteach"] = (Bp, $"feedback{h}_noteach");
            arguments[$"bp_burst_pre{h}"] = (Bp, $"burst_pre{h}");
        }

        arguments["ccn_burstprob2"] = (Ccn, "burstprob2");
        arguments["bp_burstprob2"] = (Bp, "burstprob2");
        return arguments;
    }

    /// <summary>The README's port tolerance of a golden array, as a fraction of its max |value| (cosines: absolute).</summary>
    private static double Tolerance(string file, string member) => (file, member) switch
    {
        (_, "cos_burst_bp_rand") => 2e-5,
        (_, _) when member.StartsWith("cos_", StringComparison.Ordinal) => 1e-6,
        (Ccn, _) => 1e-5,
        (Bp, "dburst0" or "dW0" or "dbias0") => 2e-4,
        (Bp, "sym_dW0") => 1e-3,
        _ => 3e-5,
    };

    private static IReadOnlyDictionary<string, NpyArray> ReadSnapshot(string check)
    {
        var path = Path.Combine(RepoPaths.Root, "grader", "weeks", "Week02.BurstCreditAssignment", "snapshots", $"{check}.expected.npz");
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

    private static string InputsRoot() => Path.Combine(RepoPaths.Root, "grader", "weeks", "Week02.BurstCreditAssignment", "inputs");
}
