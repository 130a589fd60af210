using NeuroExercises.Week01.TaskDrivenRnn;
using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn.Checks;

/// <summary>Checks of <see cref="Trainer"/>: a short seeded training run, judged by a trusted derive step.</summary>
[WeekChecks(CheckKit.Week)]
public static class TrainerChecks
{
    /// <summary>Epochs of <see cref="TrainShort"/>'s runs (one history value each).</summary>
    private const int ShortEpochs = 4;

    /// <summary>Adam's learning rate, the batch size, the seed and the gradient clip of <see cref="TrainShort"/>'s runs.</summary>
    private const double ShortLearningRate = 1e-2;

    // 3 does not divide the 4 training sequences (2 conditions × 2 delays): each epoch has a batch of 3 and a last
    // batch of 1, so a trainer that drops the last batch, or weights the epoch loss by batch size, misses the reference.
    private const int ShortBatch = 3;

    private const long ShortSeed = 11;

    private const double ShortClip = 1.0;

    /// <summary>
    /// Largest distance of the submitted trained weights from the grader's own training run, relative to the distance the
    /// grader's run moved from the initial weights (all weights together). A faithful trainer lands within float noise
    /// (Adam's first steps move a weight by ≈ lr · sign(g), so a few near-zero gradients may flip sign); a fake one does not.
    /// </summary>
    private const double ReferenceMatch = 0.05;

    /// <summary>The weights a derive step reads, in this order (names of the input archive).</summary>
    private static readonly string[] WeightNames = ["J", "B", "bx", "W", "c"];

    /// <summary>
    /// Trains the H = 10 network twice for 4 epochs on a tiny dataset (3 conditions × 2 delays × 32 steps) with the same
    /// options and returns RAW data only: the trained weights of both runs and their histories. The verdict is computed by
    /// <see cref="TrainShortVerdict"/> in the grader's trusted process, never here beside the submitted code.
    /// </summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>
    /// run1_J, run1_B, run1_bx, run1_W, run1_c and run2_… (the trained weights), run1_loss, run1_validation, run2_loss,
    /// run2_validation (the histories, float64 [epochs]).
    /// </returns>
    [Check(2, Description = "Trainer.Train: seeded and reproducible, lowers the training loss on a tiny dataset", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 60, Derive = nameof(TrainShortVerdict), Hint = "Seed torch with options.Seed before anything random, train options.Epochs epochs of mini-batches over the training conditions, clip gradients to options.GradientClip before each optimiser step, and return one loss and one validation error per epoch; two runs with the same options must give identical weights.")]
    public static IReadOnlyDictionary<string, Tensor> TrainShort(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var archive = ctx.LoadInputs("rnn_small_chaotic.npz");
        var data = TinyDataset(archive["trajectory_inputs"], ctx.Device);
        var split = new ConditionSplit([0, 1], [2]);
        var options = new TrainingOptions(Epochs: ShortEpochs, LearningRate: ShortLearningRate, BatchSize: ShortBatch, Seed: ShortSeed, GradientClip: ShortClip, UseAllDelays: true);

        using var firstLease = CheckKit.Model(ctx, archive);
        var history = Trainer.Train(firstLease.Model, data, split, options);
        var first = RawWeights("run1", firstLease.Model.Weights);
        using var secondLease = CheckKit.Model(ctx, archive);
        var historyAgain = Trainer.Train(secondLease.Model, data, split, options);
        var second = RawWeights("run2", secondLease.Model.Weights);
        return CheckKit.Results(
        [
            .. first,
            .. second,
            ("run1_loss", tensor(history.Loss, float64)),
            ("run1_validation", tensor(history.ValidationError, float64)),
            ("run2_loss", tensor(historyAgain.Loss, float64)),
            ("run2_validation", tensor(historyAgain.ValidationError, float64)),
        ]);
    }

    /// <summary>
    /// The trusted derive step of <see cref="TrainShort"/>, run in the grader's process on the raw arrays the check
    /// returned (it uses only TorchSharp, those arrays and the week's inputs). reproducible: both runs' weights and
    /// histories are bit-equal; weights_changed: run 1's J differs from the initial J of the input archive;
    /// train_error_decreased: the training error of run 1's weights, by this method's own Euler rollout on the tiny
    /// dataset (rebuilt here from the inputs; MSE over the training conditions at every delay), is below that of the
    /// initial weights; finite: run 1's weights, histories and error are finite; history_lengths: one loss and one
    /// validation value per epoch; matches_reference: run 1's weights are where the grader's own seeded BPTT + Adam run
    /// (<see cref="ReferenceTraining"/>) lands, within <see cref="ReferenceMatch"/> of its step; loss_history_matches:
    /// the reported training losses are that run's (rtol 1e-3), so neither weights nor history can be faked.
    /// </summary>
    public static IReadOnlyDictionary<string, Tensor> TrainShortVerdict(CheckContext ctx, IReadOnlyDictionary<string, Tensor> raw)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(raw);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var archive = ctx.LoadInputs("rnn_small_chaotic.npz");
        var initial = WeightNames.Select(n => archive[n].to(float32)).ToArray();
        var run1 = WeightNames.Select((n, i) => RawTensor(raw, "run1_" + n, initial[i].shape, float32)).ToArray();
        var run2 = WeightNames.Select((n, i) => RawTensor(raw, "run2_" + n, initial[i].shape, float32)).ToArray();
        var loss1 = RawHistory(raw, "run1_loss");
        var validation1 = RawHistory(raw, "run1_validation");
        var loss2 = RawHistory(raw, "run2_loss");
        var validation2 = RawHistory(raw, "run2_validation");

        var tau = archive["tau_over_dt"].item<float>();
        var (_, inputsWithDelay, _, outputsWithDelay, _, _) = TinyTensors(archive["trajectory_inputs"], ctx.Device);
        var trainInputs = inputsWithDelay[TensorIndex.Slice(0, 2)].flatten(0, 1);
        var trainTargets = outputsWithDelay[TensorIndex.Slice(0, 2)].flatten(0, 1);
        var errorBefore = ReferenceMse(initial, tau, trainInputs, trainTargets);
        var errorAfter = ReferenceMse(run1, tau, trainInputs, trainTargets);

        var (reference, referenceLoss) = ReferenceTraining(initial, tau, trainInputs, trainTargets);
        var step = cat([.. reference.Zip(initial).Select(p => (p.First - p.Second).flatten())]).norm().item<float>();
        var miss = cat([.. run1.Zip(reference).Select(p => (p.First - p.Second).flatten())]).norm().item<float>();
        var matches = step > 0 && miss <= ReferenceMatch * step;
        var lossMatches = loss1.shape[0] == ShortEpochs && loss1.sub(referenceLoss).abs().le(referenceLoss.abs().mul(1e-3).add(1e-7)).all().item<bool>();

        var reproducible = run1.Zip(run2).All(p => CheckKit.Same(p.First, p.Second))
            && CheckKit.Same(loss1, loss2) && CheckKit.Same(validation1, validation2);
        var finite = run1.All(t => t.isfinite().all().item<bool>())
            && loss1.isfinite().all().item<bool>() && validation1.isfinite().all().item<bool>() && double.IsFinite(errorAfter);
        return CheckKit.Results(
            ("reproducible", CheckKit.Flag(reproducible)),
            ("weights_changed", CheckKit.Flag(!CheckKit.Same(run1[0], initial[0]))),
            ("train_error_decreased", CheckKit.Flag(errorAfter < errorBefore)),
            ("finite", CheckKit.Flag(finite)),
            ("history_lengths", CheckKit.Flag(loss1.shape[0] == ShortEpochs && validation1.shape[0] == ShortEpochs)),
            ("matches_reference", CheckKit.Flag(matches)),
            ("loss_history_matches", CheckKit.Flag(lossMatches)));
    }

    /// <summary>
    /// The course's training run, written here from the equations so no submitted code is involved: seed, then per epoch a
    /// randperm of the (condition, delay) sequences, batches in that order, BPTT of the MSE through the Euler rollout,
    /// gradient norm clipped, Adam. Returns the trained weights (<see cref="WeightNames"/> order) and the mean batch loss
    /// per epoch.
    /// </summary>
    private static (Tensor[] Weights, Tensor Loss) ReferenceTraining(Tensor[] initial, double tauOverDt, Tensor inputs, Tensor targets)
    {
        using var grad = enable_grad();
        var parameters = initial.Select(t => new TorchSharp.Modules.Parameter(t.detach().clone(), requires_grad: true)).ToArray();
        // A private generator seeded with ShortSeed draws what manual_seed(ShortSeed) makes torch's global one draw, and no
        // other thread of this process (checks derived in parallel for a class, tests) can take numbers from it in between.
        using var generator = new Generator((ulong)ShortSeed);
        using var adam = optim.Adam(parameters, ShortLearningRate);
        var sequences = inputs.shape[0];
        var losses = new double[ShortEpochs];
        for (var epoch = 0; epoch < ShortEpochs; epoch++)
        {
            using var epochScope = NewDisposeScope();
            var order = randperm(sequences, generator: generator);
            double sum = 0;
            var batches = 0;
            for (long start = 0; start < sequences; start += ShortBatch)
            {
                using var batchScope = NewDisposeScope();
                var idx = order.narrow(0, start, Math.Min(ShortBatch, sequences - start));
                var outputs = Rollout(parameters, tauOverDt, inputs.index_select(0, idx));
                var loss = nn.functional.mse_loss(outputs, targets.index_select(0, idx), nn.Reduction.Mean);
                adam.zero_grad();
                loss.backward();
                nn.utils.clip_grad_norm_(parameters, ShortClip);
                adam.step();
                sum += loss.item<float>();
                batches++;
            }

            losses[epoch] = sum / batches;
        }

        return ([.. parameters.Select(p => p.detach().clone())], tensor(losses, float64));
    }

    /// <summary>Outputs [B, T, O] of the Euler rollout from x = 0 (differentiable in <paramref name="w"/>).</summary>
    private static Tensor Rollout(Tensor[] w, double tauOverDt, Tensor inputs)
    {
        var x = zeros(inputs.shape[0], w[0].shape[0], device: inputs.device);
        var rates = new List<Tensor>();
        foreach (var u in inputs.unbind(1))
        {
            var r = tanh(x).clamp_min(0);
            x = x + (1.0 / tauOverDt) * (-x + r.matmul(w[0].t()) + u.matmul(w[1].t()) + w[2]);
            rates.Add(tanh(x).clamp_min(0));
        }

        return nn.functional.linear(stack(rates, 1), w[3], w[4]);
    }

    /// <summary>
    /// MSE of the network with weights J, B, bx, W, c (<paramref name="w"/>, in <see cref="WeightNames"/> order) on
    /// [B, T, I] inputs, computed here from the equations (x ← x + (1/τ)(−x + J r + B u + bx), r = rectified tanh,
    /// z = W r + c) so no submitted code is involved.
    /// </summary>
    private static double ReferenceMse(Tensor[] w, double tauOverDt, Tensor inputs, Tensor targets)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var j = w[0].detach();
        var b = w[1].detach();
        var bx = w[2].detach();
        var wOut = w[3].detach();
        var c = w[4].detach();
        var x = zeros(inputs.shape[0], j.shape[0], device: inputs.device);
        var outputs = new List<Tensor>();
        foreach (var u in inputs.unbind(1))
        {
            var r = tanh(x).clamp_min(0);
            x = x + (1.0 / tauOverDt) * (-x + r.matmul(j.t()) + u.matmul(b.t()) + bx);
            outputs.Add(tanh(x).clamp_min(0).matmul(wOut.t()) + c);
        }

        return stack(outputs, 1).sub(targets).square().mean().item<float>();
    }

    /// <summary>The week's dataset record around <see cref="TinyTensors"/> (the submission's trainer takes it).</summary>
    private static PreparedDataset TinyDataset(Tensor trajectoryInputs, Device device)
    {
        var (inputs, withDelay, outputs, outputsWithDelay, times, maxError) = TinyTensors(trajectoryInputs, device);
        return new PreparedDataset(inputs, withDelay, outputs, outputsWithDelay, times, maxError);
    }

    /// <summary>
    /// The tiny training data as plain tensors (no week type, so the trusted derive step can build it too):
    /// 3 conditions, 2 "delays" (the second shifted by 4 steps), every 8th of the 250 steps: 32 steps.
    /// </summary>
    private static (Tensor Inputs, Tensor InputsWithDelay, Tensor Outputs, Tensor OutputsWithDelay, Tensor Times, float MaxError) TinyTensors(Tensor trajectoryInputs, Device device)
    {
        var inputs = trajectoryInputs[.., TensorIndex.Slice(0, 250, 8)].contiguous();
        var shifted = inputs.roll(4, 1);
        var withDelay = stack([shifted, inputs], 1);
        var outputs = CheckKit.SyntheticTargets(3, inputs.shape[1], device);
        var outputsWithDelay = stack([outputs.roll(4, 1), outputs], 1);
        var times = arange(inputs.shape[1], float64) * 0.08;
        var maxError = outputs.sub(outputs.mean([0, 1], keepdim: true)).square().mean().item<float>();
        return (inputs, withDelay, outputs, outputsWithDelay, times, maxError);
    }

    /// <summary>The named weights of a trained model, detached copies.</summary>
    private static (string Name, Tensor Value)[] RawWeights(string run, RnnWeights w) =>
    [
        ($"{run}_J", w.J.detach().clone()),
        ($"{run}_B", w.B.detach().clone()),
        ($"{run}_bx", w.Bx.detach().clone()),
        ($"{run}_W", w.W.detach().clone()),
        ($"{run}_c", w.C.detach().clone()),
    ];

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

        return t;
    }

    private static Tensor RawHistory(IReadOnlyDictionary<string, Tensor> raw, string name) =>
        raw.TryGetValue(name, out var t) && t.dim() == 1 && t.dtype == float64
            ? t
            : throw new InvalidDataException(t is null
                ? $"output '{name}' is missing (got [{string.Join(", ", raw.Keys.Order(StringComparer.Ordinal))}])"
                : $"output '{name}' is {t.dtype} with {t.dim()} dimensions, expected a float64 vector");
}
