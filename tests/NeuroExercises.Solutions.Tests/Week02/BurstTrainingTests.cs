using FluentAssertions;
using NeuroExercises.Week02.BurstCreditAssignment;
using static TorchSharp.torch;

namespace NeuroExercises.Solutions.Tests.Week02;

/// <summary>
/// Short seeded runs on a Fashion-MNIST subset (1500 training, 500 test images; 784 → 32 → 16 → 10; 2 epochs; one thread):
/// every rule lowers the loss, reproducibly. Skipped when Debian's dataset-fashion-mnist is absent (setup.sh installs it).
/// </summary>
public sealed class BurstTrainingTests
{
    private static readonly Lazy<FashionMnist?> Data = new(() => FashionMnist.IsAvailable() ? FashionMnist.Load(trainLimit: 1500, testLimit: 500) : null);

    [Theory]
    [InlineData(LearningRule.Backprop)]
    [InlineData(LearningRule.FeedbackAlignment)]
    [InlineData(LearningRule.Burstprop)]
    [InlineData(LearningRule.BurstCcn)]
    public void ShortRunLowersTheLoss(LearningRule rule)
    {
        Assert.SkipWhen(Data.Value is null, $"Fashion-MNIST is absent from {FashionMnist.DefaultFolder} (apt-get install dataset-fashion-mnist)");
        var threads = get_num_threads();
        set_num_threads(1);
        try
        {
            var (history, _) = Run(rule);
            history.TrainLoss.Should().HaveCount(3);
            history.TestAccuracy.Should().HaveCount(3);
            history.TrainLoss[^1].Should().BeLessThan(history.TrainLoss[0] * 0.5, $"{rule}: probe loss {string.Join(" → ", history.TrainLoss.Select(v => v.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)))}");
            history.TestLoss[^1].Should().BeLessThan(history.TestLoss[0] * 0.5);
            history.Alignment.Should().HaveCount(3, "at the start and after each epoch");
            history.Alignment.Should().OnlyContain(p => Math.Abs(p.Cosines[p.Cosines.Count - 1] - 1) < 1e-6, "every rule's output-layer update is along −∇W of backprop");
            if (rule == LearningRule.Backprop)
            {
                history.Alignment.Should().OnlyContain(p => p.Cosines.All(c => Math.Abs(c - 1) < 1e-6));
            }
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    [Fact]
    public void HoldOutSplitsTheTrainingSetIntoTrainingAndValidation()
    {
        Assert.SkipWhen(Data.Value is null, $"Fashion-MNIST is absent from {FashionMnist.DefaultFolder}");
        var data = Data.Value!;
        using var split = data.HoldOut(500);
        split.TrainImages.shape.Should().Equal(1000, 784);
        split.TrainLabels.shape.Should().Equal(1000);
        split.TestImages.shape.Should().Equal(500, 784);
        split.TestLabels.shape.Should().Equal(500);
        split.TrainImages.eq(data.TrainImages.narrow(0, 0, 1000)).all().item<bool>().Should().BeTrue("the first N − count training samples train");
        split.TestImages.eq(data.TrainImages.narrow(0, 1000, 500)).all().item<bool>().Should().BeTrue("the last count training samples validate");
        split.TestLabels.eq(data.TrainLabels.narrow(0, 1000, 500)).all().item<bool>().Should().BeTrue();
        split.TestImages.eq(data.TestImages).all().item<bool>().Should().BeFalse("the test set is never used for validation");
        split.TrainImages[0, 0].fill_(5);
        data.TrainImages[0, 0].item<float>().Should().NotBe(5, "the split holds copies");
        FluentActions.Invoking(() => data.HoldOut(1500)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*between 1 and 1499*");
    }

    [Fact]
    public void TheSameOptionsGiveTheSameWeights()
    {
        Assert.SkipWhen(Data.Value is null, $"Fashion-MNIST is absent from {FashionMnist.DefaultFolder}");
        var (first, a) = Run(LearningRule.BurstCcn, epochs: 1);
        var (second, b) = Run(LearningRule.BurstCcn, epochs: 1);
        using (a)
        using (b)
        {
            for (var l = 0; l < a.Layers; l++)
            {
                a.W[l].eq(b.W[l]).all().item<bool>().Should().BeTrue($"W{l} after the same seeded run");
            }
        }

        second.TestAccuracy.Should().Equal(first.TestAccuracy);
    }

    private static (TrainingHistory History, BurstNetwork Network) Run(LearningRule rule, int epochs = 2)
    {
        manual_seed(7);
        var kind = rule switch { LearningRule.BurstCcn => FeedbackKind.BurstCcn, LearningRule.Burstprop => FeedbackKind.Burstprop, _ => FeedbackKind.None };
        var network = BurstNetwork.Create([784, 32, 16, 10], new NetworkInit(), kind);
        var history = BurstTrainer.Train(network, Data.Value!, new TrainingOptions(rule, Epochs: epochs, BatchSize: 32, Seed: 1, ProbeSize: 500));
        if (epochs == 2)
        {
            network.Dispose();
        }

        return (history, network);
    }
}
