using FluentAssertions;
using NeuroExercises.Week01.TaskDrivenRnn;
using static TorchSharp.torch;

namespace NeuroExercises.Solutions.Tests.Week01;

/// <summary>
/// The course's dataset preparation of ../shared/fixtures/mat/condsForSim_synthetic.mat against prepare_dataset.npz:
/// inputs 1e-5 abs, outputs and times 1e-6 abs, max_error rtol 1e-6.
/// </summary>
public sealed class DatasetTests
{
    /// <summary>Prepared once per process and kept out of every test's dispose scope.</summary>
    internal static readonly Lazy<PreparedDataset> Prepared = new(() =>
    {
        using var scope = NewDisposeScope();
        var d = DatasetPreparation.Prepare(CondsForSim.Load(Goldens.Fixture("mat/condsForSim_synthetic.mat")));
        foreach (var t in new[] { d.Inputs, d.InputsWithDelay, d.Outputs, d.OutputsWithDelay, d.Times })
        {
            t.DetachFromDisposeScope();
        }

        return d;
    });

    [Fact]
    public void LoadsTheCondsForSimLayout()
    {
        using var scope = NewDisposeScope();
        var raw = CondsForSim.Load(Goldens.Fixture("mat/condsForSim_synthetic.mat"));
        raw.TimesMs.shape.Should().Equal(320);
        raw.GoEnvelope.shape.Should().Equal(27, 5, 320);
        raw.Plan.shape.Should().Equal(27, 5, 320, 15);
        raw.Muscle.shape.Should().Equal(27, 5, 320, 7);
        raw.TimesMs[46].item<double>().Should().Be(-1800, "the fixture's README: index 46 is −1800 ms");
    }

    [Fact]
    public void PreparedDatasetMatchesPyTorch()
    {
        var data = Prepared.Value;
        Close.Within(data.Inputs, Goldens.Tensor("prepare_dataset", "inputs"), 1e-5, "inputs");
        Close.Within(data.InputsWithDelay, Goldens.Tensor("prepare_dataset", "inputs_with_delay"), 1e-5, "inputs_with_delay");
        Close.Within(data.Outputs, Goldens.Tensor("prepare_dataset", "outputs"), 1e-6, "outputs");
        Close.Within(data.OutputsWithDelay, Goldens.Tensor("prepare_dataset", "outputs_with_delay"), 1e-6, "outputs_with_delay");
        Close.Within(data.Times, Goldens.Tensor("prepare_dataset", "times"), 1e-6, "times");
        Close.Relative(data.MaxError, Goldens.Scalar("prepare_dataset", "max_error"), 1e-6, "max_error");
        data.Inputs.dtype.Should().Be(ScalarType.Float32);
        data.Outputs.dtype.Should().Be(ScalarType.Float32);
        data.Times.dtype.Should().Be(ScalarType.Float64);
        data.Times.shape.Should().Equal(250);
    }

    [Fact]
    public void TrajectoryFromOwnPreparedInputsMatchesPyTorch()
    {
        // End to end (own preparation → own trajectory): hidden 5e-4, outputs 1e-4.
        using var scope = NewDisposeScope();
        using var model = Goldens.Model("rnn_full_chaotic");
        var conditions = Goldens.Tensor("rnn_full_chaotic", "trajectory_conditions");
        var run = TrajectoryGenerator.Generate(model, Prepared.Value.Inputs.index_select(0, conditions));
        Close.Within(run.Hidden, Goldens.Tensor("rnn_full_chaotic", "trajectory_hidden"), 5e-4, "trajectory_hidden end to end");
        Close.Within(run.Outputs, Goldens.Tensor("rnn_full_chaotic", "trajectory_outputs"), 1e-4, "trajectory_outputs end to end");
    }

    [Theory]
    [InlineData(27, 0.2, 0L)]
    [InlineData(27, 0.3, 42L)]
    [InlineData(5, 0.5, 7L)]
    public void SplitPartitionsConditionsBySeededPermutation(int conditions, double fraction, long seed)
    {
        var split = DatasetPreparation.SplitByCondition(conditions, fraction, seed);
        split.Validation.Length.Should().Be((int)Math.Round(conditions * fraction, MidpointRounding.ToEven));
        split.Train.Concat(split.Validation).Order().Should().Equal(Enumerable.Range(0, conditions), "every condition is in exactly one part");
        split.Train.Should().BeInAscendingOrder();
        split.Validation.Should().BeInAscendingOrder();
        DatasetPreparation.SplitByCondition(conditions, fraction, seed).Validation.Should().Equal(split.Validation, "the same seed gives the same split");

        using var scope = NewDisposeScope();
        manual_seed(seed);
        var perm = randperm(conditions).data<long>().Take(split.Validation.Length).Select(i => (int)i).Order();
        split.Validation.Should().Equal(perm, "validation is the first round(n·fraction) of torch.randperm after manual_seed");
    }

    [Fact]
    public void SplitDiffersBetweenSeeds()
    {
        var a = DatasetPreparation.SplitByCondition(27, 0.2, 0);
        var b = DatasetPreparation.SplitByCondition(27, 0.2, 1);
        a.Validation.Should().NotEqual(b.Validation);
    }
}
