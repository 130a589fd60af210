using System.IO.Compression;
using FluentAssertions;
using NeuroExercises.Core.Npy;
using NeuroExercises.Tests.Shared;

namespace NeuroExercises.Grader.Tests.Weeks;

/// <summary>
/// Ties the deep-learning-neuro snapshots (made from our solutions by <c>snapshot update</c>) to the PyTorch goldens in
/// ../shared/reference/deep_learning_neuro with the tolerances of its README (indices, classes, gratings exact; bins 1e-6,
/// DeepNet 2e-6, classifier 1e-6 and its losses 5e-6 / 1e-4, filters and convolutions 1e-6, CNN forward 2e-6, its first
/// steps 1e-5 and track_loss 2e-4 absolute, test_prob 1e-3 absolute, RDMs 1e-5, similarities 1e-6 / Spearman 1e-5
/// absolute, encoding 1e-5 and EV 5e-6 absolute; relative tolerances taken to max |golden|), so a wrong solution cannot
/// become the truth the judge grades against. Derived flags must be 1, and the inputs folder holds byte copies of the
/// goldens' input members only.
/// </summary>
public sealed class DeepLearningNeuroSnapshotTruthTests
{
    private const string Week = "deep-learning-neuro";

    private const string Folder = "Week05.DeepLearningNeuro";

    /// <summary>Members a check input archive may hold (inputs, never graded results). Mirrors make_inputs.py.</summary>
    private static readonly Dictionary<string, string[]> AllowedInputMembers = new(StringComparer.Ordinal)
    {
        ["W3D4_stringer_oribinned1_synthetic"] = ["resp", "stimuli"],
        ["W3D4_stringer_oribinned6_split_synthetic"] = ["resp_train", "resp_test", "stimuli"],
        ["data_prep"] = ["ishuffle", "class_edge_inputs"],
        ["deepnet"] = ["in_weight", "in_bias", "out_weight", "out_bias", "istim", "final_in_weight", "final_in_bias", "final_out_weight", "final_out_bias"],
        ["deepnet_m200"] = ["in_weight", "in_bias", "out_weight", "out_bias", "istim"],
        ["decoding_bonus"] = ["init_in_weight", "init_in_bias", "init_out_weight", "init_out_bias"],
        ["conv"] = ["orientations", "t3_orientations", "patch_orientations", "encoding_orientations"],
        ["cnn"] = ["train_ori_f64", "perm", "fwd_ori_f64", "test_ori_f64", "v1_ori", "init_conv_weight", "init_conv_bias", "init_fc_weight", "init_fc_bias", "init_out_weight", "init_out_bias",
            "final_conv_weight", "final_conv_bias", "final_fc_weight", "final_fc_bias", "final_out_weight", "final_out_bias", "act_pool", "act_fc"],
        ["rsa"] = ["small_X", "small_X_affine", "small_X_const", "tie_a_f64", "tie_b_f64"],
        ["encoding"] = ["neurons", "init_conv_weight", "init_conv_bias", "init_out_layer_weight", "init_out_layer_bias", "y_pred_final"],
    };

    /// <summary>Members of inputs/arguments.npz copied from a golden: member → (golden file, member). Mirrors make_inputs.py.</summary>
    private static readonly Dictionary<string, (string File, string Member)> CopiedArguments = new(StringComparer.Ordinal)
    {
        ["conv_stimuli"] = ("conv", "stimuli"),
        ["filters_t2"] = ("conv", "filters_t2"),
        ["encoding_stimuli"] = ("encoding", "grating_stimuli"),
        ["rdm_v1"] = ("rsa", "rdm_v1"),
        ["rdm_pool"] = ("rsa", "rdm_pool"),
        ["rdm_fc"] = ("rsa", "rdm_fc"),
    };

    /// <summary>Outputs that are compared with the first entries of a longer golden: output → (golden member, count).</summary>
    private static readonly Dictionary<(string Check, string Output), (string Member, int Count)> Heads = new()
    {
        [("DeepNetTrainingChecks.TrainThreeSteps", "train_loss_head")] = ("train_loss", 3),
        [("OrientationClassifierChecks.TrainThreeSteps", "train_loss_head")] = ("sm_train_loss", 3),
        [("OrientationClassifierChecks.TrainThreeSteps", "test_loss_head")] = ("sm_test_loss", 3),
        [("OrientationClassifierChecks.RegularisedSteps", "reg_train_loss_head")] = ("reg_train_loss", 2),
        [("OrientationClassifierChecks.RegularisedSteps", "reg_test_loss_head")] = ("reg_test_loss", 2),
        [("TiltCnnChecks.TrainThreeSteps", "track_loss_head")] = ("track_loss", 3),
        [("EncodingModelChecks.TrainThreeSteps", "train_loss_head")] = ("train_loss", 3),
        [("EncodingModelChecks.TrainThreeSteps", "test_loss_head")] = ("test_loss", 3),
    };

    /// <summary>(check, output, golden file, golden member): the snapshot output is the golden array (within the README's tolerance).</summary>
    public static TheoryData<string, string, string, string> Goldens()
    {
        var data = new TheoryData<string, string, string, string>();
        void Add(string check, string file, params string[] outputs)
        {
            foreach (var output in outputs)
            {
                data.Add(check, output, file, Heads.TryGetValue((check, output), out var head) ? head.Member : output);
            }
        }

        Add("DataPreparationChecks.Split", "data_prep", "itrain", "itest", "stimuli_train", "stimuli_test", "t3_rows", "t3_ori");
        Add("DataPreparationChecks.Rebin", "data_prep", "bw10_resp", "bw10_stimuli", "bw7_resp", "bw7_stimuli");
        Add("DataPreparationChecks.OrientationClasses", "data_prep", "stimulus_class_20", "stimulus_class_8", "stimulus_class_35", "class_edge_20", "class_edge_35");
        Add("DeepNetChecks.Forward", "deepnet", "hidden_pre_sample", "relu_hidden_sample", "relu_out_sample", "linear_out_sample");
        Add("DeepNetChecks.ForwardM200", "deepnet_m200", "hidden", "out");
        Add("DeepNetTrainingChecks.Mse", "deepnet", "mse_sample", "mse_sample_linear");
        Add("DeepNetTrainingChecks.TrainThreeSteps", "deepnet", "after3_in_weight", "after3_in_bias", "after3_out_weight", "after3_out_bias", "train_loss_head");
        Add("DeepNetTrainingChecks.DecodingError", "deepnet", "decoding_error", "hidden_all");
        Add("OrientationClassifierChecks.Forward", "decoding_bonus", "logp_test0", "nll_train0");
        Add("OrientationClassifierChecks.Penalties", "decoding_bonus", "reg_l2_term0", "reg_l1_term0");
        Add("OrientationClassifierChecks.TrainThreeSteps", "decoding_bonus", "after3_in_weight", "after3_in_bias", "after3_out_weight", "after3_out_bias", "train_loss_head", "test_loss_head");
        Add("OrientationClassifierChecks.RegularisedSteps", "decoding_bonus", "reg_train_loss_head", "reg_test_loss_head");
        Add("TuningCurvesChecks.Smooth", "decoding_bonus", "resp_smoothed_cols", "preferred_orientation");
        Add("GratingsChecks.Images", "conv", "stimuli", "grating_t3", "grating_patch_t2", "grating_patch_t3", "grating_stimuli");
        Add("FiltersChecks.Make", "conv", "filters_t2", "filters_t3");
        Add("ConvolutionChecks.WrittenOut", "conv", "convout");
        Add("ConvolutionChecks.Conv2d", "conv", "convout");
        Add("TiltCnnChecks.Forward", "cnn", "fwd_conv01", "fwd_pool", "fwd_fc", "fwd_out_pre", "fwd_out");
        var cnnWeights = new[] { "conv_weight", "conv_bias", "fc_weight", "fc_bias", "out_weight", "out_bias" };
        Add("TiltCnnChecks.TrainThreeSteps", "cnn", [.. cnnWeights.Select(w => "after1_" + w), .. cnnWeights.Select(w => "after3_" + w), "track_loss_head"]);
        Add("TiltCnnChecks.Accuracy", "cnn", "test_prob", "test_acc");
        Add("RsaChecks.Rdm", "rsa", "rdm_v1", "rdm_pool", "rdm_fc", "small_rdm", "small_rdm_affine", "small_rdm_const");
        Add("RsaChecks.Similarity", "rsa", "rdm_sim_pool_f64", "rdm_sim_fc_f64", "spearman_pool_f64", "spearman_fc_f64", "tie_pearson_f64", "tie_spearman_f64");
        Add("EncodingModelChecks.Forward", "encoding", "conv_act0", "y_pred0", "loss0_mse", "loss0_l2", "loss0_l1", "loss0_reg");
        Add("EncodingModelChecks.TrainThreeSteps", "encoding", "after3_conv_weight", "after3_conv_bias", "after3_out_layer_weight", "after3_out_layer_bias", "train_loss_head", "test_loss_head");
        Add("EncodingModelChecks.ExplainedVariance", "encoding", "ev_test");
        return data;
    }

    /// <summary>(check, flag output): flags the trusted derive steps compute; the snapshot must hold 1.</summary>
    public static TheoryData<string, string> Flags()
    {
        var data = new TheoryData<string, string>();
        foreach (var flag in new[] { "angles_unchanged", "in_bin_7", "in_bin_20", "in_bin_35", "in_bin_36" })
        {
            data.Add("DataPreparationChecks.ClassInItsBin", flag);
        }

        foreach (var flag in new[] { "loss_lowered", "finite", "weights_moved" })
        {
            data.Add("DeepNetTrainingChecks.StepLowersLoss", flag);
        }

        data.Add("ConvolutionChecks.WrittenOutEqualsConv2d", "agree");
        data.Add("ConvolutionChecks.WrittenOutEqualsConv2d", "matches_definition");
        foreach (var flag in new[] { "symmetric", "zero_diagonal", "affine_invariant", "is_one_minus_pearson" })
        {
            data.Add("RsaChecks.RdmProperties", flag);
        }

        data.Add("RsaChecks.SpearmanOfUntiedIsPearsonOfRanks", "ranks_are_ranks");
        data.Add("RsaChecks.SpearmanOfUntiedIsPearsonOfRanks", "equals_pearson_of_ranks");
        return data;
    }

    [Theory]
    [MemberData(nameof(Goldens))]
    public void SnapshotEqualsPyTorchGolden(string check, string output, string goldenFile, string goldenMember)
    {
        var snapshot = ReadSnapshot(check);
        snapshot.Should().ContainKey(output, $"snapshot of {Week}/{check} must hold output '{output}'");
        var golden = Npz.Read(RepoPaths.Reference(Path.Combine("deep_learning_neuro", goldenFile + ".npz")))[goldenMember];
        var got = snapshot[output];
        var a = got.ToDoubles();
        var e = golden.ToDoubles();
        if (Heads.TryGetValue((check, output), out var head))
        {
            e = e[..head.Count];
        }
        else
        {
            got.Shape.Should().Equal(golden.Shape, $"{Week}/{check} output '{output}' vs {goldenFile}:{goldenMember}");
            (got.DType == golden.DType || output == "test_acc").Should().BeTrue($"{Week}/{check} output '{output}' is {got.DType}, the golden {golden.DType}");
        }

        a.Should().HaveCount(e.Length);
        var atol = Tolerance(goldenFile, goldenMember, e);
        var worst = -1;
        var worstExcess = 0.0;
        for (var i = 0; i < e.Length; i++)
        {
            if (double.IsNaN(e[i]) || double.IsNaN(a[i]))
            {
                if (double.IsNaN(a[i]) != double.IsNaN(e[i]))
                {
                    worst = i;
                    worstExcess = double.PositiveInfinity;
                }

                continue;
            }

            var excess = Math.Abs(a[i] - e[i]) - atol;
            if (excess > worstExcess)
            {
                worst = i;
                worstExcess = excess;
            }
        }

        worst.Should().Be(-1, worst < 0 ? "" :
            $"{Week}/{check} output '{output}' differs from PyTorch's {goldenFile}:{goldenMember} at flat index {worst}: snapshot {a[worst]:G9}, golden {e[worst]:G9}, " +
            $"beyond the README's tolerance (atol {atol:G3}); fix the solution, then run `snapshot update --week {Week}`");
    }

    [Theory]
    [MemberData(nameof(Flags))]
    public void SnapshotFlagIsOne(string check, string output)
    {
        var snapshot = ReadSnapshot(check);
        snapshot.Should().ContainKey(output);
        snapshot[output].ToDoubles().Should().Equal([1.0], $"{Week}/{check} output '{output}' is an invariant the solutions must satisfy");
    }

    [Fact]
    public void InputArchivesHoldOnlyInputsCopiedFromTheGoldens()
    {
        foreach (var (file, allowed) in AllowedInputMembers)
        {
            using var input = ZipFile.OpenRead(Path.Combine(InputsRoot(), file + ".npz"));
            using var reference = ZipFile.OpenRead(RepoPaths.Reference(Path.Combine("deep_learning_neuro", file + ".npz")));
            var names = input.Entries.Select(e => e.FullName[..^".npy".Length]).ToArray();
            names.Should().BeEquivalentTo(allowed, $"inputs/{file}.npz must hold exactly the allow-listed input members (an expected array there would leak to submissions)");
            foreach (var entry in input.Entries)
            {
                ReadAll(entry).Should().Equal(ReadAll(reference.GetEntry(entry.FullName)!), $"inputs/{file}.npz:{entry.FullName} must be a byte copy of the golden; rerun make_inputs.py");
            }
        }
    }

    /// <summary>
    /// inputs/arguments.npz holds the arrays visible checks pass to the piece they grade: byte copies of golden members,
    /// and the gratings at cnn.npz's fwd_ori_f64 (the README's formula, computed here independently); and no hidden check's
    /// snapshot holds any of them, so storing them where a submission can read them gives away no hidden expected value.
    /// </summary>
    [Fact]
    public void ArgumentsAreGoldenCopiesOrTheCoursesGratingsAndNoHiddenCheckGradesThem()
    {
        var path = Path.Combine(InputsRoot(), "arguments.npz");
        CheckArguments.AreGoldenCopies(path, "deep_learning_neuro", CopiedArguments.ToDictionary(kv => kv.Key, kv => (kv.Value.File + ".npz", kv.Value.Member)), ["fwd_images"]);

        var arguments = Npz.Read(path);
        var orientations = Npz.Read(RepoPaths.Reference(Path.Combine("deep_learning_neuro", "cnn.npz")))["fwd_ori_f64"].AsDoubles();
        arguments["fwd_images"].Shape.Should().Equal([orientations.Length, 1, 48, 64]);
        arguments["fwd_images"].AsSingles().Should().Equal(orientations.SelectMany(a => Grating(a, 0.1)), "fwd_images are the course's uncentred gratings at resolution 0.1");

        CheckArguments.NoHiddenCheckGrades(Week, Folder, arguments);
    }

    [Fact]
    public void InputsFolderHoldsOnlyTheArchives()
    {
        var files = Directory.EnumerateFiles(InputsRoot(), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(InputsRoot(), f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        files.Should().Equal(
            [.. AllowedInputMembers.Keys.Select(k => k + ".npz").Append("arguments.npz").Append("README.md").Order(StringComparer.Ordinal)],
            "the inputs folder reaches the runner child: only what make_inputs.py writes belongs there");
    }

    /// <summary>The README's tolerance of a golden member as an absolute value (relative ones resolved with max |golden|).</summary>
    private static double Tolerance(string file, string member, double[] golden)
    {
        double OfMax(double factor) => factor * golden.Where(double.IsFinite).Max(Math.Abs);
        return (file, member) switch
        {
            ("data_prep", _) when member.StartsWith("bw", StringComparison.Ordinal) => OfMax(1e-6),
            ("deepnet" or "deepnet_m200", _) => OfMax(2e-6),
            ("decoding_bonus", "sm_train_loss" or "reg_train_loss") => OfMax(5e-6),
            ("decoding_bonus", "sm_test_loss" or "reg_test_loss") => OfMax(1e-4),
            ("decoding_bonus", "preferred_orientation") => 0,
            ("decoding_bonus", _) => OfMax(1e-6),
            ("conv", "filters_t2" or "filters_t3" or "convout") => OfMax(1e-6),
            ("cnn", "after3_conv_bias") => 2e-6,
            ("cnn", _) when member.StartsWith("fwd_", StringComparison.Ordinal) => OfMax(2e-6),
            ("cnn", _) when member.StartsWith("after", StringComparison.Ordinal) => OfMax(1e-5),
            ("cnn", "track_loss") => 2e-4,
            ("cnn", "test_prob") => 1e-3,
            ("rsa", "rdm_sim_pool_f64" or "rdm_sim_fc_f64" or "tie_pearson_f64" or "tie_spearman_f64") => 1e-6,
            ("rsa", "spearman_pool_f64" or "spearman_fc_f64") => 1e-5,
            ("rsa", _) => OfMax(1e-5),
            ("encoding", "ev_test") => 5e-6,
            ("encoding", _) => OfMax(1e-5),
            _ => 0, // indices, classes, gratings, test_acc: exact
        };
    }

    private static IReadOnlyDictionary<string, NpyArray> ReadSnapshot(string check)
    {
        var path = Path.Combine(RepoPaths.Root, "grader", "weeks", Folder, "snapshots", $"{check}.expected.npz");
        File.Exists(path).Should().BeTrue($"snapshot {path} of check {Week}/{check} is missing; run `dotnet run --project grader/NeuroExercises.Grader -- snapshot update --week {Week}`");
        return Npz.Read(path);
    }

    /// <summary>The course's uncentred square-wave grating (README): cos(1/28·j/ρ·cos α + 1/28·i/ρ·sin α) &gt; 0, in double.</summary>
    private static IEnumerable<float> Grating(double degrees, double resolution)
    {
        var alpha = degrees * (Math.PI / 180);
        for (var i = 0; i < (int)Math.Ceiling(480 * resolution); i++)
        {
            for (var j = 0; j < (int)Math.Ceiling(640 * resolution); j++)
            {
                yield return Math.Cos((1.0 / 28 * j / resolution * Math.Cos(alpha)) + (1.0 / 28 * i / resolution * Math.Sin(alpha))) > 0 ? 1f : 0f;
            }
        }
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
