using NeuroExercises.Week05.DeepLearningNeuro;
using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro.Checks;

/// <summary>Checks of <see cref="DeepNet"/>: the ReLU and linear forward passes on the course's sample of 20 training stimuli (M = 10) and the M = 200 single-stimulus check.</summary>
[WeekChecks(CheckKit.Week)]
public static class DeepNetChecks
{
    /// <summary>The forward pass of deepnet.npz's initial weights on r_sample = resp_train[istim].</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>hidden_pre_sample, relu_hidden_sample, relu_out_sample, linear_out_sample.</returns>
    [Check(2, Description = "DeepNet: h = ReLU(W_in r + b_in), ŷ = W_out h + b_out, and the linear variant without the ReLU", Visibility = Visibility.Visible, Atol = 2e-6, TimeLimitSeconds = 30,
        Hint = "Weights are [out, in]: r W_inᵀ + b_in for a batch of rows r.")]
    public static IReadOnlyDictionary<string, Tensor> Forward(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var w = ctx.LoadInputs(CheckKit.DeepNet);
        var r = CheckKit.Split(ctx).RespTrain.index_select(0, w["istim"]);
        using var net = new DeepNet(w["in_weight"], w["in_bias"], w["out_weight"], w["out_bias"]);
        using var linear = new DeepNet(w["in_weight"], w["in_bias"], w["out_weight"], w["out_bias"], relu: false);
        using var noGrad = no_grad();
        return CheckKit.Results(
            ("hidden_pre_sample", net.HiddenPre(r)), ("relu_hidden_sample", net.Hidden(r)),
            ("relu_out_sample", net.Forward(r)), ("linear_out_sample", linear.Forward(r)));
    }

    /// <summary>DeepNet(160, 200) on the single training stimulus istim = 37.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>hidden, out.</returns>
    [Check(1, Description = "DeepNet with M = 200 hidden units on one stimulus (the course's shape check)", Visibility = Visibility.Hidden, Atol = 2e-6, TimeLimitSeconds = 30)]
    public static IReadOnlyDictionary<string, Tensor> ForwardM200(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var w = ctx.LoadInputs(CheckKit.DeepNetM200);
        var r = CheckKit.Split(ctx).RespTrain.index_select(0, w["istim"]);
        using var net = new DeepNet(w["in_weight"], w["in_bias"], w["out_weight"], w["out_bias"]);
        using var noGrad = no_grad();
        return CheckKit.Results(("hidden", net.Hidden(r)), ("out", net.Forward(r)));
    }
}
