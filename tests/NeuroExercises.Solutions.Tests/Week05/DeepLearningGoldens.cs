using System.Collections.Concurrent;
using NeuroExercises.Core.Npy;
using NeuroExercises.Tests.Shared;
using NeuroExercises.Week05.DeepLearningNeuro;
using static TorchSharp.torch;

namespace NeuroExercises.Solutions.Tests.Week05;

/// <summary>
/// ../shared/reference/deep_learning_neuro/*.npz, every output array recomputed through the week's public API from the
/// stored inputs (recordings, shuffles, initial weights, permutations, NumPy's draws), and the README's tolerance of each.
/// </summary>
internal static class DeepLearningGoldens
{
    public const string DataPrep = "data_prep";
    public const string DeepNetFile = "deepnet";
    public const string DeepNetM200 = "deepnet_m200";
    public const string Bonus = "decoding_bonus";
    public const string Conv = "conv";
    public const string Cnn = "cnn";
    public const string RsaFile = "rsa";
    public const string Encoding = "encoding";

    public const string Binned1 = "W3D4_stringer_oribinned1_synthetic.npz";
    public const string Split6 = "W3D4_stringer_oribinned6_split_synthetic.npz";

    public static readonly string[] Files = [DataPrep, DeepNetFile, DeepNetM200, Bonus, Conv, Cnn, RsaFile, Encoding];

    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, NpyArray>> Cache = new();

    private static readonly HashSet<string> Inputs = new(StringComparer.Ordinal)
    {
        "data_prep/ishuffle", "data_prep/class_edge_inputs", "data_prep/get_data_istim_1", "data_prep/get_data_istim_20",
        "deepnet/in_weight", "deepnet/in_bias", "deepnet/out_weight", "deepnet/out_bias", "deepnet/istim",
        "deepnet_m200/in_weight", "deepnet_m200/in_bias", "deepnet_m200/out_weight", "deepnet_m200/out_bias", "deepnet_m200/istim",
        "decoding_bonus/init_in_weight", "decoding_bonus/init_in_bias", "decoding_bonus/init_out_weight", "decoding_bonus/init_out_bias",
        "conv/orientations", "conv/t3_orientations", "conv/patch_orientations", "conv/encoding_orientations",
        "cnn/train_ori_f64", "cnn/conv_weight_default_init", "cnn/conv_bias_default_init", "cnn/init_conv_weight", "cnn/init_conv_bias",
        "cnn/init_fc_weight", "cnn/init_fc_bias", "cnn/init_out_weight", "cnn/init_out_bias", "cnn/fwd_ori_f64", "cnn/perm",
        "cnn/test_ori_f64", "cnn/v1_ori",
        "rsa/small_X", "rsa/small_X_affine", "rsa/small_X_const", "rsa/tie_a_f64", "rsa/tie_b_f64", "rsa/rdm_rows_ori",
        "encoding/neurons", "encoding/init_conv_weight", "encoding/init_conv_bias", "encoding/init_out_layer_weight", "encoding/init_out_layer_bias",
    };

    /// <summary>The members of a golden file (or of a recording file, by its full name).</summary>
    public static IReadOnlyDictionary<string, NpyArray> Members(string file) =>
        Cache.GetOrAdd(file, f => Npz.Read(Path(f.EndsWith(".npz", StringComparison.Ordinal) ? f : f + ".npz")));

    /// <summary>The path of a reference file.</summary>
    public static string Path(string fileName) => RepoPaths.Reference(System.IO.Path.Combine("deep_learning_neuro", fileName));

    /// <summary>One member as a CPU tensor.</summary>
    public static Tensor T(string file, string member) => Members(file)[member].ToTensor();

    /// <summary>True for the members a file's computation reads.</summary>
    public static bool IsInput(string file, string member) => Inputs.Contains($"{file}/{member}");

    /// <summary>The output members of a file.</summary>
    public static IEnumerable<string> Outputs(string file) => Members(file).Keys.Where(k => !IsInput(file, k)).Order(StringComparer.Ordinal);

    /// <summary>
    /// True for the members that need a full-length training run (the classifier's 2 × 1000 iterations, the CNN's 250
    /// minibatch steps, the encoding model's 200 steps): recomputed only by the slow tests and by the experiments command.
    /// </summary>
    public static bool IsLong(string file, string member) => (file, member) switch
    {
        (Bonus, _) => member.StartsWith("sm_", StringComparison.Ordinal) || member.StartsWith("reg_", StringComparison.Ordinal) && !member.EndsWith("term0", StringComparison.Ordinal) && member != "reg_loss_train0",
        (Cnn, _) => member is "track_loss" or "test_prob" or "test_acc" || member.StartsWith("final_", StringComparison.Ordinal) || member.StartsWith("act_", StringComparison.Ordinal),
        (Encoding, _) => member is "train_loss" or "test_loss" or "y_pred_final" or "ev_test" || member.StartsWith("final_", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>The synthetic recording.</summary>
    public static OrientationRecording Recording() => StringerData.LoadOriBinned1(Path(Binned1));

    /// <summary>The course's split of the synthetic recording (data_prep.npz's shuffle).</summary>
    public static TrainTestSplit Split()
    {
        var rec = Recording();
        return DataPreparation.Split(rec.Resp, rec.Stimuli, T(DataPrep, "ishuffle"));
    }

    /// <summary>The README's tolerance: (atol, rtol, atol relative to max |golden|).</summary>
    public static (double Atol, double Rtol, bool OfMax) Tolerance(string file, string member) => (file, member) switch
    {
        (DataPrep, _) when member.StartsWith("bw", StringComparison.Ordinal) => (1e-6, 0, true),
        (DataPrep, _) => (0, 0, false),
        (DeepNetFile or DeepNetM200, _) => (2e-6, 0, true),
        (Bonus, "sm_train_loss" or "reg_train_loss") => (5e-6, 0, true),
        (Bonus, "sm_test_loss" or "reg_test_loss") => (1e-4, 0, true),
        (Bonus, "sm_final_in_weight") => (3e-4, 0, true),
        (Bonus, "reg_final_in_weight") => (2e-3, 0, true),
        (Bonus, "preferred_orientation" or "isort_stable" or "train_labels" or "test_labels" or "sm_pred_test" or "reg_pred_test" or "sm_frac_correct" or "reg_frac_correct") => (0, 0, false),
        (Bonus, _) => (1e-6, 0, true),
        (Conv, "filters_t2" or "filters_t3" or "convout" or "cos_margin" or "cos_margin_encoding") => (1e-6, 0, true),
        (Conv, _) => (0, 0, false),
        (Cnn, "train_tilt" or "test_acc") => (0, 0, false),
        (Cnn, "after3_conv_bias") => (2e-6, 0, false),
        (Cnn, _) when member.StartsWith("fwd_", StringComparison.Ordinal) => (2e-6, 0, true),
        (Cnn, _) when member.StartsWith("after", StringComparison.Ordinal) => (1e-5, 0, true),
        (Cnn, "track_loss") => (2e-4, 0, false),
        (Cnn, _) when member.StartsWith("final_", StringComparison.Ordinal) => (1e-2, 0, true),
        (Cnn, "test_prob") => (1e-3, 0, false),
        (Cnn, _) => (2e-3, 0, true), // act_pool, act_fc, act_out
        (RsaFile, "v1_rows" or "rdm_rows_iori") => (0, 0, false),
        (RsaFile, "rdm_sim_pool_f64" or "rdm_sim_fc_f64" or "tie_pearson_f64" or "tie_spearman_f64") => (1e-6, 0, false),
        (RsaFile, "spearman_pool_f64" or "spearman_fc_f64") => (1e-5, 0, false),
        (RsaFile, _) => (1e-5, 0, true),
        (Encoding, "neurons" or "resp_train" or "resp_test" or "grating_stimuli") => (0, 0, false),
        (Encoding, "final_conv_bias") => (1e-4, 0, true),
        (Encoding, "ev_test") => (5e-6, 0, false),
        (Encoding, _) => (1e-5, 0, true),
        _ => throw new ArgumentException($"no tolerance for {file}/{member}"),
    };

    /// <summary>Every output array of a golden file, recomputed.</summary>
    /// <param name="file">The golden file.</param>
    /// <param name="full">False: skip the full-length training runs (<see cref="IsLong"/> members).</param>
    public static Dictionary<string, Tensor> Recompute(string file, bool full) => file switch
    {
        DataPrep => RecomputeDataPrep(),
        DeepNetFile => RecomputeDeepNet(),
        DeepNetM200 => RecomputeDeepNetM200(),
        Bonus => RecomputeBonus(full),
        Conv => RecomputeConv(),
        Cnn => RecomputeCnn(full),
        RsaFile => RecomputeRsa(),
        Encoding => RecomputeEncoding(full),
        _ => throw new ArgumentException(file),
    };

    /// <summary>min |cos(arg)| over a grating's pixels that are not masked (how close a pixel is to flipping).</summary>
    public static float CosMargin(double angleDegrees, double resolution, bool patch)
    {
        var width = (int)Math.Ceiling(640 * resolution);
        var height = (int)Math.Ceiling(480 * resolution);
        var alpha = (angleDegrees * (Math.PI / 180)) + (patch ? 0.1 : 0);
        var radius = 640.0 / 3 / 2 * resolution;
        var margin = double.PositiveInfinity;
        for (var i = 0; i < height; i++)
        {
            for (var j = 0; j < width; j++)
            {
                if (patch && Math.Sqrt(Math.Pow(j - (0.75 * width), 2) + Math.Pow(i - (height / 2.0), 2)) >= radius)
                {
                    continue;
                }

                var c = Math.Abs(Math.Cos((1.0 / 28 * j / resolution * Math.Cos(alpha)) + (1.0 / 28 * i / resolution * Math.Sin(alpha))));
                margin = Math.Min(margin, c);
            }
        }

        return (float)margin;
    }

    private static Dictionary<string, Tensor> RecomputeDataPrep()
    {
        var rec = Recording();
        var split = Split();
        var b10 = DataPreparation.Rebin(rec.Resp, rec.Stimuli, 10);
        var b7 = DataPreparation.Rebin(rec.Resp, rec.Stimuli, 7);
        var (rows, ori) = DataPreparation.Tutorial3View(rec.Stimuli);
        var edges = T(DataPrep, "class_edge_inputs");
        return new Dictionary<string, Tensor>(StringComparer.Ordinal)
        {
            ["itrain"] = split.TrainIndices,
            ["itest"] = split.TestIndices,
            ["n_train"] = tensor(new[] { split.TrainIndices.shape[0] }),
            ["stimuli_train"] = split.StimuliTrain,
            ["stimuli_test"] = split.StimuliTest,
            ["bw10_resp"] = b10.Resp,
            ["bw10_stimuli"] = b10.Stimuli,
            ["bw7_resp"] = b7.Resp,
            ["bw7_stimuli"] = b7.Stimuli,
            ["t3_rows"] = rows,
            ["t3_ori"] = ori,
            ["stimulus_class_20"] = DataPreparation.OrientationClass(rec.Stimuli, 20),
            ["stimulus_class_8"] = DataPreparation.OrientationClass(rec.Stimuli, 8),
            ["stimulus_class_35"] = DataPreparation.OrientationClass(rec.Stimuli, 35),
            ["class_edge_20"] = DataPreparation.OrientationClass(edges, 20),
            ["class_edge_35"] = DataPreparation.OrientationClass(edges, 35),
        };
    }

    private static Dictionary<string, Tensor> RecomputeDeepNet()
    {
        var f = DeepNetFile;
        var rec = Recording();
        var split = Split();
        var istim = T(f, "istim");
        var r = split.RespTrain.index_select(0, istim);
        var ori = split.StimuliTrain.index_select(0, istim);
        var got = new Dictionary<string, Tensor>(StringComparer.Ordinal) { ["r_sample"] = r, ["ori_sample"] = ori };
        using (var net = new DeepNet(T(f, "in_weight"), T(f, "in_bias"), T(f, "out_weight"), T(f, "out_bias")))
        using (var linear = new DeepNet(T(f, "in_weight"), T(f, "in_bias"), T(f, "out_weight"), T(f, "out_bias"), relu: false))
        using (no_grad())
        {
            got["hidden_pre_sample"] = net.HiddenPre(r);
            got["relu_hidden_sample"] = net.Hidden(r);
            got["relu_out_sample"] = net.Forward(r);
            got["linear_out_sample"] = linear.Forward(r);
            got["mse_sample"] = DeepNetTraining.Mse(net.Forward(r), ori).reshape(1);
            got["mse_sample_linear"] = DeepNetTraining.Mse(linear.Forward(r), ori).reshape(1);
        }

        using var trained = new DeepNet(T(f, "in_weight"), T(f, "in_bias"), T(f, "out_weight"), T(f, "out_bias"));
        var loss0 = DeepNetTraining.Mse(trained.Forward(split.RespTrain), split.StimuliTrain);
        var grads = autograd.grad([loss0], trained.Parameters.ToArray());
        string[] names = ["in_weight", "in_bias", "out_weight", "out_bias"];
        for (var i = 0; i < 4; i++)
        {
            got["grad0_" + names[i]] = grads[i];
        }

        var history = DeepNetTraining.Train(trained, split.RespTrain, split.StimuliTrain, 1e-4, 3);
        for (var i = 0; i < 4; i++)
        {
            got["after3_" + names[i]] = trained.Parameters[i].detach().clone();
        }

        var rest = DeepNetTraining.Train(trained, split.RespTrain, split.StimuliTrain, 1e-4, 47);
        got["train_loss"] = cat([history, rest]);
        for (var i = 0; i < 4; i++)
        {
            got["final_" + names[i]] = trained.Parameters[i].detach().clone();
        }

        using (no_grad())
        {
            got["test_out"] = trained.Forward(split.RespTest);
            got["test_mse"] = DeepNetTraining.Mse(got["test_out"], split.StimuliTest).reshape(1);
            got["decoding_error"] = DeepNetTraining.DecodingError(trained, split.RespTest, split.StimuliTest);
            got["hidden_all"] = trained.Hidden(rec.Resp).t().contiguous();
        }

        return got;
    }

    private static Dictionary<string, Tensor> RecomputeDeepNetM200()
    {
        var f = DeepNetM200;
        var split = Split();
        var istim = T(f, "istim");
        using var net = new DeepNet(T(f, "in_weight"), T(f, "in_bias"), T(f, "out_weight"), T(f, "out_bias"));
        using var noGrad = no_grad();
        var r = split.RespTrain.index_select(0, istim);
        return new Dictionary<string, Tensor>(StringComparer.Ordinal)
        {
            ["r"] = r,
            ["ori"] = split.StimuliTrain.index_select(0, istim),
            ["hidden"] = net.Hidden(r),
            ["out"] = net.Forward(r),
        };
    }

    private static Dictionary<string, Tensor> RecomputeBonus(bool full)
    {
        var f = Bonus;
        var rec = Recording();
        var split = Split();
        var smoothed = TuningCurves.Smooth(rec.Resp);
        var preferred = TuningCurves.PreferredOrientation(smoothed);
        var top2 = smoothed.topk(2, dim: 0).values;
        var got = new Dictionary<string, Tensor>(StringComparer.Ordinal)
        {
            ["resp_smoothed_cols"] = smoothed[.., TensorIndex.Slice(0, 16)].contiguous(),
            ["preferred_orientation"] = preferred,
            ["pref_margin"] = top2[0] - top2[1],
            ["isort_stable"] = tensor(Enumerable.Range(0, (int)preferred.shape[0]).OrderBy(i => preferred[i].item<long>()).Select(i => (long)i).ToArray()),
            ["train_labels"] = DataPreparation.OrientationClass(split.StimuliTrain.flatten(), 20),
            ["test_labels"] = DataPreparation.OrientationClass(split.StimuliTest.flatten(), 20),
        };
        var yTrain = got["train_labels"];
        var yTest = got["test_labels"];
        OrientationClassifier New() => new(T(f, "init_in_weight"), T(f, "init_in_bias"), T(f, "init_out_weight"), T(f, "init_out_bias"));
        using (var net = New())
        using (no_grad())
        {
            got["logp_test0"] = net.Forward(split.RespTest);
            got["nll_train0"] = OrientationClassifier.Nll(net.Forward(split.RespTrain), yTrain).reshape(1);
            var (l2, l1) = net.Penalties(1e-2, 5e-4);
            got["reg_l2_term0"] = l2.reshape(1);
            got["reg_l1_term0"] = l1.reshape(1);
            got["reg_loss_train0"] = (got["nll_train0"] + l2 + l1).reshape(1);
        }

        using (var net = New())
        {
            net.Train(split.RespTrain, yTrain, split.RespTest, yTest, 0.1, 3);
            string[] names = ["in_weight", "in_bias", "out_weight", "out_bias"];
            for (var i = 0; i < 4; i++)
            {
                got["after3_" + names[i]] = net.Parameters[i].detach().clone();
            }
        }

        foreach (var (run, l2, l1) in full ? new[] { ("sm", 0.0, 0.0), ("reg", 1e-2, 5e-4) } : [])
        {
            using var net = New();
            var history = net.Train(split.RespTrain, yTrain, split.RespTest, yTest, 0.1, 1000, l2, l1);
            got[run + "_train_loss"] = history.TrainLoss;
            got[run + "_test_loss"] = history.TestLoss;
            got[run + "_pred_test"] = net.Predict(split.RespTest);
            got[run + "_frac_correct"] = got[run + "_pred_test"].eq(yTest).to(float32).mean().reshape(1);
            got[run + "_final_in_weight"] = net.InWeight.detach().clone();
        }

        return got;
    }

    private static Dictionary<string, Tensor> RecomputeConv()
    {
        var f = Conv;
        double[] Angles(string name) => [.. T(f, name).to(float64).data<double>()];
        var stimuli = Gratings.Batch(Angles("orientations"), 0.1, centered: true);
        var filtersT2 = Filters.Make(zeroMean: true);
        return new Dictionary<string, Tensor>(StringComparer.Ordinal)
        {
            ["filters_t2"] = filtersT2,
            ["filters_t3"] = Filters.Make(zeroMean: false),
            ["stimuli"] = stimuli,
            ["convout"] = Convolution.CrossCorrelate(stimuli, filtersT2, null, 3),
            ["cos_margin"] = tensor(Angles("orientations").Select(a => CosMargin(a, 0.1, false)).ToArray()),
            ["grating_t3"] = stack(Angles("t3_orientations").Select(a => Gratings.Grating(a, 0.1)).ToArray()),
            ["grating_patch_t2"] = stack(Angles("patch_orientations").Select(a => Gratings.Grating(a, 0.1, patch: true, centered: true)).ToArray()),
            ["grating_patch_t3"] = stack(Angles("patch_orientations").Select(a => Gratings.Grating(a, 0.1, patch: true)).ToArray()),
            ["grating_stimuli"] = Gratings.Batch(Angles("encoding_orientations"), 0.025, centered: true),
            ["cos_margin_encoding"] = tensor(Angles("encoding_orientations").Select(a => CosMargin(a, 0.025, false)).ToArray()),
        };
    }

    /// <summary>The CNN at its stored initial weights.</summary>
    public static TiltCnn InitialCnn() =>
        new(T(Cnn, "init_conv_weight"), T(Cnn, "init_conv_bias"), T(Cnn, "init_fc_weight"), T(Cnn, "init_fc_bias"), T(Cnn, "init_out_weight"), T(Cnn, "init_out_bias"));

    private static readonly string[] CnnNames = ["conv_weight", "conv_bias", "fc_weight", "fc_bias", "out_weight", "out_bias"];

    private static Dictionary<string, Tensor> RecomputeCnn(bool full)
    {
        var f = Cnn;
        var trainOri = T(f, "train_ori_f64").data<double>().ToArray();
        var images = Gratings.Batch(trainOri, 0.1, centered: false);
        var labels = T(f, "train_ori_f64").gt(0).to(float32).reshape(-1, 1);
        var got = new Dictionary<string, Tensor>(StringComparer.Ordinal) { ["train_tilt"] = labels };
        using var net = InitialCnn();
        var fwd = net.Activations(Gratings.Batch(T(f, "fwd_ori_f64").data<double>().ToArray(), 0.1, centered: false));
        got["fwd_conv01"] = fwd.Conv[TensorIndex.Slice(0, 2)].contiguous();
        got["fwd_pool"] = fwd.Pool;
        got["fwd_fc"] = fwd.Fc;
        got["fwd_out_pre"] = fwd.OutPre;
        using (no_grad())
        {
            got["fwd_out"] = net.Forward(Gratings.Batch(T(f, "fwd_ori_f64").data<double>().ToArray(), 0.1, centered: false));
        }

        // One optimiser over all 250 steps (momentum carries over): snapshots taken from inside by training in pieces is
        // not possible with a fresh MomentumSgd, so train three copies: 1 step, 3 steps, all.
        var perm = T(f, "perm");
        foreach (var (prefix, steps) in new[] { ("after1_", 1), ("after3_", 3) })
        {
            using var copy = InitialCnn();
            TiltTraining.Train(copy, images, labels, perm, 100, 5e-4, 0.99, steps);
            for (var i = 0; i < 6; i++)
            {
                got[prefix + CnnNames[i]] = copy.Parameters[i].detach().clone();
            }
        }

        if (!full)
        {
            return got;
        }

        got["track_loss"] = TiltTraining.Train(net, images, labels, perm, 100, 5e-4, 0.99);
        for (var i = 0; i < 6; i++)
        {
            got["final_" + CnnNames[i]] = net.Parameters[i].detach().clone();
        }

        var testOri = T(f, "test_ori_f64");
        var testImages = Gratings.Batch(testOri.data<double>().ToArray(), 0.1, centered: false);
        using (no_grad())
        {
            got["test_prob"] = net.Forward(testImages).flatten();
        }

        got["test_acc"] = tensor(new[] { (float)TiltTraining.Accuracy(net, testImages, testOri) });
        var v1 = net.Activations(Gratings.Batch(T(f, "v1_ori").flatten().to(float64).data<double>().ToArray(), 0.1, centered: false));
        got["act_pool"] = v1.Pool.flatten(1);
        got["act_fc"] = v1.Fc;
        got["act_out"] = v1.OutPre;
        return got;
    }

    private static Dictionary<string, Tensor> RecomputeRsa()
    {
        var f = RsaFile;
        var rec = Recording();
        var (rows, v1Ori) = DataPreparation.Tutorial3View(rec.Stimuli);
        var rdmV1 = Rsa.Rdm(rec.Resp.index_select(0, rows));
        var rdmPool = Rsa.Rdm(T(Cnn, "act_pool"));
        var rdmFc = Rsa.Rdm(T(Cnn, "act_fc"));
        var tieA = T(f, "tie_a_f64").data<double>().ToArray();
        var tieB = T(f, "tie_b_f64").data<double>().ToArray();
        var wanted = T(f, "rdm_rows_ori");
        var iori = (v1Ori.reshape(1, -1) - wanted.reshape(-1, 1)).abs().argmin(1);
        Tensor D(double v) => tensor(new[] { v });
        return new Dictionary<string, Tensor>(StringComparer.Ordinal)
        {
            ["v1_rows"] = rows,
            ["rdm_v1"] = rdmV1,
            ["rdm_pool"] = rdmPool,
            ["rdm_fc"] = rdmFc,
            ["rdm_sim_pool_f64"] = D(Rsa.RdmPearson(rdmV1, rdmPool)),
            ["rdm_sim_fc_f64"] = D(Rsa.RdmPearson(rdmV1, rdmFc)),
            ["spearman_pool_f64"] = D(Rsa.RdmSpearman(rdmV1, rdmPool)),
            ["spearman_fc_f64"] = D(Rsa.RdmSpearman(rdmV1, rdmFc)),
            ["rdm_rows_iori"] = iori,
            ["small_rdm"] = Rsa.Rdm(T(f, "small_X")),
            ["small_rdm_affine"] = Rsa.Rdm(T(f, "small_X_affine")),
            ["small_rdm_const"] = Rsa.Rdm(T(f, "small_X_const")),
            ["tie_pearson_f64"] = D(Rsa.Pearson(tieA, tieB)),
            ["tie_spearman_f64"] = D(Rsa.Spearman(tieA, tieB)),
        };
    }

    private static readonly string[] EncodingNames = ["conv_weight", "conv_bias", "out_layer_weight", "out_layer_bias"];

    /// <summary>The encoding model at its stored initial weights.</summary>
    public static EncodingModel InitialEncoding() =>
        new(T(Encoding, "init_conv_weight"), T(Encoding, "init_conv_bias"), T(Encoding, "init_out_layer_weight"), T(Encoding, "init_out_layer_bias"));

    private static Dictionary<string, Tensor> RecomputeEncoding(bool full)
    {
        var f = Encoding;
        var split = StringerData.LoadOriBinned6Split(Path(Split6));
        var neurons = T(f, "neurons");
        var respTrain = split.RespTrain.index_select(1, neurons);
        var respTest = split.RespTest.index_select(1, neurons);
        var angles = Enumerable.Range(0, 60).Select(i => -180.0 + (6 * i)).ToArray();
        var stimuli = Gratings.Batch(angles, 0.025, centered: true);
        var got = new Dictionary<string, Tensor>(StringComparer.Ordinal)
        {
            ["resp_train"] = respTrain,
            ["resp_test"] = respTest,
            ["grating_stimuli"] = stimuli,
        };
        using (var model = InitialEncoding())
        using (no_grad())
        {
            got["conv_act0"] = model.ConvOutput(stimuli);
            got["y_pred0"] = model.Forward(stimuli);
            var loss = model.Loss(stimuli, respTrain, 5e-4, 1e-6);
            got["loss0_mse"] = loss.Mse.reshape(1);
            got["loss0_l2"] = loss.L2Term.reshape(1);
            got["loss0_l1"] = loss.L1Term.reshape(1);
            got["loss0_reg"] = loss.Total.reshape(1);
        }

        using (var model = InitialEncoding())
        {
            model.Train(stimuli, respTrain, respTest, 0.016, 0.9, 3, 5e-4, 1e-6);
            for (var i = 0; i < 4; i++)
            {
                got["after3_" + EncodingNames[i]] = model.Parameters[i].detach().clone();
            }
        }

        if (!full)
        {
            return got;
        }

        using (var model = InitialEncoding())
        {
            var history = model.Train(stimuli, respTrain, respTest, 0.016, 0.9, 200, 5e-4, 1e-6);
            got["train_loss"] = history.TrainLoss;
            got["test_loss"] = history.TestLoss;
            for (var i = 0; i < 4; i++)
            {
                got["final_" + EncodingNames[i]] = model.Parameters[i].detach().clone();
            }

            using var noGrad = no_grad();
            got["y_pred_final"] = model.Forward(stimuli);
            got["ev_test"] = EncodingModel.ExplainedVariance(got["y_pred_final"], respTest);
        }

        return got;
    }
}
