using FluentAssertions;
using NeuroExercises.Week01.TaskDrivenRnn;
using static TorchSharp.torch;

namespace NeuroExercises.Solutions.Tests.Week01;

/// <summary>Invariants of the robustness experiment on the stored edge-of-chaos network.</summary>
public sealed class RobustnessTests
{
    private static (Tensor Inputs, Tensor Targets, double MaxError) Task()
    {
        var conditions = Goldens.Tensor("rnn_full_edge", "trajectory_conditions");
        return (Goldens.Tensor("rnn_full_edge", "trajectory_inputs"),
            Goldens.Tensor("prepare_dataset", "outputs").index_select(0, conditions),
            Goldens.Scalar("prepare_dataset", "max_error"));
    }

    [Theory]
    [InlineData(PerturbationKind.Inputs)]
    [InlineData(PerturbationKind.RecurrentWeights)]
    public void WeightsAreRestoredAndRunsAreReproducible(PerturbationKind kind)
    {
        using var scope = NewDisposeScope();
        using var model = Goldens.Model("rnn_full_edge");
        var (inputs, targets, maxError) = Task();
        var before = model.Weights.J.detach().clone();
        double[] levels = kind == PerturbationKind.Inputs ? [0, 0.05, 0.4] : [0, 0.1, 0.8];
        var first = RobustnessTest.Run(model, inputs, targets, maxError, levels, kind, new Generator(11), repeats: 4);
        Close.Within(model.Weights.J, before, 0, "J after the robustness test");
        var second = RobustnessTest.Run(model, inputs, targets, maxError, levels, kind, new Generator(11), repeats: 4);
        second.Mean.Should().Equal(first.Mean, "the same generator seed gives the same errors");
        second.StandardDeviation.Should().Equal(first.StandardDeviation);
        first.Levels.Should().Equal(levels);

        var clean = Perturbation.NormalisedError(TrajectoryGenerator.Generate(model, inputs).Outputs, targets, maxError);
        first.Mean[0].Should().BeApproximately(clean, 1e-6 * clean, "level 0 is the unperturbed network");
        first.StandardDeviation[0].Should().BeApproximately(0, 1e-6 * clean);
        first.Mean[2].Should().NotBe(first.Mean[0], "a strong perturbation changes the outputs");
        first.StandardDeviation[2].Should().BeGreaterThan(0, "repeats draw different noise");
    }

    [Fact]
    public void UseRecurrentWeightsRunsWithTheGivenJAndRestoresItAlsoOnAnException()
    {
        using var scope = NewDisposeScope();
        using var model = Goldens.Model("rnn_full_edge");
        var inputs = Goldens.Tensor("rnn_full_edge", "trajectory_inputs");
        var j = model.Weights.J;
        var before = j.detach().clone();
        var perturbed = Perturbation.PerturbRecurrentWeights(before, 0.5, randn(j.shape[0], j.shape[1], generator: new Generator(3)));
        Tensor inside;
        using (model.UseRecurrentWeights(perturbed))
        {
            Close.Within(model.Weights.J, perturbed, 0, "J inside the using block");
            inside = TrajectoryGenerator.Generate(model, inputs).Outputs;
        }

        Close.Within(model.Weights.J, before, 0, "J after the handle is disposed");
        inside.sub(TrajectoryGenerator.Generate(model, inputs).Outputs).abs().max().item<float>().Should().BeGreaterThan(1e-3f, "the run inside used the perturbed J");

        var act = () =>
        {
            using (model.UseRecurrentWeights(perturbed))
            {
                throw new InvalidOperationException("inside");
            }
        };
        act.Should().Throw<InvalidOperationException>();
        Close.Within(model.Weights.J, before, 0, "J after an exception inside the block");
        var wrongShape = () => model.UseRecurrentWeights(zeros(3, 3));
        wrongShape.Should().Throw<ArgumentException>().WithMessage("*pass weights of J's shape*");
    }

    [Theory]
    [InlineData(PerturbationKind.RecurrentWeights, new[] { 0, 0.05, 0.2, 0.8 })]
    [InlineData(PerturbationKind.Inputs, new[] { 0, 0.0125, 0.05, 0.2 })]
    public void ErrorGrowsWithLevel(PerturbationKind kind, double[] levels)
    {
        // Error of the perturbed run against the clean run's outputs: 0 at level 0, then increasing.
        using var scope = NewDisposeScope();
        using var model = Goldens.Model("rnn_full_edge");
        var (inputs, _, maxError) = Task();
        var clean = TrajectoryGenerator.Generate(model, inputs).Outputs;
        var result = RobustnessTest.Run(model, inputs, clean, maxError, levels, kind, new Generator(2), repeats: 5);
        result.Mean[0].Should().Be(0);
        result.Mean.Should().BeInAscendingOrder();
        result.Mean[3].Should().BeGreaterThan(10 * result.Mean[1]);
    }
}
