using NeuroExercises.Week05.DeepLearningNeuro;
using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro.Checks;

/// <summary>
/// Checks of <see cref="EncodingModel"/>: conv output, prediction and regularised loss at encoding.npz's initial weights,
/// three momentum steps, and the explained variance of the stored final prediction. Stimuli are made here (trusted).
/// </summary>
[WeekChecks(CheckKit.Week)]
public static class EncodingModelChecks
{
    /// <summary>The model at init on the 60 encoding gratings.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>conv_act0, y_pred0, loss0_mse, loss0_l2, loss0_l1, loss0_reg.</returns>
    [Check(2, Description = "EncodingModel.ConvOutput / Forward / Loss: y = W_out·flatten(conv(s)) + b_out; MSE + λ₂ΣW_out² + λ₁Σ|W_out| on the output weight only", Visibility = Visibility.Visible, Atol = 3.5e-6, TimeLimitSeconds = 30,
        Hint = "The penalties are sums over out_layer.weight only; the MSE averages over stimuli and neurons.")]
    [Tolerance("y_pred0", 1.5e-5)]
    [Tolerance("loss0_mse", 0, 1e-5)]
    [Tolerance("loss0_l2", 0, 1e-5)]
    [Tolerance("loss0_l1", 0, 1e-5)]
    [Tolerance("loss0_reg", 0, 1e-5)]
    public static IReadOnlyDictionary<string, Tensor> Forward(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var (stimuli, train, _) = Data(ctx);
        using var model = New(ctx);
        using var noGrad = no_grad();
        var loss = model.Loss(stimuli, train, 5e-4, 1e-6);
        return CheckKit.Results(
            ("conv_act0", model.ConvOutput(stimuli)), ("y_pred0", model.Forward(stimuli)),
            ("loss0_mse", loss.Mse.reshape(1)), ("loss0_l2", loss.L2Term.reshape(1)), ("loss0_l1", loss.L1Term.reshape(1)), ("loss0_reg", loss.Total.reshape(1)));
    }

    /// <summary>Three steps of lr 0.016, μ 0.9, all weights training.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>after3_conv_weight, after3_conv_bias, after3_out_layer_weight, after3_out_layer_bias, train_loss_head [3], test_loss_head [3].</returns>
    [Check(2, Description = "EncodingModel.Train: full-batch MomentumSgd on the regularised loss (conv weights train too); test loss at step 0, NaN until step 19", Visibility = Visibility.Hidden, Atol = 1.2e-5, TimeLimitSeconds = 60)]
    [Tolerance("after3_conv_bias", 1e-8)]
    [Tolerance("after3_out_layer_weight", 4e-7)]
    [Tolerance("after3_out_layer_bias", 2.2e-7)]
    [Tolerance("train_loss_head", 0, 1e-5)]
    [Tolerance("test_loss_head", 0, 1e-5)]
    public static IReadOnlyDictionary<string, Tensor> TrainThreeSteps(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var (stimuli, train, test) = Data(ctx);
        using var model = New(ctx);
        var history = model.Train(stimuli, train, test, 0.016, 0.9, 3, 5e-4, 1e-6);
        return CheckKit.Results(
            ("after3_conv_weight", model.ConvWeight), ("after3_conv_bias", model.ConvBias), ("after3_out_layer_weight", model.OutWeight), ("after3_out_layer_bias", model.OutBias),
            ("train_loss_head", history.TrainLoss), ("test_loss_head", history.TestLoss));
    }

    /// <summary>EV of the stored final prediction against the test half.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>ev_test [8].</returns>
    [Check(1, Description = "EncodingModel.ExplainedVariance: 1 − Σ_s (ŷ − y)²/Σ_s (y − mean_s y)² per neuron", Visibility = Visibility.Visible, Atol = 5e-6, TimeLimitSeconds = 30)]
    public static IReadOnlyDictionary<string, Tensor> ExplainedVariance(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var (_, _, test) = Data(ctx);
        return CheckKit.Results(("ev_test", EncodingModel.ExplainedVariance(ctx.LoadInputs(CheckKit.Encoding)["y_pred_final"], test)));
    }

    private static EncodingModel New(CheckContext ctx)
    {
        var w = ctx.LoadInputs(CheckKit.Encoding);
        return new EncodingModel(w["init_conv_weight"], w["init_conv_bias"], w["init_out_layer_weight"], w["init_out_layer_bias"]);
    }

    private static (Tensor Stimuli, Tensor Train, Tensor Test) Data(CheckContext ctx)
    {
        var split = ctx.LoadInputs(CheckKit.Split6);
        var neurons = ctx.LoadInputs(CheckKit.Encoding)["neurons"];
        var stimuli = ctx.LoadInputs(CheckKit.Arguments)["encoding_stimuli"];
        return (stimuli, split["resp_train"].index_select(1, neurons), split["resp_test"].index_select(1, neurons));
    }
}
