using System.IO.Compression;
using FluentAssertions;
using NeuroExercises.Core.Npy;
using NeuroExercises.Grader.Checks;
using NeuroExercises.Grader.Discovery;
using NeuroExercises.Tests.Shared;

namespace NeuroExercises.Grader.Tests.Weeks;

/// <summary>
/// Ties the learning-rules snapshots (made from our solutions by <c>snapshot update</c>) to the float64 PyTorch goldens in
/// ../shared/reference/learning_rules with the README's float64 tolerance (1e-12 of each array's largest |value|;
/// accuracies exactly; cosines 1e-12 absolute; Hebb/Oja rows by direction 1e-12 and norm rtol 1e-12; angles 1e-10°), so a
/// wrong solution cannot become the truth the judge grades against. Derived flags must be 1, and the inputs folder holds
/// byte copies of the goldens' input members only, plus arguments.npz (golden arrays visible checks use, which no hidden
/// check grades).
/// </summary>
public sealed class LearningRulesSnapshotTruthTests
{
    private const string Week = "learning-rules";

    private const string Folder = "Week06.LearningRules";

    /// <summary>Members a check input archive may hold (inputs, never results). Mirrors make_inputs.py.</summary>
    private static readonly Dictionary<string, string[]> AllowedInputMembers = new(StringComparer.Ordinal)
    {
        ["mlp_rules"] = ["x", "t", "labels", "W_h", "W_y", "B", "sigma", "lr", "kp_decay", "psi_h", "psi_y", "xi_h", "xi_y"],
        ["mlp_training"] =
        [
            "pixels_train", "labels_train", "pixels_test", "labels_test", "W_h0", "W_y0", "B0", "sigma", "lr", "kp_decay", "epochs",
            "wp_epochs", "t_train", "t_test", "batches", "np_snr_xi_h", "np_snr_xi_y", "np_xi_h", "np_xi_y", "np_diag_xi_h",
            "np_diag_xi_y", "wp_psi_h", "wp_psi_y", "wp_diag_psi_h", "wp_diag_psi_y",
        ],
        ["mlp_metrics"] = ["cos_u", "cos_v", "cos_w", "snr_grad", "acc_outputs", "acc_targets"],
        ["hebb_oja"] = ["a_X", "a_w0", "a_eta", "a_steps", "a_cov", "a_lams", "b_X", "b_w0", "b_eta", "b_steps", "b_cov", "b_lams"],
        ["reward_baseline"] = ["X", "xi", "W_star", "W0", "X_eval", "eta", "alpha", "sigma", "rbar0", "every"],
    };

    /// <summary>Members of inputs/arguments.npz copied from a golden: member → (golden file, member). Mirrors make_inputs.py.</summary>
    private static readonly Dictionary<string, (string File, string Member)> CopiedArguments = new(StringComparer.Ordinal)
    {
        ["bp_dW_h"] = ("mlp_rules", "bp_dW_h"),
        ["bp_dW_y"] = ("mlp_rules", "bp_dW_y"),
        ["a_pc1"] = ("hebb_oja", "a_pc1"),
        ["b_pc1"] = ("hebb_oja", "b_pc1"),
    };

    /// <summary>(check, output, golden file, golden member): the snapshot output is the golden array (within the README's tolerance).</summary>
    public static TheoryData<string, string, string, string> Goldens()
    {
        var data = new TheoryData<string, string, string, string>();
        void Add(string check, string output, string file, string? member = null) => data.Add(check, output, file, member ?? output);
        foreach (var output in new[] { "hidden_pre", "hidden", "output_pre", "output", "loss_batch", "loss", "accuracy" })
        {
            Add("MlpChecks.Forward", output, "mlp_rules");
        }

        var rules = new (string Check, string Prefix, string[] Extra)[]
        {
            ("LearningRulesChecks.Backprop", "bp", []),
            ("LearningRulesChecks.FeedbackAlignment", "fa", ["cos_fa_bp"]),
            ("LearningRulesChecks.KolenPollack", "kp", ["kp_dB", "kp_B_after", "cos_kp_bp"]),
            ("LearningRulesChecks.WeightPerturbation", "wp", ["wp_loss_now", "wp_loss_per", "wp_delta_loss", "cos_wp_bp"]),
            ("LearningRulesChecks.NodePerturbation", "np", ["np_hidden_p", "np_output_p", "np_loss_now", "np_loss_per", "np_delta_loss", "cos_np_bp"]),
        };
        foreach (var (check, prefix, extra) in rules)
        {
            Add(check, $"{prefix}_dW_h", "mlp_rules", prefix == "kp" ? "fa_dW_h" : null);
            Add(check, $"{prefix}_dW_y", "mlp_rules");
            Add(check, $"{prefix}_output_after", "mlp_rules");
            Add(check, $"{prefix}_loss_after", "mlp_rules");
            foreach (var output in extra)
            {
                Add(check, output, "mlp_rules");
            }
        }

        foreach (var output in new[] { "relu_hidden", "relu_output", "relu_bp_dW_h", "relu_bp_dW_y" })
        {
            Add("LearningRulesChecks.BackpropRelu", output, "mlp_rules");
        }

        Add("MetricsChecks.Cosine", "cos_uv", "mlp_metrics");
        Add("MetricsChecks.Cosine", "cos_uw", "mlp_metrics");
        Add("MetricsChecks.Snr", "snr", "mlp_metrics");
        foreach (var (check, prefix) in new[] { ("TrainBackprop", "bp"), ("TrainFeedbackAlignment", "fa"), ("TrainKolenPollack", "kp"), ("TrainNodePerturbation", "np"), ("TrainWeightPerturbation", "wp") })
        {
            foreach (var name in new[] { "losses", "accuracy", "cosine", "snr", "W_y_final", "loss_final" })
            {
                if (!(prefix == "wp" && name == "snr"))
                {
                    Add($"RuleTrainerChecks.{check}", $"{prefix}_{name}", "mlp_training");
                }
            }
        }

        Add("RuleTrainerChecks.TrainKolenPollack", "kp_B_final", "mlp_training");
        foreach (var p in new[] { "a", "b" })
        {
            foreach (var (check, rule) in new[] { ("HebbianChecks.Oja", "oja"), ("HebbianChecks.Hebb", "hebb") })
            {
                Add(check, $"{p}_{rule}_dir", "hebb_oja", $"{p}_{rule}_w");
                Add(check, $"{p}_{rule}_norm", "hebb_oja");
                Add(check, $"{p}_{rule}_angle", "hebb_oja");
            }

            Add("HebbianChecks.PrincipalAxis", $"{p}_pc1", "hebb_oja");
            Add("HebbianChecks.PrincipalAxis", $"{p}_pc1_sample", "hebb_oja");
        }

        foreach (var (check, prefix) in new[] { ("RewardLearningChecks.WithBaseline", "base"), ("RewardLearningChecks.WithoutBaseline", "nobase") })
        {
            foreach (var name in new[] { "R", "Rbar", "W_final", "eval_loss" })
            {
                Add(check, $"{prefix}_{name}", "reward_baseline");
            }
        }

        return data;
    }

    /// <summary>(check, flag output): flags the trusted derive steps compute; the snapshot must hold 1.</summary>
    public static TheoryData<string, string> Flags()
    {
        var data = new TheoryData<string, string>();
        void Add(string check, params string[] flags)
        {
            foreach (var flag in flags)
            {
                data.Add(check, flag);
            }
        }

        Add("MlpChecks.AccuracyTies", "metrics_file", "ties_counted");
        Add("LearningRulesChecks.KolenPollackConverges", "shrinks_exactly", "w_h_learns", "finite");
        Add("LearningRulesChecks.NodePerturbationExpectation", "aligned_w_h", "aligned_w_y", "finite");
        foreach (var p in new[] { "a", "b" })
        {
            Add("HebbianChecks.OjaVersusHebb", $"{p}_oja_norm_one", $"{p}_oja_angle_falls", $"{p}_hebb_grows", $"{p}_starts_at_w0");
        }

        Add("RewardLearningChecks.BaselineLowersVariance", "baseline_tracks", "variance_lower", "learns_as_well");
        Add("HebbianChecks.PartialRecording", "oja_partial_not_recorded", "hebb_partial_not_recorded");
        Add("MetricsChecks.CosineOfZero", "zero_gives_nan");
        return data;
    }

    [Theory]
    [MemberData(nameof(Goldens))]
    public void SnapshotEqualsPyTorchGolden(string check, string output, string goldenFile, string goldenMember)
    {
        var snapshot = ReadSnapshot(check);
        snapshot.Should().ContainKey(output, $"snapshot of {Week}/{check} must hold output '{output}'");
        var golden = Npz.Read(RepoPaths.Reference(Path.Combine("learning_rules", goldenFile + ".npz")))[goldenMember];
        var got = snapshot[output];
        got.Shape.Should().Equal(golden.Shape, $"{Week}/{check} output '{output}' vs {goldenFile}:{goldenMember}");
        got.DType.Should().Be(golden.DType, $"{Week}/{check} output '{output}': the week is float64 like the golden");
        var a = (double[])got.Data;
        var e = (double[])golden.Data;
        if (output.EndsWith("_dir", StringComparison.Ordinal))
        {
            // The check returns each row of w divided by its norm; the golden stores w.
            var d = (int)golden.Shape[1];
            e = [.. e];
            for (var row = 0; row < golden.Shape[0]; row++)
            {
                var norm = Math.Sqrt(Enumerable.Range(0, d).Sum(j => e[(row * d) + j] * e[(row * d) + j]));
                for (var j = 0; j < d; j++)
                {
                    e[(row * d) + j] /= norm;
                }
            }
        }

        var (atol, rtol) = output switch
        {
            _ when output.EndsWith("accuracy", StringComparison.Ordinal) => (0.0, 0.0),
            _ when output.StartsWith("cos", StringComparison.Ordinal) || output.EndsWith("_cosine", StringComparison.Ordinal) || output.EndsWith("_dir", StringComparison.Ordinal) => (1e-12, 0.0),
            _ when output.EndsWith("_norm", StringComparison.Ordinal) => (0.0, 1e-12),
            _ when output.EndsWith("_angle", StringComparison.Ordinal) => (1e-10, 0.0),
            _ => (1e-12 * e.Max(Math.Abs), 0.0),
        };
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
            $"{Week}/{check} output '{output}' differs from PyTorch's {goldenFile}:{goldenMember} at flat index {worst}: snapshot {a[worst]:R}, golden {e[worst]:R}, " +
            $"beyond the README's float64 tolerance (atol {atol:G3}, rtol {rtol:G3}); fix the solution, then run `snapshot update --week {Week}`");
    }

    [Theory]
    [MemberData(nameof(Flags))]
    public void SnapshotFlagIsOne(string check, string output)
    {
        var snapshot = ReadSnapshot(check);
        snapshot.Should().ContainKey(output);
        ((float[])snapshot[output].Data).Should().Equal([1f], $"{Week}/{check} output '{output}' is a property the solutions must satisfy");
    }

    [Fact]
    public void EverySnapshotOutputIsTiedToAGoldenOrAFlag()
    {
        var tied = Goldens().Select(row => (row.Data.Item1, row.Data.Item2))
            .Concat(Flags().Select(row => (row.Data.Item1, row.Data.Item2)))
            .ToHashSet();
        foreach (var path in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "grader", "weeks", Folder, "snapshots"), "*.expected.npz"))
        {
            var check = Path.GetFileName(path)[..^".expected.npz".Length];
            foreach (var output in Npz.Read(path).Keys)
            {
                tied.Should().Contain((check, output), $"{Week}/{check} output '{output}' must be tied to a golden or be a flag");
            }
        }
    }

    [Fact]
    public void InputArchivesHoldOnlyInputsCopiedFromTheGoldens()
    {
        foreach (var (file, allowed) in AllowedInputMembers)
        {
            using var input = ZipFile.OpenRead(Path.Combine(InputsRoot(), file + ".npz"));
            using var reference = ZipFile.OpenRead(RepoPaths.Reference(Path.Combine("learning_rules", file + ".npz")));
            var names = input.Entries.Select(e => e.FullName[..^".npy".Length]).ToArray();
            names.Should().BeEquivalentTo(allowed, $"inputs/{file}.npz must hold exactly the allow-listed input members (an expected array there would leak to submissions)");
            foreach (var entry in input.Entries)
            {
                ReadAll(entry).Should().Equal(ReadAll(reference.GetEntry(entry.FullName)!), $"inputs/{file}.npz:{entry.FullName} must be a byte copy of the golden; rerun make_inputs.py");
            }
        }
    }

    /// <summary>
    /// inputs/arguments.npz holds the arrays visible checks use beside the submission's result (backprop's update for the
    /// rules' cosines, the true principal axes for the Hebb/Oja angles): byte copies of golden members, each the expected
    /// value of a visible check (Backprop's bp_dW_h, bp_dW_y; PrincipalAxis's a_pc1, b_pc1, whose snapshots ship anyway);
    /// and no hidden check's snapshot holds any of them, so storing them where a submission can read them gives away no
    /// hidden expected value.
    /// </summary>
    [Fact]
    public void ArgumentsAreGoldenCopiesAndNoHiddenCheckGradesThem()
    {
        var path = Path.Combine(InputsRoot(), "arguments.npz");
        CheckArguments.AreGoldenCopies(path, "learning_rules", CopiedArguments.ToDictionary(kv => kv.Key, kv => (kv.Value.File + ".npz", kv.Value.Member)));

        var arguments = Npz.Read(path);
        var visible = CheckDiscovery.Discover(WeekCatalog.Find(Week)!).Where(c => c.Visibility == Visibility.Visible).Select(c => c.ShortName).ToHashSet(StringComparer.Ordinal);
        visible.Should().Contain(["LearningRulesChecks.Backprop", "HebbianChecks.PrincipalAxis"], "each argument is the expected value of a visible check, whose snapshot ships in the release anyway");
        ReadSnapshot("LearningRulesChecks.Backprop").Should().ContainKeys("bp_dW_h", "bp_dW_y");
        ReadSnapshot("HebbianChecks.PrincipalAxis").Should().ContainKeys("a_pc1", "b_pc1");
        CheckArguments.NoHiddenCheckGrades(Week, Folder, arguments);
    }

    [Fact]
    public void InputsFolderHoldsOnlyTheArchives()
    {
        var files = Directory.EnumerateFiles(InputsRoot(), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(InputsRoot(), f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        files.Should().Equal(
            ["README.md", "arguments.npz", "hebb_oja.npz", "mlp_metrics.npz", "mlp_rules.npz", "mlp_training.npz", "reward_baseline.npz"],
            "the inputs folder reaches the runner child: only what make_inputs.py writes belongs there");
    }

    private static IReadOnlyDictionary<string, NpyArray> ReadSnapshot(string check)
    {
        var path = Path.Combine(RepoPaths.Root, "grader", "weeks", Folder, "snapshots", $"{check}.expected.npz");
        File.Exists(path).Should().BeTrue($"snapshot {path} of check {Week}/{check} is missing; run `dotnet run --project grader/NeuroExercises.Grader -- snapshot update --week {Week}`");
        return Npz.Read(path);
    }

    private static byte[] ReadAll(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    private static string InputsRoot() => Path.Combine(RepoPaths.Root, "grader", "weeks", Folder, "inputs");
}
