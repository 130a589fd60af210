using FluentAssertions;
using NeuroExercises.Week03.Microcircuits;
using static NeuroExercises.Solutions.Tests.Week03.MicroGoldens;
using static TorchSharp.torch;

namespace NeuroExercises.Solutions.Tests.Week03;

/// <summary>normalization.npz's CIFARNet with and without LayerNorm: forwards, the first LayerNorm, two momentum-SGD steps.</summary>
public sealed class CifarNetGoldenTests
{
    private const double Tol = 1e-5;

    private static readonly string[] NormKeys = ["norm1.weight", "norm1.bias", "norm2.weight", "norm2.bias"];
    private static readonly string[] Keys = ["conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"];

    /// <summary>The network with the goldens' init (the course's 10⁻⁴ conv weights) or with the O(0.1) rand conv weights.</summary>
    private static CifarNet Load(bool layerNorm, bool rand)
    {
        var net = new CifarNet(layerNorm);
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var key in layerNorm ? [.. Keys, .. NormKeys] : Keys)
        {
            var source = rand && key is "conv1.weight" or "conv2.weight" ? "cifarnet_rand_" : "cifarnet_init_";
            state[key] = T(NormalizationNpz, source + key);
        }

        var (missing, unexpected) = net.load_state_dict(state, strict: true);
        missing.Should().BeEmpty();
        unexpected.Should().BeEmpty();
        return net;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ForwardMatchesTheGoldensWithInitAndRandWeightsOnPlainAndScaledImages(bool layerNorm)
    {
        using var scope = NewDisposeScope();
        var tag = layerNorm ? "ln" : "noln";
        foreach (var rand in new[] { false, true })
        {
            using var net = Load(layerNorm, rand);
            var prefix = rand ? "cifarnet_rand_" : "cifarnet_";
            ShouldMatch(net.call(T(NormalizationNpz, "cifar_x")), NormalizationNpz, prefix + tag + "_logits", Tol);
            ShouldMatch(net.call(T(NormalizationNpz, "cifar_x_scaled")), NormalizationNpz, prefix + tag + "_logits_scaled", Tol);
        }
    }

    [Fact]
    public void TheStateDictHasThePyTorchKeysAndShapes()
    {
        using var ln = new CifarNet(true);
        using var noln = new CifarNet(false);
        ln.state_dict().Keys.Should().BeEquivalentTo([.. Keys, .. NormKeys]);
        noln.state_dict().Keys.Should().BeEquivalentTo(Keys);
        ln.HasLayerNorm.Should().BeTrue();
        foreach (var (key, value) in ln.state_dict())
        {
            value.shape.Should().Equal(Members(NormalizationNpz)["cifarnet_init_" + key].Shape.Select(d => (long)d), key);
        }

        // The course's init: conv weights N(0, 1e-4²), fc weights N(0, 0.1²), LayerNorm 1 and 0.
        ln.state_dict()["conv1.weight"].std().item<float>().Should().BeInRange(0.7e-4f, 1.3e-4f);
        ln.state_dict()["fc1.weight"].std().item<float>().Should().BeInRange(0.09f, 0.11f);
        ln.state_dict()["norm1.weight"].eq(1).all().item<bool>().Should().BeTrue();
        ln.state_dict()["norm2.bias"].eq(0).all().item<bool>().Should().BeTrue();
        using var fashion = new CifarNet(true, channels: 1, height: 28, width: 28, classes: 10);
        fashion.call(zeros(2, 1, 28, 28)).shape.Should().Equal(2, 10);
    }

    [Fact]
    public void LayerNormMatchesTheGoldensAndTorchsLayerNorm()
    {
        using var scope = NewDisposeScope();
        var h = nn.functional.conv2d(T(NormalizationNpz, "cifar_x"), T(NormalizationNpz, "cifarnet_init_conv1.weight"),
            T(NormalizationNpz, "cifarnet_init_conv1.bias"), padding: [2, 2]);
        var weight = T(NormalizationNpz, "cifarnet_init_norm1.weight");
        var bias = T(NormalizationNpz, "cifarnet_init_norm1.bias");
        ShouldMatch(CifarNet.LayerNorm(h, weight, bias), NormalizationNpz, "cifarnet_ln_norm1_out", Tol);
        var library = nn.functional.layer_norm(h, [16, 8, 8], weight, bias, 1e-5);
        (CifarNet.LayerNorm(h, weight, bias) - library).abs().max().item<float>().Should().BeLessThan(1e-5f);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TwoMomentumStepsMatchTheGoldens(bool layerNorm)
    {
        using var scope = NewDisposeScope();
        var tag = layerNorm ? "ln" : "noln";
        using var net = Load(layerNorm, rand: false);
        var run = CifarNet.Train(net, T(NormalizationNpz, "cifar_x"), T(NormalizationNpz, "cifar_y"), 0.05, 0.9, 2);
        ShouldMatch(tensor(run.Losses.Select(v => (float)v).ToArray()), NormalizationNpz, $"cifarnet_{tag}_losses", Tol);
        foreach (var key in new[] { "conv1.weight", "conv1.bias", "fc2.weight", "fc2.bias" })
        {
            ShouldMatch(run.FirstGradients[key], NormalizationNpz, $"cifarnet_{tag}_grad_{key}", Tol);
        }

        foreach (var (key, value) in net.state_dict())
        {
            ShouldMatch(value, NormalizationNpz, $"cifarnet_{tag}_after_{key}", Tol);
        }
    }
}
