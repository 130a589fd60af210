using NeuroExercises.Week05.DeepLearningNeuro;
using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro.Checks;

/// <summary>
/// Checks of <see cref="OrientationClassifier"/>: the log-softmax forward and NLL at decoding_bonus.npz's initial weights,
/// the L2/L1 penalties on the input weights, and three unregularised SGD steps. Labels are the 20 classes ⌊φ/18⌋, made
/// here (trusted) so that a wrong <see cref="DataPreparation.OrientationClass"/> costs only its own checks.
/// </summary>
[WeekChecks(CheckKit.Week)]
public static class OrientationClassifierChecks
{
    /// <summary>log p on the test stimuli and the NLL on the training stimuli.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>logp_test0 [144, 20], nll_train0 [1].</returns>
    [Check(2, Description = "OrientationClassifier.Forward (log_softmax over the classes) and Nll (−mean log p[n, y_n])", Visibility = Visibility.Visible, Atol = 3.5e-6, TimeLimitSeconds = 30)]
    [Tolerance("nll_train0", 0, 1e-6)]
    public static IReadOnlyDictionary<string, Tensor> Forward(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var (rTrain, rTest, yTrain, _) = Data(ctx);
        using var net = New(ctx);
        using var noGrad = no_grad();
        return CheckKit.Results(("logp_test0", net.Forward(rTest)), ("nll_train0", OrientationClassifier.Nll(net.Forward(rTrain), yTrain).reshape(1)));
    }

    /// <summary>The penalty terms at the initial weights with λ₂ = 1e-2, λ₁ = 5e-4.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>reg_l2_term0, reg_l1_term0 ([1]).</returns>
    [Check(1, Description = "OrientationClassifier.Penalties: λ₂ Σ W_in² and λ₁ Σ |W_in| on the input layer's weight only (sums, not means)", Visibility = Visibility.Visible, Atol = 0, Rtol = 1e-6, TimeLimitSeconds = 30,
        Hint = "Only in_layer.weight is penalised; the output layer and the biases are not.")]
    public static IReadOnlyDictionary<string, Tensor> Penalties(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        using var net = New(ctx);
        using var noGrad = no_grad();
        var (l2, l1) = net.Penalties(1e-2, 5e-4);
        return CheckKit.Results(("reg_l2_term0", l2.reshape(1)), ("reg_l1_term0", l1.reshape(1)));
    }

    /// <summary>Three unregularised steps of lr 0.1, and the predictions of the network after them.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>after3_in_weight, after3_in_bias, after3_out_weight, after3_out_bias, train_loss_head [3].</returns>
    [Check(2, Description = "OrientationClassifier.Train: full-batch SGD on the NLL, training loss before and test loss after each step", Visibility = Visibility.Hidden, Atol = 2.3e-7, TimeLimitSeconds = 30)]
    [Tolerance("after3_in_weight", 8.6e-8)]
    [Tolerance("after3_in_bias", 7.2e-8)]
    [Tolerance("train_loss_head", 0, 5e-6)]
    [Tolerance("test_loss_head", 0, 1e-5)]
    public static IReadOnlyDictionary<string, Tensor> TrainThreeSteps(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var (rTrain, rTest, yTrain, yTest) = Data(ctx);
        using var net = New(ctx);
        var history = net.Train(rTrain, yTrain, rTest, yTest, 0.1, 3);
        return CheckKit.Results(
            ("after3_in_weight", net.InWeight), ("after3_in_bias", net.InBias), ("after3_out_weight", net.OutWeight), ("after3_out_bias", net.OutBias),
            ("train_loss_head", history.TrainLoss), ("test_loss_head", history.TestLoss));
    }

    /// <summary>Two regularised steps (λ₂ = 1e-2, λ₁ = 5e-4): the penalised losses before and after.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>reg_train_loss_head [2], reg_test_loss_head [2], predictions [144].</returns>
    [Check(1, Description = "OrientationClassifier.Train with both penalties in the recorded losses and in the gradient; Predict = argmax log p", Visibility = Visibility.Hidden, Atol = 0, Rtol = 5e-6, TimeLimitSeconds = 30)]
    [Tolerance("predictions", 0)]
    public static IReadOnlyDictionary<string, Tensor> RegularisedSteps(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var (rTrain, rTest, yTrain, yTest) = Data(ctx);
        using var net = New(ctx);
        var history = net.Train(rTrain, yTrain, rTest, yTest, 0.1, 2, 1e-2, 5e-4);
        return CheckKit.Results(("reg_train_loss_head", history.TrainLoss), ("reg_test_loss_head", history.TestLoss), ("predictions", net.Predict(rTest)));
    }

    private static OrientationClassifier New(CheckContext ctx)
    {
        var w = ctx.LoadInputs(CheckKit.Bonus);
        return new OrientationClassifier(w["init_in_weight"], w["init_in_bias"], w["init_out_weight"], w["init_out_bias"]);
    }

    private static (Tensor RTrain, Tensor RTest, Tensor YTrain, Tensor YTest) Data(CheckContext ctx)
    {
        var split = CheckKit.Split(ctx);
        return (split.RespTrain, split.RespTest, (split.StimuliTrain.flatten() / 18).floor().to(int64), (split.StimuliTest.flatten() / 18).floor().to(int64));
    }
}
