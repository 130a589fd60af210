using FluentAssertions;
using NeuroExercises.Week03.Microcircuits;
using static NeuroExercises.Solutions.Tests.Week03.MicroGoldens;
using static TorchSharp.torch;
using Norm = NeuroExercises.Week03.Microcircuits.Normalization;

namespace NeuroExercises.Solutions.Tests.Week03;

/// <summary>normalization.npz's NumPy parts (divisive normalization, illuminant, hard-tanh channel) and the ReLU net's forward.</summary>
public sealed class NormalizationGoldenTests
{
    private const double Tol = 5e-6;

    private static Tensor NormalizeEach(Tensor x, Tensor parameters) =>
        stack([.. Enumerable.Range(0, (int)parameters.shape[0]).Select(i =>
            Norm.Normalize(x, parameters[i, 0].item<float>(), parameters[i, 1].item<float>(), parameters[i, 2].item<float>()))]);

    [Fact]
    public void DivisiveNormalizationMatchesTheGoldens()
    {
        using var scope = NewDisposeScope();
        ShouldMatch(NormalizeEach(T(NormalizationNpz, "norm_test_x"), T(NormalizationNpz, "norm_test_params")), NormalizationNpz, "norm_test_out", Tol);
        ShouldMatch(NormalizeEach(T(NormalizationNpz, "norm_points"), T(NormalizationNpz, "norm_points_params")), NormalizationNpz, "norm_points_out", Tol);
        var zero = T(NormalizationNpz, "norm_zero_x");
        ShouldMatch(stack([Norm.Normalize(zero, 0.5, 2, 1), Norm.Normalize(zero, 0, 2, 1)]), NormalizationNpz, "norm_zero_out", Tol);
    }

    [Fact]
    public void NormalizationWithoutSigmaIsScaleInvariantAndLayerNormIsACase()
    {
        using var scope = NewDisposeScope();
        var x = T(NormalizationNpz, "norm_points");
        var a = Norm.Normalize(x, 0, 3, 1.3);
        var b = Norm.Normalize(x * 17.5, 0, 3, 1.3);
        (a - b).abs().max().item<float>().Should().BeLessThan(1e-5f);
        var h = randn(6, 10, generator: new Generator(3));
        var centred = h - h.mean([1], keepdim: true);
        var viaNormalize = Norm.Normalize(centred, 0, 2, Math.Sqrt(10));
        var layerNorm = nn.functional.layer_norm(h, [10], eps: 0);
        (viaNormalize - layerNorm).abs().max().item<float>().Should().BeLessThan(1e-5f);
    }

    [Fact]
    public void IlluminantInvarianceMatchesTheGoldens()
    {
        using var scope = NewDisposeScope();
        var reflectance = T(NormalizationNpz, "reflectance");
        var visible = T(NormalizationNpz, "illuminant") * reflectance;
        ShouldMatch(visible, NormalizationNpz, "visible", Tol);
        ShouldMatch(Norm.PearsonR2(reflectance, visible), NormalizationNpz, "r2_visible", Tol, atLeastOne: true);
        foreach (var (sigma, tag) in new[] { (0.1, "s0.1"), (1.0, "s1") })
        {
            var normed = Norm.Normalize(visible, sigma, 1, 1);
            ShouldMatch(normed, NormalizationNpz, $"visible_norm_{tag}", Tol);
            ShouldMatch(Norm.PearsonR2(reflectance, normed), NormalizationNpz, $"r2_visible_norm_{tag}", Tol, atLeastOne: true);
        }
    }

    [Fact]
    public void HardTanhChannelAndItsInverseMatchTheGoldens()
    {
        using var scope = NewDisposeScope();
        var x = T(NormalizationNpz, "lht_x");
        ShouldMatch(Norm.LeakyHardTanh(x, 0), NormalizationNpz, "hardtanh", 0);
        foreach (var (leak, tag, roundTrip) in new[] { (0.03, "0.03", Tol), (0.001, "0.001", 1e-4) })
        {
            var lht = Norm.LeakyHardTanh(x, (float)leak);
            ShouldMatch(lht, NormalizationNpz, $"lht_leak{tag}", Tol);
            ShouldMatch(Norm.InverseLeakyHardTanh(x, (float)leak), NormalizationNpz, $"ilht_leak{tag}", Tol);
            ShouldMatch(Norm.InverseLeakyHardTanh(lht, (float)leak), NormalizationNpz, $"ilht_lht_leak{tag}", roundTrip);
        }
    }

    [Fact]
    public void EfficientCodingThroughTheNoisyChannelMatchesTheGoldens()
    {
        using var scope = NewDisposeScope();
        var x = T(NormalizationNpz, "ec_x");
        var noise = T(NormalizationNpz, "ec_noise");
        var y = x * T(NormalizationNpz, "ec_nuisance");
        ShouldMatch(y, NormalizationNpz, "ec_y", Tol);
        var ynorm = Norm.Normalize(y, 0.1, 2, 1);
        ShouldMatch(ynorm, NormalizationNpz, "ec_ynorm", Tol);
        const float leak = 0.001f;
        var estimate = Norm.InverseLeakyHardTanh(Norm.LeakyHardTanh(y, leak) + noise, leak);
        var estimateNorm = Norm.InverseLeakyHardTanh(Norm.LeakyHardTanh(ynorm, leak) + noise, leak);
        ShouldMatch(estimate, NormalizationNpz, "ec_estimate", Tol);
        ShouldMatch(estimateNorm, NormalizationNpz, "ec_estimate_norm", Tol);
        ShouldMatch(tensor(new[] { Norm.PearsonR2(x, estimate), Norm.PearsonR2(x, estimateNorm) }), NormalizationNpz, "ec_r2", Tol, atLeastOne: true);
    }

    [Fact]
    public void ReluNetworkForwardMatchesTheGoldens()
    {
        using var scope = NewDisposeScope();
        var valX = T(NormalizationNpz, "val_x");
        var pred = Norm.ReluNetwork(valX, T(NormalizationNpz, "relunet_init_theta"), T(NormalizationNpz, "relunet_init_w"), T(NormalizationNpz, "relunet_init_b"));
        ShouldMatch(pred.squeeze(1), NormalizationNpz, "relunet_val_pred_init", Tol);
        ShouldMatch((pred.squeeze(1) - (1 / valX)).square().log(), NormalizationNpz, "relunet_val_logerr_init", Tol);
    }

    [Fact]
    public void ReluNetworkSgdRunMatchesTheGoldens()
    {
        using var scope = NewDisposeScope();
        var x = T(NormalizationNpz, "relu_data_x").index_select(0, T(NormalizationNpz, "relu_split_perm").narrow(0, 0, 3500));
        var run = Norm.TrainReluNetwork(x, 1 / x, T(NormalizationNpz, "relunet_init_theta"), T(NormalizationNpz, "relunet_init_w"),
            T(NormalizationNpz, "relunet_init_b"), 0.05, 20);
        ShouldMatch(tensor(run.Losses.Select(v => (float)v).ToArray()), NormalizationNpz, "relunet_losses", Tol);
        ShouldMatch(run.ThetaGradient, NormalizationNpz, "relunet_grad_theta", Tol);
        ShouldMatch(run.WeightGradient, NormalizationNpz, "relunet_grad_w", Tol);
        ShouldMatch(run.BiasGradient, NormalizationNpz, "relunet_grad_b", Tol);
        ShouldMatch(run.Theta, NormalizationNpz, "relunet_after_theta", Tol);
        ShouldMatch(run.Weight, NormalizationNpz, "relunet_after_w", Tol);
        ShouldMatch(run.Bias, NormalizationNpz, "relunet_after_b", Tol);
    }

    [Fact]
    public void ActivationsAndTheOneUnitNetsMatchTheGoldens()
    {
        using var scope = NewDisposeScope();
        var grid = T(NormalizationNpz, "nl_grid");
        var x = T(NormalizationNpz, "relu_data_x").index_select(0, T(NormalizationNpz, "relu_split_perm").narrow(0, 0, 3500));
        foreach (var act in new[] { "ReLU", "ReLU6", "SoftPlus", "Sigmoid", "Tanh" })
        {
            ShouldMatch(Norm.Activation(grid, act), NormalizationNpz, $"nl_{act}", Tol);
            var run = Norm.TrainReluNetwork(x, 1 / x, T(NormalizationNpz, $"nonlin_{act}_init_theta"), T(NormalizationNpz, $"nonlin_{act}_init_w"),
                T(NormalizationNpz, $"nonlin_{act}_init_b"), 5e-3, 5, act);
            ShouldMatch(tensor(run.Losses.Select(v => (float)v).ToArray()), NormalizationNpz, $"nonlin_{act}_losses", Tol);
            ShouldMatch(run.Theta, NormalizationNpz, $"nonlin_{act}_after_theta", Tol);
            ShouldMatch(run.Weight, NormalizationNpz, $"nonlin_{act}_after_w", Tol);
            ShouldMatch(run.Bias, NormalizationNpz, $"nonlin_{act}_after_b", Tol);
        }
    }
}
