using FluentAssertions;
using NeuroExercises.Week01.TaskDrivenRnn;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroExercises.Solutions.Tests.Week01;

/// <summary>
/// The reference bodies leave no tensor behind: what a method returns is the caller's to dispose, everything else is
/// freed before it returns (one dispose scope per step or batch). Counted with TorchSharp's live-tensor statistics.
/// </summary>
public sealed class TensorLifetimeTests
{
    private static readonly PreparedDataset Data =
        DatasetPreparation.Prepare(CondsForSim.Load(Goldens.Fixture("mat/condsForSim_synthetic.mat")));

    public static TheoryData<string> Methods => new()
    {
        "forward", "Generate", "PerturbInputs", "PerturbRecurrentWeights", "NormalizeData", "Loss", "Robustness", "Train", "NewModel",
    };

    [Theory]
    [MemberData(nameof(Methods))]
    public void LeavesNoLiveTensorsBehind(string method)
    {
        manual_seed(0);
        using var model = new RegularizedRNN(hiddenSize: 20);
        using var inputs = Data.Inputs.narrow(0, 0, 4);
        using var targets = Data.Outputs.narrow(0, 0, 4);
        var split = DatasetPreparation.SplitByCondition(27, 0.2, 0);
        Action call = method switch
        {
            "forward" => () =>
            {
                using var u = inputs.select(1, 0);
                using var x = model.InitHidden(4);
                Dispose(model.forward(u, x));
            },
            "Generate" => () => Dispose(TrajectoryGenerator.Generate(model, inputs)),
            "PerturbInputs" => () => Perturbation.PerturbInputs(inputs, 0.1, (Generator?)null).Dispose(),
            "PerturbRecurrentWeights" => () => Perturbation.PerturbRecurrentWeights(model.Weights.J, 0.1, (Generator?)null).Dispose(),
            "NormalizeData" => () => DatasetPreparation.NormalizeData(inputs).Dispose(),
            "Loss" => () =>
            {
                using var scope = NewDisposeScope(); // the caller's own temporaries (hidden state, stacked outputs)
                var trajectory = TrajectoryGenerator.Generate(model, inputs);
                Losses.Loss(model, trajectory.Outputs, targets, tensor(1.0f), 1e-4, 1e-4);
            },
            "Robustness" => () => RobustnessTest.Run(model, inputs, targets, Data.MaxError, [0.1], PerturbationKind.RecurrentWeights, null, 2),
            "Train" => () => Trainer.Train(model, Data, split, new TrainingOptions(Epochs: 1, BatchSize: 27)),
            "NewModel" => () => new UnregularizedRNN(hiddenSize: 20).Dispose(),
            _ => throw new ArgumentException(method),
        };

        call(); // first call: lazy statics, caches
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        call();
        call();
        var after = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        (after - before).Should().Be(0, $"{method} must free every tensor it does not return");
    }

    private static void Dispose(RnnStep step)
    {
        step.Output.Dispose();
        step.Hidden.Dispose();
        step.RatePenalty.Dispose();
    }

    private static void Dispose(Trajectory trajectory)
    {
        trajectory.Outputs.Dispose();
        trajectory.Hidden.Dispose();
    }
}
