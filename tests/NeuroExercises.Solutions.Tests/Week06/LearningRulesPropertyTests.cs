using FluentAssertions;
using NeuroExercises.Week06.LearningRules;
using Xunit;
using static TorchSharp.torch;
using G = NeuroExercises.Solutions.Tests.Week06.LearningRulesGoldens;

namespace NeuroExercises.Solutions.Tests.Week06;

/// <summary>
/// Properties of the learning-rules week that a wrong implementation fails beyond the goldens (the same properties the
/// hidden checks grade): Kolen–Pollack's (1 − ηλ)^k convergence, node perturbation's expected update aligned with
/// backprop's, Oja's norm → 1 against Hebb's growth, the reward baseline's lower variance, the accuracy's tie rule.
/// </summary>
public sealed class LearningRulesPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void KolenPollackShrinksTheMismatchByOneMinusEtaLambdaPerStep()
    {
        using var scope = NewDisposeScope();
        var (x, t) = (G.Tensor(G.Rules, "x"), G.Tensor(G.Rules, "t"));
        var wH = G.Tensor(G.Rules, "W_h");
        var wY = G.Tensor(G.Rules, "W_y");
        var b = G.Tensor(G.Rules, "B");
        const double eta = 0.05, decay = 0.1;
        var start = wY[.., ..12].t() - b;
        for (var k = 1; k <= 8; k++)
        {
            var kp = LearningRules.KolenPollack(wH, wY, b, x, t, decay, eta);
            wH = wH + (kp.DeltaWh * eta);
            wY = wY + (kp.DeltaWy * eta);
            b = kp.BAfter;
            var expected = start * Math.Pow(1 - (eta * decay), k);
            ((wY[.., ..12].t() - b) - expected).abs().max().item<double>().Should().BeLessThan(1e-14, $"after {k} steps");
        }
    }

    [Fact]
    public void NodePerturbationExpectedUpdateAlignsWithBackprop()
    {
        using var scope = NewDisposeScope();
        var (x, t) = (G.Tensor(G.Rules, "x"), G.Tensor(G.Rules, "t"));
        var (wH, wY) = (G.Tensor(G.Rules, "W_h"), G.Tensor(G.Rules, "W_y"));
        var bp = LearningRules.Backprop(wH, wY, x, t);
        using var noise = new GaussianNoise(0.1, 5);
        // K independent draws on K copies of the batch in one call: node perturbation averages over the columns, so this
        // is exactly the mean of K single-batch updates.
        const int draws = 2000;
        var tiled = x.repeat(1, draws);
        var np = LearningRules.NodePerturbation(wH, wY, tiled, t.repeat(1, draws), noise.Draw(12, 8 * draws), noise.Draw(10, 8 * draws), 0.1);
        var (sumH, sumY) = (np.DeltaWh, np.DeltaWy);
        var cosH = Metrics.Cosine(sumH, bp.DeltaWh);
        var cosY = Metrics.Cosine(sumY, bp.DeltaWy);
        output.WriteLine($"mean of {draws} node-perturbation updates: cos to backprop W_h {cosH:F4}, W_y {cosY:F4}");
        cosH.Should().BeGreaterThan(0.7, "measured 0.82 with 2000 draws (seed 5); the noise-to-signal ratio falls as 1/K");
        cosY.Should().BeGreaterThan(0.99, "measured 0.9996");
    }

    [Fact]
    public void OjaNormTendsToOneWhilePlainHebbGrows()
    {
        using var scope = NewDisposeScope();
        var x = G.Tensor(G.HebbOja, "a_X");
        var w0 = G.Tensor(G.HebbOja, "a_w0");
        var pc1 = G.Tensor(G.HebbOja, "a_pc1");
        var oja = Hebbian.Oja(x, w0, 0.01, 10);
        var hebb = Hebbian.Hebb(x, w0, 0.01, 10);
        var ojaNorm = linalg.vector_norm(oja, dims: [1]);
        var hebbNorm = linalg.vector_norm(hebb, dims: [1]);
        Math.Abs(ojaNorm[-1].item<double>() - 1).Should().BeLessThan(0.01);
        var angles = Hebbian.AnglesToAxis(oja, pc1);
        angles[-1].item<double>().Should().BeLessThan(1).And.BeLessThan(angles[0].item<double>());
        (hebbNorm[1..] - hebbNorm[..^1]).min().item<double>().Should().BeGreaterThan(0, "plain Hebb's norm grows at every record");
        hebbNorm[-1].item<double>().Should().BeGreaterThan(100 * hebbNorm[0].item<double>());
    }

    [Fact]
    public void BaselineLowersTheVarianceOfTheRewardModulatedUpdate()
    {
        using var scope = NewDisposeScope();
        var (x, xi) = (G.Tensor(G.Reward, "X"), G.Tensor(G.Reward, "xi"));
        var args = (G.Tensor(G.Reward, "W_star"), G.Tensor(G.Reward, "W0"), G.Tensor(G.Reward, "X_eval"));
        var with = RewardLearning.Run(x, xi, args.Item1, args.Item2, args.Item3, 0.002, 0.05, 0.2, 0, 100);
        var without = RewardLearning.Run(x, xi, args.Item1, args.Item2, args.Item3, 0.002, 0, 0.2, 0, 100);
        double Variance(RewardRun run)
        {
            var advantage = (run.Rewards - run.Baselines).unsqueeze(1).unsqueeze(2);
            var updates = advantage * xi.unsqueeze(2) * x.unsqueeze(1) * (0.002 / 0.04);
            return updates.var(0, unbiased: false).sum().item<double>();
        }

        var (vWith, vWithout) = (Variance(with), Variance(without));
        output.WriteLine($"update variance over 2000 trials: with baseline {vWith:E3}, without {vWithout:E3}");
        vWith.Should().BeLessThan(vWithout / 2);
        with.EvalLoss[-1].item<double>().Should().BeLessThan(without.EvalLoss[-1].item<double>());
    }

    [Fact]
    public void AccuracyCountsTiesThatIncludeTheTarget()
    {
        using var scope = NewDisposeScope();
        // column 0: tie between units 1 and 3, target 3 (argmax's first maximum says 1); column 1: target 0 below the max.
        var y = tensor(new double[] { 0.1, 0.2, 0.9, 0.3, 0.5, 0.8, 0.9, 0.1 }, [4, 2]);
        var t = tensor(new double[] { 0, 1, 0, 0, 0, 0, 1, 0 }, [4, 2]);
        Mlp.Accuracy(y, t).Should().Be(50);
        y.argmax(0).eq(t.argmax(0)).sum().item<long>().Should().Be(0, "argmax's first maximum would count neither");
    }

    [Fact]
    public void CoursesReluDerivativeIsNotTheGoldens()
    {
        using var scope = NewDisposeScope();
        var (x, t) = (G.Tensor(G.Rules, "x"), G.Tensor(G.Rules, "t"));
        var (wH, wY) = (G.Tensor(G.Rules, "W_h"), G.Tensor(G.Rules, "W_y"));
        var pass = Mlp.ForwardRelu(wH, wY, x);
        var deltaY = (t - pass.Output) * pass.Output.gt(1.0).to(float64);
        var deltaH = wY[.., ..12].t().matmul(deltaY) * pass.Hidden.gt(1.0).to(float64);
        var course = deltaH.matmul(Mlp.Augment(x).t());
        var golden = G.Tensor(G.Rules, "relu_bp_dW_h");
        var gap = (course - golden).abs().max().item<double>() / golden.abs().max().item<double>();
        gap.Should().BeGreaterThan(0.1, "the README measures the course's 1[a > 1] about 70 % off");
        (LearningRules.BackpropRelu(wH, wY, x, t).DeltaWh - golden).abs().max().item<double>().Should().BeLessThan(1e-12 * golden.abs().max().item<double>());
    }

    [Fact]
    public void TrainingDoesNotChangeItsInputsAndBackpropLowersTheLoss()
    {
        using var scope = NewDisposeScope();
        var wH0 = G.Tensor(G.Training, "W_h0");
        var before = wH0.clone();
        var run = G.Train("bp");
        (wH0 - before).abs().max().item<double>().Should().Be(0);
        run.Losses[^1].Should().BeLessThan(run.Losses[0]);
        run.TestLoss.Should().HaveCount(4);
    }
}
