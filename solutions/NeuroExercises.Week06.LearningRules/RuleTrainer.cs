using static TorchSharp.torch;

namespace NeuroExercises.Week06.LearningRules;

/// <summary>The course's training loop for every rule over FIXED batches (float64, column layout).</summary>
public static class RuleTrainer
{
    /// <summary>
    /// Trains a copy of <paramref name="initial"/> with one rule. Before training (every rule but weight perturbation): the
    /// SNR (<see cref="Metrics.GradientSnr"/>) of ΔW_h over the first SnrSamples test images, ONE AT A TIME (batches of
    /// one), at the initial weights (Kolen–Pollack with η_back = 0, so it equals feedback alignment's). Then for each epoch,
    /// for each row of <paramref name="batches"/> IN ORDER (the same batches every epoch, never reshuffled): record L on the
    /// batch with the current weights, compute the rule's Δ on the batch, W_h += η ΔW_h, W_y += η ΔW_y (Kolen–Pollack also
    /// sets B to its B_after with η_back = η). After each epoch: accuracy and loss on the test set, and the cosine between
    /// the rule's ΔW_h on the whole test set and backprop's ΔW_h there at the same weights (Kolen–Pollack with η_back = 0).
    /// Noise is drawn from <paramref name="noise"/> in exactly this order: for the SNR, per test image ξ_h [N, 1] then
    /// ξ_y [10, 1]; per update ξ_h [N, m] then ξ_y [10, m] (node perturbation) or ψ_h [N, 785] then ψ_y [10, N + 1] (weight
    /// perturbation); after each epoch one more such draw on the test set for the cosine. Backprop, feedback alignment and
    /// Kolen–Pollack draw nothing.
    /// </summary>
    /// <remarks>
    /// Graded by <c>learning-rules/RuleTrainerChecks.TrainBackprop</c>, <c>learning-rules/RuleTrainerChecks.TrainFeedbackAlignment</c>,
    /// <c>learning-rules/RuleTrainerChecks.TrainKolenPollack</c>, <c>learning-rules/RuleTrainerChecks.TrainNodePerturbation</c>
    /// and <c>learning-rules/RuleTrainerChecks.TrainWeightPerturbation</c>: every array of mlp_training.npz (losses,
    /// accuracy exactly, cosine, snr, W_y and B after training, the final loss; 1e-12 of each array's largest value).
    /// </remarks>
    /// <param name="rule">The rule.</param>
    /// <param name="initial">W_h0, W_y0, B0 (not changed).</param>
    /// <param name="xTrain">Training inputs [784, M] float64.</param>
    /// <param name="tTrain">One-hot training targets [10, M].</param>
    /// <param name="xTest">Test inputs [784, M_test].</param>
    /// <param name="tTest">One-hot test targets [10, M_test].</param>
    /// <param name="batches">[batches, m] int64 column indices into the training set.</param>
    /// <param name="options">η, σ, λ, epochs, SNR samples.</param>
    /// <param name="noise">The perturbation rules' noise (N(0, σ²) draws).</param>
    /// <param name="progress">Told the number of updates done so far (counted over all epochs, not per epoch) after each one, or null.</param>
    /// <returns>The recorded run (new tensors).</returns>
    public static RuleTrainingRun Train(LearningRule rule, MlpWeights initial, Tensor xTrain, Tensor tTrain, Tensor xTest, Tensor tTest, Tensor batches, RuleTrainingOptions options, INoiseSource noise, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(xTrain);
        ArgumentNullException.ThrowIfNull(tTrain);
        ArgumentNullException.ThrowIfNull(xTest);
        ArgumentNullException.ThrowIfNull(tTest);
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(noise);
        // BEGIN SOLUTION
        // STUB: SNR before training; then epochs × fixed batches (loss, Δ, W += η Δ); per epoch accuracy, loss and cosine.
        using var scope = NewDisposeScope();
        var wH = initial.Wh.to(float64).clone();
        var wY = initial.Wy.to(float64).clone();
        var b = initial.B.to(float64).clone();
        var snr = double.NaN;
        if (rule != LearningRule.WeightPerturbation)
        {
            using var snrScope = NewDisposeScope();
            var count = options.SnrSamples > 0 ? Math.Min(options.SnrSamples, xTest.shape[1]) : xTest.shape[1];
            var updates = new Tensor[count];
            for (var i = 0; i < count; i++)
            {
                updates[i] = Delta(rule, wH, wY, b, xTest[.., i..(int)(i + 1)], tTest[.., i..(int)(i + 1)], options, noise, 0).Update.DeltaWh;
            }

            snr = Metrics.GradientSnr(stack(updates));
        }

        var batchCount = (int)batches.shape[0];
        // Batches are gathered as rows of sample-major copies, then transposed back to columns (a view): gathering 32
        // scattered columns of [784, N] touches 784 cache lines per column and took most of an epoch's time.
        var xRows = xTrain.t().contiguous();
        var tRows = tTrain.t().contiguous();
        var losses = new double[options.Epochs * batchCount];
        var accuracy = new double[options.Epochs];
        var testLoss = new double[options.Epochs];
        var cosine = new double[options.Epochs];
        var done = 0;
        // One Scalar for η (an implicit one per add_ is freed only by the finalizer, and fragments the heap over an epoch).
        using var rate = TorchSharp.ScalarExtensionMethods.ToScalar(options.LearningRate);
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            for (var j = 0; j < batchCount; j++)
            {
                using var step = NewDisposeScope();
                var index = batches[j];
                var x = xRows.index_select(0, index).t();
                var t = tRows.index_select(0, index).t();
                losses[done] = Mlp.Loss(Mlp.Forward(wH, wY, x).Output, t).item<double>();
                var (update, bAfter) = Delta(rule, wH, wY, b, x, t, options, noise, options.LearningRate);
                wH.add_(update.DeltaWh, rate);
                wY.add_(update.DeltaWy, rate);
                b.copy_(bAfter);
                done++;
                progress?.Report(done);
            }

            using var diagnostics = NewDisposeScope();
            var output = Mlp.Forward(wH, wY, xTest).Output;
            accuracy[epoch] = Mlp.Accuracy(output, tTest);
            testLoss[epoch] = Mlp.Loss(output, tTest).item<double>();
            var ruleDelta = Delta(rule, wH, wY, b, xTest, tTest, options, noise, 0).Update.DeltaWh;
            cosine[epoch] = Metrics.Cosine(ruleDelta, LearningRules.Backprop(wH, wY, xTest, tTest).DeltaWh);
        }

        var lossFinal = Mlp.Loss(Mlp.Forward(wH, wY, xTrain).Output, tTrain).item<double>();
        return new RuleTrainingRun(losses, accuracy, testLoss, cosine, snr, wH.MoveToOuterDisposeScope(), wY.MoveToOuterDisposeScope(), b.MoveToOuterDisposeScope(), lossFinal);
        // END SOLUTION
    }

    // BEGIN SOLUTION ONLY
    private static (WeightUpdate Update, Tensor BAfter) Delta(LearningRule rule, Tensor wH, Tensor wY, Tensor b, Tensor x, Tensor t, RuleTrainingOptions options, INoiseSource noise, double etaBack)
    {
        switch (rule)
        {
            case LearningRule.Backprop:
                return (LearningRules.Backprop(wH, wY, x, t), b);
            case LearningRule.FeedbackAlignment:
                return (LearningRules.FeedbackAlignment(wH, wY, b, x, t), b);
            case LearningRule.KolenPollack:
                var kp = LearningRules.KolenPollack(wH, wY, b, x, t, options.KpDecay, etaBack);
                return (new WeightUpdate(kp.DeltaWh, kp.DeltaWy), kp.BAfter);
            case LearningRule.WeightPerturbation:
                var psiH = noise.Draw(wH.shape);
                var psiY = noise.Draw(wY.shape);
                var wp = LearningRules.WeightPerturbation(wH, wY, x, t, psiH, psiY, options.Sigma);
                return (new WeightUpdate(wp.DeltaWh, wp.DeltaWy), b);
            default:
                var xiH = noise.Draw(wH.shape[0], x.shape[1]);
                var xiY = noise.Draw(wY.shape[0], x.shape[1]);
                var np = LearningRules.NodePerturbation(wH, wY, x, t, xiH, xiY, options.Sigma);
                return (new WeightUpdate(np.DeltaWh, np.DeltaWy), b);
        }
    }
    // END SOLUTION ONLY
}
