using NeuroExercises.Week05.DeepLearningNeuro;
using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro.Checks;

/// <summary>Shared pieces of the week's checks: the input archives, the recordings, results and flags.</summary>
internal static class CheckKit
{
    /// <summary>The week id every check class of this folder declares.</summary>
    internal const string Week = "deep-learning-neuro";

    /// <summary>The synthetic 1° recording (resp, stimuli).</summary>
    internal const string Binned1 = "W3D4_stringer_oribinned1_synthetic.npz";

    /// <summary>The synthetic 6° split recording (resp_train, resp_test, stimuli).</summary>
    internal const string Split6 = "W3D4_stringer_oribinned6_split_synthetic.npz";

    /// <summary>data_prep.npz's inputs (ishuffle, class_edge_inputs).</summary>
    internal const string DataPrep = "data_prep.npz";

    /// <summary>deepnet.npz's inputs (initial and final weights, istim).</summary>
    internal const string DeepNet = "deepnet.npz";

    /// <summary>deepnet_m200.npz's inputs (weights, istim).</summary>
    internal const string DeepNetM200 = "deepnet_m200.npz";

    /// <summary>decoding_bonus.npz's inputs (initial weights).</summary>
    internal const string Bonus = "decoding_bonus.npz";

    /// <summary>conv.npz's inputs (the orientations).</summary>
    internal const string Conv = "conv.npz";

    /// <summary>cnn.npz's inputs (orientations, permutations, initial and final weights, act_pool, act_fc).</summary>
    internal const string Cnn = "cnn.npz";

    /// <summary>rsa.npz's inputs (small_X*, tie_*).</summary>
    internal const string Rsa = "rsa.npz";

    /// <summary>encoding.npz's inputs (neurons, initial weights, y_pred_final).</summary>
    internal const string Encoding = "encoding.npz";

    /// <summary>
    /// The checks' arguments (make_inputs.py): conv_stimuli and filters_t2 (conv.npz), encoding_stimuli (encoding.npz's
    /// grating_stimuli), rdm_v1 / rdm_pool / rdm_fc (rsa.npz) and fwd_images (the gratings at cnn.npz's fwd_ori_f64). Each
    /// is graded by a visible check and by no hidden one; stored so that no solution code ships with the visible checks.
    /// </summary>
    internal const string Arguments = "arguments.npz";

    /// <summary>The synthetic recording, read by the week's loader from the inputs folder.</summary>
    internal static OrientationRecording Recording(CheckContext ctx) => StringerData.LoadOriBinned1(ctx.InputPath(Binned1));

    /// <summary>The course's split of the synthetic recording, done here (trusted) from data_prep's shuffle.</summary>
    internal static (Tensor RespTrain, Tensor RespTest, Tensor StimuliTrain, Tensor StimuliTest) Split(CheckContext ctx)
    {
        var rec = ctx.LoadInputs(Binned1);
        var shuffle = ctx.LoadInputs(DataPrep)["ishuffle"];
        var itrain = shuffle[TensorIndex.Slice(0, 216)];
        var itest = shuffle[TensorIndex.Slice(216)];
        var stimuli = rec["stimuli"].to(float32).reshape(-1, 1);
        return (rec["resp"].index_select(0, itrain), rec["resp"].index_select(0, itest), stimuli.index_select(0, itrain), stimuli.index_select(0, itest));
    }

    /// <summary>An archive member as doubles.</summary>
    internal static double[] Doubles(Tensor t) => [.. t.cpu().to(float64).contiguous().data<double>()];

    /// <summary>Detaches the named results and moves them out of the check's dispose scope.</summary>
    internal static IReadOnlyDictionary<string, Tensor> Results(params (string Name, Tensor Value)[] results)
    {
        var dict = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, value) in results)
        {
            dict.Add(name, value.detach().cpu().contiguous().MoveToOuterDisposeScope());
        }

        return dict;
    }

    /// <summary>A [1] float64 tensor.</summary>
    internal static Tensor Scalar(double value) => tensor(new[] { value });

    /// <summary>A flag for a derived verdict (1 = holds).</summary>
    internal static Tensor Flag(bool value) => tensor(value ? 1f : 0f);

    /// <summary>A raw output of the child, checked for presence, shape and dtype (a derive step's input).</summary>
    internal static Tensor Raw(IReadOnlyDictionary<string, Tensor> raw, string name, long[] shape, ScalarType dtype)
    {
        if (!raw.TryGetValue(name, out var t))
        {
            throw new InvalidDataException($"output '{name}' is missing (got [{string.Join(", ", raw.Keys.Order(StringComparer.Ordinal))}])");
        }

        if (!t.shape.SequenceEqual(shape) || t.dtype != dtype)
        {
            throw new InvalidDataException($"output '{name}' is {t.dtype} ({string.Join(", ", t.shape)}), expected {dtype} ({string.Join(", ", shape)})");
        }

        return t.cpu();
    }
}
