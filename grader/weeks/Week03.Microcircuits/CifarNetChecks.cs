using static TorchSharp.torch;

namespace NeuroExercises.Week03.Microcircuits.Checks;

/// <summary>Checks of <see cref="CifarNet"/>: LayerNorm, the forward pass with and without it, and two momentum-SGD steps.</summary>
[WeekChecks(CheckKit.Week)]
public static class CifarNetChecks
{
    private static readonly string[] Keys = ["conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"];
    private static readonly string[] NormKeys = ["norm1.weight", "norm1.bias", "norm2.weight", "norm2.bias"];

    /// <summary>The first LayerNorm (with the goldens' affine) applied to conv1's output on the 8 synthetic images.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>cifarnet_ln_norm1_out [8, 16, 8, 8].</returns>
    [Check(2, Description = "CifarNet.LayerNorm: (h − mean)/√(var + 1e-5) ⊙ weight + bias over all of (C, H, W) of each sample, biased variance", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("cifarnet_ln_norm1_out", 1.84e-05)] // 1e-05 × max|normalization:cifarnet_ln_norm1_out| = 1e-05 × 1.836
    public static IReadOnlyDictionary<string, Tensor> LayerNorm(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var n = ctx.LoadInputs(CheckKit.Normalization);
        // conv1 at the goldens' init, by the library: the check grades the norm, not the convolution.
        var h = nn.functional.conv2d(n["cifar_x"], n["cifarnet_init_conv1.weight"], n["cifarnet_init_conv1.bias"], padding: [2, 2]);
        return CheckKit.Results(("cifarnet_ln_norm1_out", CifarNet.LayerNorm(h, n["cifarnet_init_norm1.weight"], n["cifarnet_init_norm1.bias"])));
    }

    /// <summary>The forward pass with O(0.1) conv weights (so convolutions, pools and norms all shape the logits), both variants.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>cifarnet_rand_noln_logits, cifarnet_rand_ln_logits [8, 3].</returns>
    [Check(2, Description = "CifarNet.forward: conv1 → [LayerNorm] → ReLU → MaxPool(3, 2, 1) → conv2 → [LayerNorm] → ReLU → AvgPool(3, 2, 1, padded zeros counted) → flatten → fc1 → fc2", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("cifarnet_rand_noln_logits", 4.38e-06)] // 1e-05 × 0.438
    [Tolerance("cifarnet_rand_ln_logits", 4.25e-06)] // 1e-05 × 0.4248
    public static IReadOnlyDictionary<string, Tensor> Forward(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var n = ctx.LoadInputs(CheckKit.Normalization);
        using var noln = Load(n, layerNorm: false, rand: true);
        using var ln = Load(n, layerNorm: true, rand: true);
        using var _ = no_grad();
        return CheckKit.Results(("cifarnet_rand_noln_logits", noln.call(n["cifar_x"])), ("cifarnet_rand_ln_logits", ln.call(n["cifar_x"])));
    }

    /// <summary>The forward pass on the images scaled by U(0.05, 0.25) each, and at the course's 10⁻⁴ conv weights.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>cifarnet_rand_{noln,ln}_logits_scaled, cifarnet_{noln,ln}_logits{,_scaled} [8, 3].</returns>
    [Check(1, Description = "CifarNet.forward on low-contrast images and at the course's initialisation", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("cifarnet_rand_noln_logits_scaled", 2.51e-06)] // 1e-05 × 0.2509
    [Tolerance("cifarnet_rand_ln_logits_scaled", 5.72e-06)] // 1e-05 × 0.5725
    [Tolerance("cifarnet_noln_logits", 1.92e-06)] // 1e-05 × 0.1924
    [Tolerance("cifarnet_noln_logits_scaled", 1.92e-06)] // 1e-05 × 0.1924
    [Tolerance("cifarnet_ln_logits", 6.87e-06)] // 1e-05 × 0.6872
    [Tolerance("cifarnet_ln_logits_scaled", 6.87e-06)] // 1e-05 × 0.6872
    public static IReadOnlyDictionary<string, Tensor> ContrastAndInit(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var n = ctx.LoadInputs(CheckKit.Normalization);
        var results = new List<(string, Tensor)>();
        using var _ = no_grad();
        foreach (var rand in new[] { true, false })
        {
            foreach (var layerNorm in new[] { false, true })
            {
                using var net = Load(n, layerNorm, rand);
                var name = (rand ? "cifarnet_rand_" : "cifarnet_") + (layerNorm ? "ln" : "noln") + "_logits";
                if (!rand)
                {
                    results.Add((name, net.call(n["cifar_x"])));
                }

                results.Add((name + "_scaled", net.call(n["cifar_x_scaled"])));
            }
        }

        return CheckKit.Results([.. results]);
    }

    /// <summary>Two full-batch SGD steps (η = 0.05, momentum 0.9) on the mean cross-entropy from the course's init, without LayerNorm.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>cifarnet_noln_losses [2], _grad_{conv1,fc2}.{weight,bias} (step 0), _after_* (every parameter).</returns>
    [Check(1, Description = "CifarNet.Train without LayerNorm: full-batch SGD with PyTorch's momentum (v ← 0.9·v + g, θ ← θ − 0.05·v) on the mean cross-entropy, loss and gradients before each step", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 30)]
    [Tolerance("cifarnet_noln_losses", 1.12e-05)] // 1e-05 × 1.119
    [Tolerance("cifarnet_noln_after_conv1.weight", 3.45e-09)] // 1e-05 × 0.000345
    [Tolerance("cifarnet_noln_grad_conv1.weight", 3.86e-10)] // 1e-05 × 3.864e-05
    [Tolerance("cifarnet_noln_after_conv1.bias", 1.13e-06)] // 1e-05 × 0.1133
    [Tolerance("cifarnet_noln_grad_conv1.bias", 2.07e-10)] // 1e-05 × 2.069e-05
    [Tolerance("cifarnet_noln_after_conv2.weight", 6.3e-09)] // 1e-05 × 0.0006301
    [Tolerance("cifarnet_noln_after_conv2.bias", 8.29e-07)] // 1e-05 × 0.08288
    [Tolerance("cifarnet_noln_after_fc1.weight", 3.45e-06)] // 1e-05 × 0.3449
    [Tolerance("cifarnet_noln_after_fc1.bias", 8.54e-07)] // 1e-05 × 0.0854
    [Tolerance("cifarnet_noln_after_fc2.weight", 2.71e-06)] // 1e-05 × 0.2713
    [Tolerance("cifarnet_noln_grad_fc2.weight", 1.4e-07)] // 1e-05 × 0.01398
    [Tolerance("cifarnet_noln_after_fc2.bias", 8.85e-07)] // 1e-05 × 0.08846
    [Tolerance("cifarnet_noln_grad_fc2.bias", 1.28e-06)] // 1e-05 × 0.1284
    public static IReadOnlyDictionary<string, Tensor> TrainingWithoutNorm(CheckContext ctx) => TrainFromInit(ctx, layerNorm: false);

    /// <summary>The same two steps with LayerNorm (its weight and bias learned too).</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>cifarnet_ln_losses [2], _grad_{conv1,fc2}.{weight,bias} (step 0), _after_* (every parameter).</returns>
    [Check(2, Description = "CifarNet.Train with LayerNorm: the same two momentum-SGD steps, the norms' weight and bias learned too", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 30)]
    [Tolerance("cifarnet_ln_losses", 1.21e-05)] // 1e-05 × 1.214
    [Tolerance("cifarnet_ln_after_conv1.weight", 8.62e-08)] // 1e-05 × 0.008616
    [Tolerance("cifarnet_ln_grad_conv1.weight", 1.19e-07)] // 1e-05 × 0.01192
    [Tolerance("cifarnet_ln_after_conv1.bias", 1.14e-06)] // 1e-05 × 0.1141
    [Tolerance("cifarnet_ln_grad_conv1.bias", 9.9e-08)] // 1e-05 × 0.009897
    [Tolerance("cifarnet_ln_after_norm1.weight", 1.32e-05)] // 1e-05 × 1.321
    [Tolerance("cifarnet_ln_after_norm1.bias", 3.46e-06)] // 1e-05 × 0.3457
    [Tolerance("cifarnet_ln_after_conv2.weight", 1.32e-06)] // 1e-05 × 0.1319
    [Tolerance("cifarnet_ln_after_conv2.bias", 1.32e-06)] // 1e-05 × 0.132
    [Tolerance("cifarnet_ln_after_norm2.weight", 1.31e-05)] // 1e-05 × 1.314
    [Tolerance("cifarnet_ln_after_norm2.bias", 2.84e-06)] // 1e-05 × 0.2836
    [Tolerance("cifarnet_ln_after_fc1.weight", 3.45e-06)] // 1e-05 × 0.3454
    [Tolerance("cifarnet_ln_after_fc1.bias", 8.59e-07)] // 1e-05 × 0.0859
    [Tolerance("cifarnet_ln_after_fc2.weight", 2.68e-06)] // 1e-05 × 0.2681
    [Tolerance("cifarnet_ln_grad_fc2.weight", 1.94e-06)] // 1e-05 × 0.1944
    [Tolerance("cifarnet_ln_after_fc2.bias", 9.31e-07)] // 1e-05 × 0.09305
    [Tolerance("cifarnet_ln_grad_fc2.bias", 1.75e-06)] // 1e-05 × 0.1751
    public static IReadOnlyDictionary<string, Tensor> Training(CheckContext ctx) => TrainFromInit(ctx, layerNorm: true);

    private static IReadOnlyDictionary<string, Tensor> TrainFromInit(CheckContext ctx, bool layerNorm)
    {
        using var scope = NewDisposeScope();
        var n = ctx.LoadInputs(CheckKit.Normalization);
        var results = new List<(string, Tensor)>();
        var tag = layerNorm ? "cifarnet_ln" : "cifarnet_noln";
        using var net = Load(n, layerNorm, rand: false);
        var run = CifarNet.Train(net, n["cifar_x"], n["cifar_y"], 0.05, 0.9, 2);
        results.Add((tag + "_losses", CheckKit.Vector(run.Losses)));
        foreach (var key in new[] { "conv1.weight", "conv1.bias", "fc2.weight", "fc2.bias" })
        {
            results.Add(($"{tag}_grad_{key}", run.FirstGradients.TryGetValue(key, out var g) ? g : throw new InvalidOperationException(
                $"CifarNet.Train's FirstGradients has no '{key}': key it by the parameter's state-dict name (named_parameters())")));
        }

        // Copies: disposing the network disposes its parameters.
        results.AddRange(net.state_dict().Select(p => ($"{tag}_after_{p.Key}", p.Value.detach().clone())));
        return CheckKit.Results([.. results]);
    }

    /// <summary>The network with the goldens' init (the course's 10⁻⁴ conv weights) or with their O(0.1) rand conv weights.</summary>
    private static CifarNet Load(IReadOnlyDictionary<string, Tensor> n, bool layerNorm, bool rand)
    {
        var net = new CifarNet(layerNorm);
        var state = (layerNorm ? Keys.Concat(NormKeys) : Keys).ToDictionary(
            k => k, k => n[(rand && k is "conv1.weight" or "conv2.weight" ? "cifarnet_rand_" : "cifarnet_init_") + k]);
        net.load_state_dict(state, strict: true);
        return net;
    }
}
