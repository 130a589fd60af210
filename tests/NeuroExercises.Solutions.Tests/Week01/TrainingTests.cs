using System.Diagnostics;
using FluentAssertions;
using NeuroExercises.Week01.TaskDrivenRnn;
using static TorchSharp.torch;

namespace NeuroExercises.Solutions.Tests.Week01;

/// <summary>
/// BPTT training on the fixture's prepared data. The synthetic fixture gives every condition its own random plan
/// code, so held-out conditions cannot be predicted (validation error stays near or above 100 %); the reached error
/// is therefore measured on the training conditions at the fixed delay.
/// </summary>
public sealed class TrainingTests(ITestOutputHelper output)
{
    static TrainingTests()
    {
        // libtorch's two OpenMP threads spin against each other on a busy 2-core machine (measured: 2.4 s vs 0.12 s
        // per epoch); one intra-op thread is steadier for these small matrices.
        set_num_threads(1);
    }

    [Fact]
    public void SameOptionsGiveTheSameWeights()
    {
        var data = DatasetTests.Prepared.Value;
        var split = DatasetPreparation.SplitByCondition(27, 0.2, 0);
        var options = TrainingOptions.Regularized with { Epochs = 3, LearningRate = 5e-3, Seed = 4 };
        var (first, historyA) = TrainSmall(data, split, options);
        var (second, historyB) = TrainSmall(data, split, options);
        using var scope = NewDisposeScope();
        Close.Within(second.Weights.J, first.Weights.J, 0, "J after two identical runs");
        Close.Within(second.Weights.W, first.Weights.W, 0, "W after two identical runs");
        historyB.Loss.Should().Equal(historyA.Loss);
        historyB.ValidationError.Should().Equal(historyA.ValidationError);
        historyA.Loss.Should().HaveCount(3);
        historyA.Loss[2].Should().BeLessThan(historyA.Loss[0], "Adam lowers the training loss");

        var (third, _) = TrainSmall(data, split, options with { Seed = 5 });
        Close.MaxAbs(third.Weights.J, first.Weights.J).Should().BeGreaterThan(0, "another seed gives another batch order");
        first.Dispose();
        second.Dispose();
        third.Dispose();
    }

    [Fact]
    public void LossIsMsePlusPenalties()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var model = new RegularizedRNN(hiddenSize: 8);
        var outputs = randn(3, 5, 2);
        var targets = randn(3, 5, 2);
        var rateSum = tensor(12.0f);
        var w = model.Weights;
        var mse = (outputs - targets).square().mean().item<float>();
        var weights = (w.B.square().sum() + w.W.square().sum()).item<float>();
        var expected = mse + (1e-2 * weights) + (1e-1 * 12.0 / (3 * 8 * 5));
        Losses.Loss(model, outputs, targets, rateSum, 1e-2, 1e-1).item<float>().Should().BeApproximately((float)expected, 1e-6f);
        Losses.Loss(model, outputs, targets, rateSum, 0, 0).item<float>().Should().BeApproximately(mse, 1e-7f);
        var loss = Losses.Loss(model, outputs, targets, rateSum, 1e-2, 0);
        loss.backward();
        Close.Within(w.B.grad!, 2e-2 * w.B, 1e-7, "dL/dB = 2 λ_w B");
    }

    [Fact]
    public void UnregularizedModelFitsTheTrainingConditions()
    {
        // Measured (1 thread, busy 2-core machine): 14–15 s; training-condition error 6.28 % in the full test run,
        // 4.03 % when run alone. Seeded runs repeat exactly within one process layout, but the chaotic g = 4 network
        // amplifies float32 summation-order differences between layouts (5.1–23.9 % seen at lr 5e-3, 60 epochs).
        // Held to 15 %.
        var error = TrainAndMeasure(() => new UnregularizedRNN(hiddenSize: 100), TrainingOptions.Unregularized, out var seconds);
        error.Should().BeLessThan(15, $"H = 100, 80 epochs, lr 3e-3, all delays (took {seconds:F0} s)");
    }

    [Fact]
    public void RegularizedModelFitsTheTrainingConditions()
    {
        // Measured (1 thread, busy 2-core machine): 14–15 s; training-condition error 3.38 % in the full test run. Held to 10 %.
        var error = TrainAndMeasure(() => new RegularizedRNN(hiddenSize: 100), TrainingOptions.Regularized, out var seconds);
        error.Should().BeLessThan(10, $"H = 100, 80 epochs, lr 3e-3, all delays, λ_w = λ_r = 1e-4 (took {seconds:F0} s)");
    }

    private static (RateRnn Model, TrainingHistory History) TrainSmall(PreparedDataset data, ConditionSplit split, TrainingOptions options)
    {
        manual_seed(0);
        var model = new RegularizedRNN(hiddenSize: 20);
        return (model, Trainer.Train(model, data, split, options));
    }

    private double TrainAndMeasure(Func<RateRnn> create, TrainingOptions course, out double seconds)
    {
        // The course's initialisation draws from torch's default generator: seed it first.
        manual_seed(0);
        using (var model = create())
        {
            var data = DatasetTests.Prepared.Value;
            var split = DatasetPreparation.SplitByCondition(27, 0.2, 0);
            var sw = Stopwatch.StartNew();
            var history = Trainer.Train(model, data, split, course with { Epochs = 80, LearningRate = 3e-3, Seed = 0 });
            seconds = sw.Elapsed.TotalSeconds;
            using var scope = NewDisposeScope();
            var train = tensor(split.Train.Select(i => (long)i).ToArray());
            var run = TrajectoryGenerator.Generate(model, data.Inputs.index_select(0, train));
            var error = Perturbation.NormalisedError(run.Outputs, data.Outputs.index_select(0, train), data.MaxError);
            output.WriteLine($"{model.GetName()}: {seconds:F1} s, final loss {history.Loss[^1]:E3}, training-condition error {error:F2} %, validation error {history.ValidationError[^1]:F1} %");
            history.Loss[^1].Should().BeLessThan(history.Loss[0] / 5, "training lowers the loss");
            return error;
        }
    }
}
