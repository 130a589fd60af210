using FluentAssertions;
using NeuroExercises.Core;
using NeuroExercises.Week01.TaskDrivenRnn;
using static TorchSharp.torch;

namespace NeuroExercises.Solutions.Tests.Week01;

/// <summary>Loading PyTorch state dicts (../shared/fixtures/pth) into the course's networks.</summary>
public sealed class PretrainedTests
{
    private static string SmallPth => Goldens.Fixture("pth/rnn_small_state_dict.pth");

    [Fact]
    public void LoadedStateDictReproducesTheSmallChaoticStep()
    {
        using var scope = NewDisposeScope();
        using var model = Pretrained.LoadUnregularized(SmallPth);
        model.HiddenSize.Should().Be(10);
        var step = model.forward(Goldens.Tensor("rnn_small_chaotic", "step_input"), Goldens.Tensor("rnn_small_chaotic", "step_hidden"));
        Close.Within(step.Output, Goldens.Tensor("rnn_small_chaotic", "step_output"), 1e-6, "step_output");
        Close.Within(step.Hidden, Goldens.Tensor("rnn_small_chaotic", "step_next_hidden"), 1e-6, "step_next_hidden");
        Close.Relative(step.RatePenalty.item<float>(), Goldens.Scalar("rnn_small_chaotic", "step_rate_penalty"), 1e-6, "step_rate_penalty");
    }

    [Fact]
    public void LoadIntoOverwritesAModelOfTheSameSize()
    {
        using var scope = NewDisposeScope();
        manual_seed(0);
        using var model = new RegularizedRNN(hiddenSize: 10);
        Pretrained.LoadInto(model, SmallPth);
        Close.Within(model.Weights.J, Goldens.Tensor("rnn_small_chaotic", "J"), 0, "J");
        Close.Within(model.Weights.W, Goldens.Tensor("rnn_small_chaotic", "W"), 0, "output_linear.weight");
        Close.Within(model.Weights.C, Goldens.Tensor("rnn_small_chaotic", "c"), 0, "output_linear.bias");
    }

    [Fact]
    public void ShapeMismatchNamesTheKeyAndBothShapes()
    {
        using var scope = NewDisposeScope();
        using var model = new RegularizedRNN(hiddenSize: 12);
        var act = () => Pretrained.LoadInto(model, SmallPth);
        act.Should().Throw<DataFormatException>().WithMessage("*key J has shape [10, 10]*[12, 12]*");
    }
}
