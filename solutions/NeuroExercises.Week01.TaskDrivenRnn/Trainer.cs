using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn;

/// <summary>Trains a network on the reaching task.</summary>
public static class Trainer
{
    /// <summary>
    /// Backpropagation through time with Adam. First call <c>torch.manual_seed(</c><see cref="TrainingOptions.Seed"/><c>)</c>
    /// (before any other draw). The training sequences are the (condition, delay) pairs of <paramref name="split"/>'s
    /// training conditions, condition-major: for each condition of <see cref="ConditionSplit.Train"/> in its (sorted)
    /// order, every delay 0..D−1 — i.e. <c>InputsWithDelay[train]</c> reshaped to [C·D, T, I], with targets
    /// <c>OutputsWithDelay[train]</c> reshaped to [C·D, T, O] — or, when <see cref="TrainingOptions.UseAllDelays"/> is
    /// false, the fixed-delay <see cref="PreparedDataset.Inputs"/> of those conditions with targets
    /// <see cref="PreparedDataset.Outputs"/> of the same conditions. All of them, and the permutation, go to the model's
    /// device (that of J) as float32 before indexing. Create <c>optim.Adam(model.parameters(), LearningRate)</c> once, with Adam's other settings at
    /// TorchSharp's defaults (β₁ = 0.9, β₂ = 0.999, ε = 1e-8, no weight decay, no AMSGrad). Each epoch draws one
    /// <c>torch.randperm(sequences)</c> (CPU, default generator) and takes batches of <see cref="TrainingOptions.BatchSize"/>
    /// in that order; the last, smaller batch is kept (not dropped). Per batch: from a zero state, step the network over
    /// all T steps, take <see cref="Losses.Loss"/>, zero_grad, backward, clip the global gradient norm to
    /// <see cref="TrainingOptions.GradientClip"/> with <c>nn.utils.clip_grad_norm_</c> (skipped when it is 0), Adam step.
    /// The epoch's loss is the plain mean of its batch losses (each batch counts once, whatever its size), each read with
    /// <c>loss.item&lt;float&gt;()</c> and summed in double. After each
    /// epoch record that loss and <see cref="Perturbation.NormalisedError"/> of <see cref="TrajectoryGenerator.Generate"/>'s
    /// outputs for the validation conditions at the fixed
    /// delay (<see cref="PreparedDataset.Inputs"/>/<see cref="PreparedDataset.Outputs"/>, maxError
    /// <see cref="PreparedDataset.MaxError"/>). The same options give the same weights.
    /// <para>
    /// A TorchSharp training loop that neither leaks tensors nor loses its optimiser:
    /// <code>
    /// using var adam = optim.Adam(parameters, lr);          // outside every dispose scope: it lives for the whole run
    /// for (var epoch = 0; epoch &lt; epochs; epoch++)
    /// {
    ///     using var epochScope = NewDisposeScope();           // frees the epoch's permutation
    ///     var order = randperm(n);
    ///     for (long start = 0; start &lt; n; start += batch)
    ///     {
    ///         using var batchScope = NewDisposeScope();       // frees every tensor of this batch's graph
    ///         var idx = order.narrow(0, start, Math.Min(batch, n - start));
    ///         var loss = …;                                   // forward over the batch
    ///         adam.zero_grad();
    ///         loss.backward();
    ///         nn.utils.clip_grad_norm_(parameters, clip);
    ///         adam.step();
    ///         sum += loss.item&lt;float&gt;();                   // a number, not a tensor, leaves the scope
    ///     }
    /// }
    /// </code>
    /// </para>
    /// Graded by <c>task-driven-rnn/TrainerChecks.TrainShort</c>.
    /// </summary>
    /// <param name="model">The network, trained in place.</param>
    /// <param name="data">The prepared dataset.</param>
    /// <param name="split">Which conditions train and which validate.</param>
    /// <param name="options">How to train.</param>
    /// <returns>The per-epoch history.</returns>
    public static TrainingHistory Train(RateRnn model, PreparedDataset data, ConditionSplit split, TrainingOptions options)
    {
        // BEGIN SOLUTION
        // STUB: seeded BPTT with Adam over (condition, delay) batches, loss from Losses.Loss.
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Epochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        if (split.Train.Length == 0 || split.Validation.Length == 0)
        {
            throw new ArgumentException("split: training and validation both need at least one condition; use DatasetPreparation.SplitByCondition.", nameof(split));
        }

        manual_seed(options.Seed);
        var device = model.Weights.J.device;
        using var data0 = NewDisposeScope();
        using var trainIndex = tensor(split.Train.Select(i => (long)i).ToArray());
        using var validationIndex = tensor(split.Validation.Select(i => (long)i).ToArray());
        Tensor trainInputs, trainTargets;
        if (options.UseAllDelays)
        {
            var x = data.InputsWithDelay.index_select(0, trainIndex);
            var y = data.OutputsWithDelay.index_select(0, trainIndex);
            // (condition, delay) pairs, condition-major.
            trainInputs = x.reshape(-1, x.shape[2], x.shape[3]).to(float32, device);
            trainTargets = y.reshape(-1, y.shape[2], y.shape[3]).to(float32, device);
        }
        else
        {
            trainInputs = data.Inputs.index_select(0, trainIndex).to(float32, device);
            trainTargets = data.Outputs.index_select(0, trainIndex).to(float32, device);
        }

        var validationInputs = data.Inputs.index_select(0, validationIndex).to(float32, device);
        var validationTargets = data.Outputs.index_select(0, validationIndex).to(float32, device);
        var parameters = model.parameters().ToArray();
        using var adam = optim.Adam(parameters, options.LearningRate);
        var sequences = trainInputs.shape[0];
        var losses = new double[options.Epochs];
        var validationErrors = new double[options.Epochs];
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            using var epochScope = NewDisposeScope();
            var order = randperm(sequences).to(device);
            double lossSum = 0;
            var batches = 0;
            for (long start = 0; start < sequences; start += options.BatchSize)
            {
                using var batchScope = NewDisposeScope();
                var idx = order.narrow(0, start, Math.Min(options.BatchSize, sequences - start));
                var (outputs, rateSum) = Unroll(model, trainInputs.index_select(0, idx));
                var loss = Losses.Loss(model, outputs, trainTargets.index_select(0, idx), rateSum, options.WeightPenalty, options.RatePenalty);
                adam.zero_grad();
                loss.backward();
                if (options.GradientClip > 0)
                {
                    nn.utils.clip_grad_norm_(parameters, options.GradientClip);
                }

                adam.step();
                lossSum += loss.item<float>();
                batches++;
            }

            losses[epoch] = lossSum / batches;
            var validation = TrajectoryGenerator.Generate(model, validationInputs);
            validationErrors[epoch] = Perturbation.NormalisedError(validation.Outputs, validationTargets, data.MaxError);
        }

        return new TrainingHistory(losses, validationErrors);
        // END SOLUTION
    }
    // BEGIN SOLUTION ONLY

    /// <summary>
    /// The differentiable run of <see cref="RateRnn.forward"/> over all steps from x₀ = 0, with the input drive
    /// of every step in one matmul and the read-out of every step in one linear map (the same equations).
    /// </summary>
    /// <param name="model">The network.</param>
    /// <param name="inputs">u, [B, T, I].</param>
    /// <returns>Outputs [B, T, O] and Σ_t Σ r(x_t)² (0-d).</returns>
    internal static (Tensor Outputs, Tensor RateSum) Unroll(RateRnn model, Tensor inputs)
    {
        var w = model.Weights;
        long batch = inputs.shape[0], steps = inputs.shape[1];
        var gain = 1.0 / model.TauOverDt;
        // Time-major drive B u_t + bx, split with unbind (indexing a tensor that needs grad per step is slow in backward).
        var drive = (matmul(inputs.transpose(0, 1), w.B.t()) + w.Bx).unbind(0);
        var jT = w.J.t();
        var x = zeros(batch, model.HiddenSize, float32, w.J.device);
        var rate = zeros(batch, model.HiddenSize, float32, w.J.device);
        var rates = new Tensor[steps];
        for (var t = 0; t < steps; t++)
        {
            x = x + (gain * (-x + matmul(rate, jT) + drive[t]));
            rate = RnnMath.RectifiedTanh(x);
            rates[t] = rate;
        }

        var all = stack(rates, 1);
        var outputs = nn.functional.linear(all, w.W, w.C);
        return (outputs, all.square().sum());
    }
    // END SOLUTION ONLY
}
