using NeuroExercises.Week05.DeepLearningNeuro;
using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro.Checks;

/// <summary>Checks of <see cref="DeepNetTraining"/>: the MSE, three full-batch SGD steps, one step lowering the loss, and the decoding error of the trained network.</summary>
[WeekChecks(CheckKit.Week)]
public static class DeepNetTrainingChecks
{
    /// <summary>MSE of the ReLU and linear networks on the sample.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>mse_sample, mse_sample_linear ([1]).</returns>
    [Check(1, Description = "DeepNetTraining.Mse: mean over the batch of (ŷ − y)²", Visibility = Visibility.Visible, Atol = 0, Rtol = 2e-6, TimeLimitSeconds = 30)]
    public static IReadOnlyDictionary<string, Tensor> Mse(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var w = ctx.LoadInputs(CheckKit.DeepNet);
        var split = CheckKit.Split(ctx);
        var r = split.RespTrain.index_select(0, w["istim"]);
        var y = split.StimuliTrain.index_select(0, w["istim"]);
        using var noGrad = no_grad();
        var relu = ((r.matmul(w["in_weight"].t()) + w["in_bias"]).relu().matmul(w["out_weight"].t())) + w["out_bias"];
        var linear = ((r.matmul(w["in_weight"].t()) + w["in_bias"]).matmul(w["out_weight"].t())) + w["out_bias"];
        return CheckKit.Results(("mse_sample", DeepNetTraining.Mse(relu, y).reshape(1)), ("mse_sample_linear", DeepNetTraining.Mse(linear, y).reshape(1)));
    }

    /// <summary>Three steps of lr 1e-4 on all 216 training stimuli.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>after3_in_weight, after3_in_bias, after3_out_weight, after3_out_bias, train_loss_head [3].</returns>
    [Check(2, Description = "DeepNetTraining.Train: full-batch SGD (no momentum), loss recorded before each step, θ ← θ − lr·∂L/∂θ", Visibility = Visibility.Visible, Atol = 2e-6, TimeLimitSeconds = 30,
        Hint = "Zero the gradients before each backward pass; update under no_grad.")]
    [Tolerance("after3_in_weight", 1.7e-7)]
    [Tolerance("after3_in_bias", 1.8e-7)]
    [Tolerance("after3_out_weight", 6.6e-7)]
    [Tolerance("after3_out_bias", 2.6e-7)]
    [Tolerance("train_loss_head", 0, 2e-6)]
    public static IReadOnlyDictionary<string, Tensor> TrainThreeSteps(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var w = ctx.LoadInputs(CheckKit.DeepNet);
        var split = CheckKit.Split(ctx);
        using var net = new DeepNet(w["in_weight"], w["in_bias"], w["out_weight"], w["out_bias"]);
        var losses = DeepNetTraining.Train(net, split.RespTrain, split.StimuliTrain, 1e-4, 3);
        return CheckKit.Results(
            ("after3_in_weight", net.InWeight), ("after3_in_bias", net.InBias), ("after3_out_weight", net.OutWeight), ("after3_out_bias", net.OutBias),
            ("train_loss_head", losses));
    }

    /// <summary>Two steps on a seeded random batch; RAW losses and weights only.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>losses [2], in_weight_before, in_weight_after.</returns>
    [Check(1, Description = "DeepNetTraining.Train: one step lowers the MSE on its batch and moves the weights", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 30, Derive = nameof(StepLowersLossVerdict))]
    public static IReadOnlyDictionary<string, Tensor> StepLowersLoss(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(77);
        var r = randn([32, 20], generator: generator);
        var y = randn([32, 1], generator: generator) * 30;
        var before = (randn([8, 20], generator: generator) * 0.2f).contiguous();
        using var net = new DeepNet(before, randn([8], generator: generator) * 0.1f, randn([1, 8], generator: generator) * 0.3f, zeros(1));
        var losses = DeepNetTraining.Train(net, r, y, 1e-3, 2);
        return CheckKit.Results(("losses", losses), ("in_weight_before", before), ("in_weight_after", net.InWeight));
    }

    /// <summary>The trusted verdict of <see cref="StepLowersLoss"/>: loss_lowered, finite, weights_moved.</summary>
    /// <param name="ctx">The grader's context (inputs only).</param>
    /// <param name="raw">The arrays the check returned.</param>
    /// <returns>The flags (1 = holds).</returns>
    public static IReadOnlyDictionary<string, Tensor> StepLowersLossVerdict(CheckContext ctx, IReadOnlyDictionary<string, Tensor> raw)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(raw);
        using var scope = NewDisposeScope();
        var losses = CheckKit.Raw(raw, "losses", [2], float32).data<float>().ToArray();
        var before = CheckKit.Raw(raw, "in_weight_before", [8, 20], float32);
        var after = CheckKit.Raw(raw, "in_weight_after", [8, 20], float32);
        return CheckKit.Results(
            ("loss_lowered", CheckKit.Flag(losses[1] < losses[0])),
            ("finite", CheckKit.Flag(losses.All(float.IsFinite) && after.isfinite().all().item<bool>())),
            ("weights_moved", CheckKit.Flag((after - before).abs().max().item<float>() > 0)));
    }

    /// <summary>The decoding error and test outputs of deepnet.npz's final network on the 144 test stimuli, and its hidden layer on all 360.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>decoding_error [144, 1], hidden_all [10, 360].</returns>
    [Check(1, Description = "DeepNetTraining.DecodingError: ŷ − y on the held-out stimuli; the trained hidden layer for every stimulus", Visibility = Visibility.Visible, Atol = 6.7e-4, TimeLimitSeconds = 30)]
    [Tolerance("hidden_all", 2.2e-5)]
    public static IReadOnlyDictionary<string, Tensor> DecodingError(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var w = ctx.LoadInputs(CheckKit.DeepNet);
        var split = CheckKit.Split(ctx);
        var resp = ctx.LoadInputs(CheckKit.Binned1)["resp"];
        using var net = new DeepNet(w["final_in_weight"], w["final_in_bias"], w["final_out_weight"], w["final_out_bias"]);
        using var noGrad = no_grad();
        return CheckKit.Results(
            ("decoding_error", DeepNetTraining.DecodingError(net, split.RespTest, split.StimuliTest)),
            ("hidden_all", net.Hidden(resp).t()));
    }
}
