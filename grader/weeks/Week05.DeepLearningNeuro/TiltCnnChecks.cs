using NeuroExercises.Week05.DeepLearningNeuro;
using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro.Checks;

/// <summary>
/// Checks of <see cref="TiltCnn"/> and its training (<see cref="TiltTraining"/>, <see cref="MomentumSgd"/>): the forward
/// pass at cnn.npz's initial weights, the BCE at saturation, three momentum steps over the stored permutation, and the
/// test accuracy of the stored final network. Images are made here from the README (trusted), so only the CNN is graded.
/// </summary>
[WeekChecks(CheckKit.Week)]
public static class TiltCnnChecks
{
    /// <summary>Every layer for the six fwd_ori angles at the initial weights.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>fwd_conv01 [2, 6, 48, 64], fwd_pool [6, 6, 6, 8], fwd_fc [6, 10], fwd_out_pre [6, 1], fwd_out [6, 1].</returns>
    [Check(2, Description = "TiltCnn.Forward / Activations: conv (padding 3) → ReLU → max-pool 8 → flatten (C, H, W) → fc → ReLU → out → σ", Visibility = Visibility.Visible, Atol = 1e-5, TimeLimitSeconds = 30,
        Hint = "Pool after the ReLU; flatten [B, 6, 6, 8] in (C, H, W) order to 288.")]
    [Tolerance("fwd_fc", 6e-6)]
    [Tolerance("fwd_out_pre", 1.1e-6)]
    [Tolerance("fwd_out", 1.3e-6)]
    public static IReadOnlyDictionary<string, Tensor> Forward(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var c = ctx.LoadInputs(CheckKit.Cnn);
        using var net = Net(c, "init_");
        var x = ctx.LoadInputs(CheckKit.Arguments)["fwd_images"];
        var a = net.Activations(x);
        using var noGrad = no_grad();
        return CheckKit.Results(
            ("fwd_conv01", a.Conv[TensorIndex.Slice(0, 2)]), ("fwd_pool", a.Pool), ("fwd_fc", a.Fc), ("fwd_out_pre", a.OutPre), ("fwd_out", net.Forward(x)));
    }

    /// <summary>The BCE and its gradient at p = 1, 0 (right and wrong labels), 1e-8 and in between.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>bce_loss [1], bce_grad [8, 1].</returns>
    [Check(1, Description = "TiltTraining.Bce: PyTorch's BCELoss, log clamped at −100, a gradient that stays finite when p is exactly 0 or 1", Visibility = Visibility.Visible, Atol = 0, Rtol = 1e-5, TimeLimitSeconds = 30,
        Hint = "A hand-written clamp of log(1 − p) has a NaN gradient at p = 1: use nn.functional.binary_cross_entropy.")]
    public static IReadOnlyDictionary<string, Tensor> BceSaturated(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var p = tensor(new[] { 1f, 0f, 1f, 0f, 1e-8f, 0.25f, 0.5f, 0.9f }).reshape(-1, 1).requires_grad_(true);
        var y = tensor(new[] { 1f, 0f, 0f, 1f, 0f, 1f, 0f, 1f }).reshape(-1, 1);
        var loss = TiltTraining.Bce(p, y);
        loss.backward();
        return CheckKit.Results(("bce_loss", loss.reshape(1)), ("bce_grad", p.grad!));
    }

    /// <summary>One and three minibatch steps (lr 5e-4, μ 0.99, batches of 100 in perm's order).</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>after1_* and after3_* of the six weights, track_loss_head [3].</returns>
    [Check(2, Description = "TiltTraining.Train with MomentumSgd: minibatches of perm's order, loss before each step, v = g then v ← μv + g, θ ← θ − lr·v", Visibility = Visibility.Hidden, Atol = 1e-5, TimeLimitSeconds = 60)]
    [Tolerance("after1_conv_bias", 2e-6)]
    [Tolerance("after3_conv_bias", 2e-6)]
    [Tolerance("after1_fc_weight", 6e-7)]
    [Tolerance("after3_fc_weight", 6e-7)]
    [Tolerance("after1_fc_bias", 5.2e-7)]
    [Tolerance("after3_fc_bias", 5.2e-7)]
    [Tolerance("after1_out_weight", 2.6e-6)]
    [Tolerance("after3_out_weight", 2.6e-6)]
    [Tolerance("after1_out_bias", 2.6e-6)]
    [Tolerance("after3_out_bias", 2.6e-6)]
    [Tolerance("track_loss_head", 2e-4)]
    public static IReadOnlyDictionary<string, Tensor> TrainThreeSteps(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var c = ctx.LoadInputs(CheckKit.Cnn);
        var ori = CheckKit.Doubles(c["train_ori_f64"]);
        var images = Reference.TrustedGratings(ori, 0.1, centered: false);
        var labels = c["train_ori_f64"].gt(0).to(float32).reshape(-1, 1);
        var results = new List<(string, Tensor)>();
        foreach (var steps in new[] { 1, 3 })
        {
            using var net = Net(c, "init_");
            var losses = TiltTraining.Train(net, images, labels, c["perm"], 100, 5e-4, 0.99, steps);
            results.AddRange(Names.Zip(net.Parameters).Select(p => ($"after{steps}_{p.First}", p.Second.detach().clone())));
            if (steps == 3)
            {
                results.Add(("track_loss_head", losses));
            }
        }

        return CheckKit.Results([.. results]);
    }

    /// <summary>The stored final network on the 180 test gratings.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>test_prob [180], test_acc [1] (float64).</returns>
    [Check(1, Description = "TiltTraining.Accuracy: mean((p > 0.5) = (orientation > 0)) of the trained network on the test gratings", Visibility = Visibility.Hidden, Atol = 1e-5, TimeLimitSeconds = 30)]
    [Tolerance("test_acc", 0)]
    public static IReadOnlyDictionary<string, Tensor> Accuracy(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var c = ctx.LoadInputs(CheckKit.Cnn);
        using var net = Net(c, "final_");
        var x = Reference.TrustedGratings(CheckKit.Doubles(c["test_ori_f64"]), 0.1, centered: false);
        using var noGrad = no_grad();
        return CheckKit.Results(("test_prob", net.Forward(x).flatten()), ("test_acc", CheckKit.Scalar(TiltTraining.Accuracy(net, x, c["test_ori_f64"]))));
    }

    private static readonly string[] Names = ["conv_weight", "conv_bias", "fc_weight", "fc_bias", "out_weight", "out_bias"];

    private static TiltCnn Net(IReadOnlyDictionary<string, Tensor> c, string prefix) =>
        new(c[prefix + "conv_weight"], c[prefix + "conv_bias"], c[prefix + "fc_weight"], c[prefix + "fc_bias"], c[prefix + "out_weight"], c[prefix + "out_bias"]);
}
