using FluentAssertions;
using NeuroExercises.Week01.TaskDrivenRnn;
using static TorchSharp.torch;

namespace NeuroExercises.Solutions.Tests.Week01;

/// <summary>Perturbations and normalisation against the PyTorch references (1e-6 abs).</summary>
public sealed class PerturbationTests
{
    [Theory]
    [InlineData("rnn_small_chaotic")]
    [InlineData("rnn_full_chaotic")]
    [InlineData("rnn_full_edge")]
    public void PerturbedWeightsMatchPyTorch(string file)
    {
        using var scope = NewDisposeScope();
        var j = Goldens.Tensor(file, "J");
        var before = j.clone();
        var noise = Goldens.Tensor(file, "noise");
        foreach (var p in new[] { "0.01", "0.1", "0.8" })
        {
            var perturbed = Perturbation.PerturbRecurrentWeights(j, double.Parse(p, System.Globalization.CultureInfo.InvariantCulture), noise);
            Close.Within(perturbed, Goldens.Tensor(file, $"perturbed_J_{p}"), 1e-6, $"{file} perturbed_J_{p}");
        }

        Close.Within(j, before, 0, "J after perturbing");
    }

    [Fact]
    public void PerturbedInputsMatchPyTorch()
    {
        using var scope = NewDisposeScope();
        var inputs = Goldens.Tensor("perturb_inputs", "inputs");
        var noise = Goldens.Tensor("perturb_inputs", "noise_uniform");
        Close.Within(inputs.norm(-1, keepdim: true), Goldens.Tensor("perturb_inputs", "input_norm"), 1e-6, "input_norm");
        foreach (var s in new[] { "0.0125", "0.05", "0.2" })
        {
            var perturbed = Perturbation.PerturbInputs(inputs, double.Parse(s, System.Globalization.CultureInfo.InvariantCulture), noise);
            Close.Within(perturbed, Goldens.Tensor("perturb_inputs", $"perturbed_{s}"), 1e-6, $"perturbed_{s}");
        }
    }

    [Fact]
    public void GeneratorOverloadsDrawTheCourseNoise()
    {
        using var scope = NewDisposeScope();
        var inputs = Goldens.Tensor("perturb_inputs", "inputs");
        var j = Goldens.Tensor("rnn_small_chaotic", "J");
        var g1 = new Generator(5);
        var g2 = new Generator(5);
        Close.Within(Perturbation.PerturbInputs(inputs, 0.05, g1), Perturbation.PerturbInputs(inputs, 0.05, rand(3, 1, 16, generator: g2)), 0, "inputs, rand(B,1,F)");
        Close.Within(Perturbation.PerturbRecurrentWeights(j, 0.1, g1), Perturbation.PerturbRecurrentWeights(j, 0.1, randn(10, 10, generator: g2)), 0, "J, randn(H,H)");
    }

    [Fact]
    public void TinyNormalisationUsesTheUnbiasedStd()
    {
        using var scope = NewDisposeScope();
        var result = DatasetPreparation.NormalizeData(Goldens.Tensor("perturb_inputs", "tiny"));
        Close.Within(result, Goldens.Tensor("perturb_inputs", "tiny_standardized"), 1e-6, "tiny_standardized");
        result.dtype.Should().Be(ScalarType.Float32);
    }

    [Fact]
    public void NormalisedErrorIsPercentOfTheNullModel()
    {
        using var scope = NewDisposeScope();
        var target = zeros(2, 3, 2);
        var predicted = full(2, 3, 2, 0.5f);
        Perturbation.NormalisedError(predicted, target, 0.25).Should().BeApproximately(100, 1e-9);
        Perturbation.NormalisedError(target, target, 0.25).Should().Be(0);
    }
}
