using NeuroExercises.Core.Idx;
using NeuroExercises.Week02.BurstCreditAssignment;
using static TorchSharp.torch;

namespace NeuroExercises.Week02.BurstCreditAssignment.Checks;

/// <summary>
/// Checks of <see cref="BurstTrainer"/>: one update of each of the four rules on the goldens' batches, and short seeded
/// training runs of the two burst rules on a tiny synthetic data set in Fashion-MNIST's IDX layout (inputs/tiny-fashion:
/// 4 × 5 images, so the goldens' 20 → 16 → 12 → 10 networks are the starting points). The training verdicts are computed
/// in the grader's trusted process (<c>Derive</c>) from the raw weights and histories the runs return.
/// </summary>
[WeekChecks(CheckKit.Week)]
public static class BurstTrainerChecks
{
    /// <summary>Epochs, batch size and seed of the short runs.</summary>
    private const int ShortEpochs = 2;

    private const int ShortBatch = 16;

    private const long ShortSeed = 5;

    /// <summary>Relative agreement asked of the reported training losses with the grader's own evaluation of the weights.</summary>
    private const double HistoryRtol = 1e-4;

    /// <summary>
    /// BurstTrainer.Update of every rule on the goldens' batches: backprop and feedback alignment on BurstCCN's network
    /// (η = 2.5, so −2.5 × bp_grad_W / fa_grad_W), BurstCCN's step on its network, Burstprop's on its own.
    /// </summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>backprop_dW0…2, fa_dW0…2, burstccn_dW0…2, burstprop_dW0…2.</returns>
    [Check(2, Description = "BurstTrainer.Update: ΔW = −η ∇W for backprop and feedback alignment (descending), BurstCcn.Step and Burstprop.Step with the options' hyperparameters", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 30)]
    [Tolerance("backprop_dW0", 3.45e-07)] // 2.5 × 1e-05 × max|burstccn:bp_grad_W0| = 2.5 × 1e-05 × 0.01379
    [Tolerance("backprop_dW1", 4.96e-07)] // 2.5 × 1e-05 × max|burstccn:bp_grad_W1| = 2.5 × 1e-05 × 0.01984
    [Tolerance("backprop_dW2", 5.44e-07)] // 2.5 × 1e-05 × max|burstccn:bp_grad_W2| = 2.5 × 1e-05 × 0.02175
    [Tolerance("fa_dW0", 1.23e-07)] // 2.5 × 1e-05 × max|burstccn:fa_grad_W0| = 2.5 × 1e-05 × 0.004917
    [Tolerance("fa_dW1", 1.71e-07)] // 2.5 × 1e-05 × max|burstccn:fa_grad_W1| = 2.5 × 1e-05 × 0.006836
    [Tolerance("fa_dW2", 5.44e-07)] // 2.5 × 1e-05 × max|burstccn:fa_grad_W2| = 2.5 × 1e-05 × 0.02175
    [Tolerance("burstccn_dW0", 1.21e-08)] // 1e-05 × max|burstccn:dW0| = 1e-05 × 0.001203
    [Tolerance("burstccn_dW1", 1.67e-08)] // 1e-05 × max|burstccn:dW1| = 1e-05 × 0.001663
    [Tolerance("burstccn_dW2", 5.44e-08)] // 1e-05 × max|burstccn:dW2| = 1e-05 × 0.005438
    [Tolerance("burstprop_dW0", 1.16e-07)] // 0.0002 × max|burstprop:dW0| = 0.0002 × 0.0005768
    [Tolerance("burstprop_dW1", 6.89e-08)] // 3e-05 × max|burstprop:dW1| = 3e-05 × 0.002295
    [Tolerance("burstprop_dW2", 5.3e-08)] // 3e-05 × max|burstprop:dW2| = 3e-05 × 0.001766
    public static IReadOnlyDictionary<string, Tensor> Update(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var ccn = ctx.LoadInputs(CheckKit.Ccn);
        var bp = ctx.LoadInputs(CheckKit.Bp);
        using var ccnNet = CheckKit.Network(ccn);
        using var bpNet = CheckKit.Network(bp);
        NetworkUpdate Of(LearningRule rule, BurstNetwork network, IReadOnlyDictionary<string, Tensor> a) =>
            BurstTrainer.Update(rule, network, a["x"], a["t"], new TrainingOptions(rule, BurstCcn: CheckKit.CcnOptions(ccn), Burstprop: CheckKit.BpOptions(bp)));
        return CheckKit.Results(
        [
            .. CheckKit.Each("backprop_dW", Of(LearningRule.Backprop, ccnNet, ccn).W),
            .. CheckKit.Each("fa_dW", Of(LearningRule.FeedbackAlignment, ccnNet, ccn).W),
            .. CheckKit.Each("burstccn_dW", Of(LearningRule.BurstCcn, ccnNet, ccn).W),
            .. CheckKit.Each("burstprop_dW", Of(LearningRule.Burstprop, bpNet, bp).W),
        ]);
    }

    /// <summary>
    /// Trains BurstCCN's golden network twice (2 epochs, batch 16, seed 5, the trainer's default BurstCCN options) on the tiny
    /// data set and returns RAW data only; <see cref="TrainShortBurstCcnVerdict"/> decides in the grader's process.
    /// </summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>run1_W0…2, run1_bias0…2, run2_… (trained weights), run1_train_loss, run2_train_loss, run1_test_loss, run2_test_loss (float64 histories).</returns>
    [Check(3, Description = "BurstTrainer.Train with BurstCCN: seeded and reproducible, applies the updates (weights move), lowers the training loss, reports the losses of its weights", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 60, Derive = nameof(TrainShortBurstCcnVerdict))]
    public static IReadOnlyDictionary<string, Tensor> TrainShortBurstCcn(CheckContext ctx) => TrainShort(ctx, CheckKit.Ccn, LearningRule.BurstCcn);

    /// <summary>The trusted verdict of <see cref="TrainShortBurstCcn"/> (see <see cref="Verdict"/>).</summary>
    /// <param name="ctx">The grader's context (inputs only).</param>
    /// <param name="raw">The arrays the check returned.</param>
    /// <returns>The flags (1 = holds).</returns>
    public static IReadOnlyDictionary<string, Tensor> TrainShortBurstCcnVerdict(CheckContext ctx, IReadOnlyDictionary<string, Tensor> raw) => Verdict(ctx, raw, CheckKit.Ccn);

    /// <summary>
    /// Trains Burstprop's golden network twice (2 epochs, batch 16, seed 5, the trainer's default Burstprop options) on the
    /// tiny data set and returns RAW data only; <see cref="TrainShortBurstpropVerdict"/> decides in the grader's process.
    /// </summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>As <see cref="TrainShortBurstCcn"/>.</returns>
    [Check(2, Description = "BurstTrainer.Train with Burstprop: seeded and reproducible, applies the updates (weights move), lowers the training loss, reports the losses of its weights", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 60, Derive = nameof(TrainShortBurstpropVerdict))]
    public static IReadOnlyDictionary<string, Tensor> TrainShortBurstprop(CheckContext ctx) => TrainShort(ctx, CheckKit.Bp, LearningRule.Burstprop);

    /// <summary>The trusted verdict of <see cref="TrainShortBurstprop"/> (see <see cref="Verdict"/>).</summary>
    /// <param name="ctx">The grader's context (inputs only).</param>
    /// <param name="raw">The arrays the check returned.</param>
    /// <returns>The flags (1 = holds).</returns>
    public static IReadOnlyDictionary<string, Tensor> TrainShortBurstpropVerdict(CheckContext ctx, IReadOnlyDictionary<string, Tensor> raw) => Verdict(ctx, raw, CheckKit.Bp);

    private static IReadOnlyDictionary<string, Tensor> TrainShort(CheckContext ctx, string archiveName, LearningRule rule)
    {
        using var scope = NewDisposeScope();
        var archive = ctx.LoadInputs(archiveName);
        using var data = FashionMnist.Load(ctx.InputPath(CheckKit.TinyFashion));
        var options = new TrainingOptions(rule, Epochs: ShortEpochs, BatchSize: ShortBatch, Seed: ShortSeed);
        var results = new List<(string Name, Tensor Value)>();
        foreach (var run in new[] { "run1", "run2" })
        {
            using var network = CheckKit.Network(archive);
            var history = BurstTrainer.Train(network, data, options);
            results.AddRange(CheckKit.Each($"{run}_W", [.. network.W.Select(w => w.clone())]));
            results.AddRange(CheckKit.Each($"{run}_bias", [.. network.Bias.Select(b => b.clone())]));
            results.Add(($"{run}_train_loss", tensor(history.TrainLoss.ToArray(), float64)));
            results.Add(($"{run}_test_loss", tensor(history.TestLoss.ToArray(), float64)));
        }

        return CheckKit.Results([.. results]);
    }

    /// <summary>
    /// The trusted derive step of the short runs, run in the grader's process on the raw arrays (TorchSharp, those arrays
    /// and the week's inputs only). reproducible: both runs' weights and histories are bit-equal; weights_changed: run 1's
    /// W0 differs from the archive's; loss_decreased: the mean squared error of run 1's weights on the training images,
    /// by this method's own forward pass, is below that of the archive's weights; history_matches: the reported training
    /// losses (Epochs + 1 values) start at the initial weights' loss and end at the trained weights' loss (rtol
    /// <see cref="HistoryRtol"/>); finite: weights and histories are finite.
    /// </summary>
    private static IReadOnlyDictionary<string, Tensor> Verdict(CheckContext ctx, IReadOnlyDictionary<string, Tensor> raw, string archiveName)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(raw);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var archive = ctx.LoadInputs(archiveName);
        var initialW = Enumerable.Range(0, CheckKit.Layers).Select(l => archive[$"W{l}"].cpu()).ToArray();
        var initialB = Enumerable.Range(0, CheckKit.Layers).Select(l => archive[$"bias{l}"].cpu()).ToArray();
        Tensor[] Weights(string run, string name, Tensor[] like) =>
            [.. like.Select((t, l) => RawTensor(raw, $"{run}_{name}{l}", t.shape, float32))];
        var w1 = Weights("run1", "W", initialW);
        var b1 = Weights("run1", "bias", initialB);
        var w2 = Weights("run2", "W", initialW);
        var b2 = Weights("run2", "bias", initialB);
        var histories = new[] { "run1_train_loss", "run2_train_loss", "run1_test_loss", "run2_test_loss" }.Select(n => RawTensor(raw, n, [ShortEpochs + 1], float64)).ToArray();

        using var images = IdxFile.Read(Path.Combine(ctx.InputPath(CheckKit.TinyFashion), "train-images-idx3-ubyte.gz")).ToTensor();
        using var labels = IdxFile.Read(Path.Combine(ctx.InputPath(CheckKit.TinyFashion), "train-labels-idx1-ubyte.gz")).ToTensor();
        var x = images.reshape(images.shape[0], -1).to(float32).div(255.0f);
        var t = nn.functional.one_hot(labels.to(int64), 10).to(float32);
        double LossOf(Tensor[] w, Tensor[] b) => Reference.Events(x, w, b)[^1].sub(t).square().mean().item<float>();
        var before = LossOf(initialW, initialB);
        var after = LossOf(w1, b1);

        var reproducible = w1.Zip(w2).Concat(b1.Zip(b2)).Append((First: histories[0], Second: histories[1])).Append((First: histories[2], Second: histories[3]))
            .All(p => p.First.eq(p.Second).all().item<bool>());
        var reported = histories[0].data<double>().ToArray();
        var historyMatches = Close(reported[0], before) && Close(reported[^1], after);
        var finite = w1.Concat(b1).Concat(histories).All(v => v.isfinite().all().item<bool>()) && double.IsFinite(after);
        return CheckKit.Results(
            ("reproducible", Flag(reproducible)),
            ("weights_changed", Flag(!w1[0].eq(initialW[0]).all().item<bool>())),
            ("loss_decreased", Flag(after < before)),
            ("history_matches", Flag(historyMatches)),
            ("finite", Flag(finite)));
    }

    private static bool Close(double reported, double computed) => Math.Abs(reported - computed) <= (HistoryRtol * Math.Abs(computed)) + 1e-7;

    private static Tensor Flag(bool value) => tensor(value ? 1f : 0f);

    private static Tensor RawTensor(IReadOnlyDictionary<string, Tensor> raw, string name, long[] shape, ScalarType dtype)
    {
        if (!raw.TryGetValue(name, out var t))
        {
            throw new InvalidDataException($"output '{name}' is missing (got [{string.Join(", ", raw.Keys.Order(StringComparer.Ordinal))}])");
        }

        if (!t.shape.SequenceEqual(shape) || t.dtype != dtype)
        {
            throw new InvalidDataException($"output '{name}' is {t.dtype} ({string.Join(", ", t.shape)}), expected {dtype} ({string.Join(", ", shape)})");
        }

        return t.cpu();
    }
}
