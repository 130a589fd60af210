using System.Diagnostics;
using static TorchSharp.torch;

namespace NeuroExercises.Week02.BurstCreditAssignment;

/// <summary>Trains a <see cref="BurstNetwork"/> on Fashion-MNIST with one of the four rules.</summary>
public static class BurstTrainer
{
    /// <summary>
    /// The change one learning step of <paramref name="rule"/> makes on the batch (X, T), without changing the network:
    /// <list type="bullet">
    /// <item>backprop: ΔW_l = −η ∂loss/∂W_l, Δb_l = −η ∂loss/∂b_l (<see cref="Gradients.Backprop"/>, η = η_l = <see cref="TrainingOptions.GradientLearningRateOf"/>(l), which is <see cref="TrainingOptions.GradientLearningRate"/> in every layer unless <see cref="TrainingOptions.GradientLearningRates"/> is set);</item>
    /// <item>feedback alignment: the same with <see cref="Gradients.FeedbackAlignment"/>;</item>
    /// <item>Burstprop: <see cref="Burstprop.Step"/> with <see cref="TrainingOptions.BurstpropInEffect"/>;</item>
    /// <item>BurstCCN: <see cref="BurstCcn.Step"/> with <see cref="TrainingOptions.BurstCcnInEffect"/>.</item>
    /// </list>
    /// </summary>
    /// <remarks>
    /// Graded by <c>burst-credit-assignment/BurstTrainerChecks.Update</c>: the update of each rule on the goldens'
    /// batches, <c>backprop_dW{l}</c> and <c>fa_dW{l}</c> (−2.5 × the goldens' bp_grad_W{l} and fa_grad_W{l}),
    /// <c>burstccn_dW{l}</c> and <c>burstprop_dW{l}</c> (the goldens' dW{l}); a wrong sign fails.
    /// </remarks>
    /// <param name="rule">The rule.</param>
    /// <param name="network">The network (not changed).</param>
    /// <param name="x">X [N, n₋₁].</param>
    /// <param name="target">T [N, n_L].</param>
    /// <param name="options">Learning rates and the rules' hyperparameters.</param>
    /// <returns>The update to add (<see cref="BurstNetwork.Apply"/>).</returns>
    public static NetworkUpdate Update(LearningRule rule, BurstNetwork network, Tensor x, Tensor target, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        // BEGIN SOLUTION
        switch (rule)
        {
            case LearningRule.BurstCcn:
                return BurstCcn.Step(network, x, target, options.BurstCcnInEffect);
            case LearningRule.Burstprop:
                return Burstprop.Step(network, x, target, options.BurstpropInEffect);
            default:
                // On CPU in float32 one fused pass (FusedGradientUpdate); elsewhere the gradients, scaled.
                if (FusedGradientUpdate(network, x, target, rule == LearningRule.Backprop ? [.. network.W.Skip(1)] : network.Y, options) is { } fused)
                {
                    return fused;
                }

                using (var scope = NewDisposeScope())
                {
                    var g = rule == LearningRule.Backprop ? Gradients.Backprop(network, x, target) : Gradients.FeedbackAlignment(network, x, target);
                    // The gradients are new tensors this call owns: scale them in place rather than allocate ΔW beside them.
                    Tensor[] dW = [.. g.W.Select((w, l) => w.mul_(StepSize(options, l)).MoveToOuterDisposeScope())];
                    Tensor[] dB = [.. g.Bias.Select((b, l) => b.mul_(StepSize(options, l)).MoveToOuterDisposeScope())];
                    return new NetworkUpdate(dW, dB, [], [], [], []);
                }
        }
        // END SOLUTION
    }

    // BEGIN SOLUTION ONLY

    /// <summary>The factor of a gradient rule's ∂loss/∂W_l in its update: −η_l.</summary>
    private static double StepSize(TrainingOptions options, int layer) => -options.GradientLearningRateOf(layer);

    /// <summary>
    /// ΔW_l = −η_l ∂loss/∂W_l and Δb_l = −η_l ∂loss/∂b_l of <see cref="Gradients.ThroughFeedback"/> in one pass, for CPU
    /// float32 tensors that record no gradient (null otherwise: the caller takes the tensor path). The products run in
    /// libtorch in the column layout (E_lᵀ = W_l E_{l−1}ᵀ + b_l, g_hᵀ = F_hᵀ g_{h+1}ᵀ, ΔW_l = −η_l g_lᵀ E_{l−1} straight into
    /// its tensor with β = 0), and the steps between them in C# over the buffers: g_L = (E_L − T) ⊙ E_L ⊙ (1 − E_L) · 2 / (N n_L),
    /// the σ′ factors, and the bias sums. The same equations as the tensor path, in the same order per element; only
    /// the products' and sums' summation order differs.
    /// </summary>
    internal static NetworkUpdate? FusedGradientUpdate(BurstNetwork network, Tensor x, Tensor target, IReadOnlyList<Tensor> feedback, TrainingOptions options)
    {
        if (!Fused.TakesStep(network, x, target, feedback))
        {
            return null;
        }

        using var scope = NewDisposeScope();
        var layers = network.Layers;
        var top = layers - 1;
        var n = (int)x.shape[0];
        var events = Fused.EventRates(network, x);
        var g = new Tensor[layers];
        g[top] = empty_like(events[top]);
        OutputError(Fused.Floats(events[top]), Fused.Floats(target.is_contiguous() ? target : target.contiguous()), Fused.Floats(g[top]), n, (float)(2.0 / events[top].NumberOfElements));
        for (var h = top - 1; h >= 0; h--)
        {
            g[h] = feedback[h].t().mm(g[h + 1]);
            Fused.TimesDerivative(Fused.Floats(g[h]), Fused.Floats(events[h]));
        }

        var (dW, dB) = Fused.WeightUpdates(network, x, events, g, [.. Enumerable.Range(0, layers).Select(l => StepSize(options, l))]);
        return new NetworkUpdate([.. dW.Select(t => t.MoveToOuterDisposeScope())], [.. dB.Select(t => t.MoveToOuterDisposeScope())], [], [], [], []);
    }

    /// <summary>g[i, j] = (e[i, j] − t[j, i]) · e[i, j] · (1 − e[i, j]) · scale, e and g unit-major [n_L, N], t sample-major [N, n_L].</summary>
    private static void OutputError(ReadOnlySpan<float> e, ReadOnlySpan<float> t, Span<float> g, int n, float scale)
    {
        var units = e.Length / n;
        for (var i = 0; i < units; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var o = e[(i * n) + j];
                g[(i * n) + j] = (o - t[(j * units) + i]) * o * (1 - o) * scale;
            }
        }
    }

    /// <summary>What the fused CPU float32 steps of the week's rules share (solutions only).</summary>
    internal static class Fused
    {
        /// <summary>Whether <paramref name="t"/> is a CPU float32 tensor of <paramref name="dims"/> dimensions that records no gradient.</summary>
        internal static bool Takes(Tensor t, int dims) =>
            t.device_type == TorchSharp.DeviceType.CPU && t.dtype == ScalarType.Float32 && t.dim() == dims && !(t.requires_grad && is_grad_enabled());

        /// <summary><see cref="Takes"/> for every tensor of the list.</summary>
        internal static bool TakesAll(IReadOnlyList<Tensor> tensors, int dims) => tensors.All(t => Takes(t, dims));

        /// <summary>Whether a step on (X, T) can take the fused path: X, T, W, b and the given [n, m] matrices all <see cref="Takes"/>.</summary>
        internal static bool TakesStep(BurstNetwork network, Tensor x, Tensor target, params IReadOnlyList<Tensor>[] matrices) =>
            Takes(x, 2) && Takes(target, 2) && TakesAll(network.W, 2) && TakesAll(network.Bias, 1) && matrices.All(m => TakesAll(m, 2));

        /// <summary>
        /// ΔW_l = rate_l S_lᵀ E_{l−1} and Δb_l = rate_l Σ_batch S_l for unit-major signals S_lᵀ [n_l, N] (E_{−1} = X): the product
        /// straight into ΔW_l by <c>addmm_</c> (β = 0, α = rate_l), the sums in C#.
        /// </summary>
        internal static (Tensor[] W, Tensor[] Bias) WeightUpdates(BurstNetwork network, Tensor x, Tensor[] events, Tensor[] signals, IReadOnlyList<double> rates)
        {
            var dW = new Tensor[network.Layers];
            var dBias = new Tensor[network.Layers];
            for (var l = 0; l < network.Layers; l++)
            {
                var rate = (float)rates[l];
                dW[l] = empty_like(network.W[l]).addmm_(signals[l], l == 0 ? x : events[l - 1].t(), beta: 0, alpha: rate);
                dBias[l] = empty_like(network.Bias[l]);
                RowSums(Floats(signals[l]), Floats(dBias[l]), (int)x.shape[0], rate);
            }

            return (dW, dBias);
        }

        /// <summary>The float32 buffer of a contiguous tensor, without a copy.</summary>
        internal static Span<float> Floats(Tensor contiguous) => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(contiguous.bytes);

        /// <summary>The event rates in the column layout: E_lᵀ = σ(W_l E_{l−1}ᵀ + b_l), [n_l, N], contiguous.</summary>
        internal static Tensor[] EventRates(BurstNetwork network, Tensor x)
        {
            var events = new Tensor[network.Layers];
            var below = x.t();
            for (var l = 0; l < network.Layers; l++)
            {
                events[l] = addmm(network.Bias[l].unsqueeze(1), network.W[l], below, 1, 1).sigmoid_();
                below = events[l];
            }

            return events;
        }

        /// <summary>g ⊙= e ⊙ (1 − e), in that order per element.</summary>
        internal static void TimesDerivative(Span<float> g, ReadOnlySpan<float> e)
        {
            var i = 0;
            if (System.Numerics.Vector.IsHardwareAccelerated)
            {
                var width = System.Numerics.Vector<float>.Count;
                var ones = System.Numerics.Vector<float>.One;
                for (; i <= g.Length - width; i += width)
                {
                    var ev = new System.Numerics.Vector<float>(e[i..]);
                    (new System.Numerics.Vector<float>(g[i..]) * ev * (ones - ev)).CopyTo(g[i..]);
                }
            }

            for (; i < g.Length; i++)
            {
                g[i] = g[i] * e[i] * (1 - e[i]);
            }
        }

        /// <summary>b[i] = rate · Σ_j g[i, j] for g unit-major [units, N].</summary>
        internal static void RowSums(ReadOnlySpan<float> g, Span<float> b, int n, float rate)
        {
            var width = System.Numerics.Vector<float>.Count;
            for (var i = 0; i < b.Length; i++)
            {
                var row = g.Slice(i * n, n);
                var j = 0;
                var sum = 0f;
                if (System.Numerics.Vector.IsHardwareAccelerated && row.Length >= width)
                {
                    var partial = System.Numerics.Vector<float>.Zero;
                    for (; j <= row.Length - width; j += width)
                    {
                        partial += new System.Numerics.Vector<float>(row[j..]);
                    }

                    sum = System.Numerics.Vector.Sum(partial);
                }

                for (; j < row.Length; j++)
                {
                    sum += row[j];
                }

                b[i] = sum * rate;
            }
        }
    }

    // END SOLUTION ONLY

    /// <summary>
    /// Trains <paramref name="network"/> in place: seed torch's generator with <see cref="TrainingOptions.Seed"/>; each epoch
    /// draws a <c>randperm</c> of the training samples and, batch by batch (<see cref="TrainingOptions.BatchSize"/>, the last one
    /// smaller), takes X = images, T = one-hot labels, computes <see cref="Update"/> and applies it. Before training and after each
    /// epoch record the loss on the training probe (the first <see cref="TrainingOptions.ProbeSize"/> training samples, or all of them
    /// when there are fewer), the test
    /// loss and the test accuracy (<see cref="Evaluate"/>); record the alignment (<see cref="Alignment"/> on the probe's first
    /// 256 samples) at the start, every <see cref="TrainingOptions.AlignmentInterval"/> steps and at each epoch end.
    /// </summary>
    /// <remarks>
    /// Graded by <c>burst-credit-assignment/BurstTrainerChecks.TrainShortBurstCcn</c>,
    /// <c>burst-credit-assignment/BurstTrainerChecks.TrainShortBurstprop</c>: two seeded runs on a tiny data set give
    /// the same weights, the weights move, the training loss goes down and the reported losses are those of the weights
    /// (decided by the grader, not beside your code).
    /// </remarks>
    /// <param name="network">The network, trained in place.</param>
    /// <param name="data">Fashion-MNIST (or a subset).</param>
    /// <param name="options">The rule and how to train.</param>
    /// <param name="progress">Told after each batch (may be null).</param>
    /// <returns>The history.</returns>
    public static TrainingHistory Train(BurstNetwork network, FashionMnist data, TrainingOptions options, IProgress<TrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Epochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ProbeSize, 1);
        // BEGIN SOLUTION
        var clock = Stopwatch.StartNew();
        manual_seed(options.Seed);
        using var outer = NewDisposeScope();
        var samples = data.TrainImages.shape[0];
        var probe = Math.Min(options.ProbeSize, samples);
        var probeX = data.TrainImages.narrow(0, 0, probe);
        var probeLabels = data.TrainLabels.narrow(0, 0, probe);
        var alignX = probeX.narrow(0, 0, Math.Min(256, probe));
        var alignT = FashionMnist.OneHot(probeLabels.narrow(0, 0, alignX.shape[0]));
        var trainLoss = new List<double>();
        var testLoss = new List<double>();
        var testAccuracy = new List<double>();
        var alignment = new List<AlignmentPoint>();
        void Measure()
        {
            var (loss, _) = Evaluate(network, probeX, probeLabels);
            var (tl, ta) = Evaluate(network, data.TestImages, data.TestLabels);
            trainLoss.Add(loss);
            testLoss.Add(tl);
            testAccuracy.Add(ta);
        }

        long step = 0;
        var stepsPerEpoch = (samples + options.BatchSize - 1) / options.BatchSize;
        var total = stepsPerEpoch * options.Epochs;
        void Align() => alignment.Add(new AlignmentPoint(step, (double)step / stepsPerEpoch, Alignment(options.Rule, network, alignX, alignT, options)));

        Measure();
        Align();
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            using var epochScope = NewDisposeScope();
            var order = randperm(samples);
            for (long start = 0; start < samples; start += options.BatchSize)
            {
                using (var batchScope = NewDisposeScope())
                {
                    var index = order.narrow(0, start, Math.Min(options.BatchSize, samples - start));
                    var x = data.TrainImages.index_select(0, index);
                    var t = FashionMnist.OneHot(data.TrainLabels.index_select(0, index));
                    network.Apply(Update(options.Rule, network, x, t, options));
                }

                step++;
                if (options.AlignmentInterval > 0 && step % options.AlignmentInterval == 0 && start + options.BatchSize < samples)
                {
                    Align();
                }

                progress?.Report(new TrainingProgress(step, total, epoch));
            }

            Measure();
            Align();
        }

        return new TrainingHistory(trainLoss, testLoss, testAccuracy, alignment, clock.Elapsed.TotalSeconds);
        // END SOLUTION
    }

    /// <summary>
    /// Loss (<see cref="Feedforward.Loss"/> against one-hot labels) and accuracy (fraction of samples whose largest output unit
    /// is the label) of the network on (images, labels), in chunks of 2000 samples. Provided (not graded).
    /// </summary>
    /// <param name="network">The network.</param>
    /// <param name="images">X [N, n₋₁].</param>
    /// <param name="labels">int64 [N].</param>
    /// <returns>The mean loss and the accuracy in [0, 1].</returns>
    public static (double Loss, double Accuracy) Evaluate(BurstNetwork network, Tensor images, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        using var noGrad = no_grad();
        var n = images.shape[0];
        double squared = 0, correct = 0;
        for (long start = 0; start < n; start += 2000)
        {
            using var scope = NewDisposeScope();
            var size = Math.Min(2000, n - start);
            var x = images.narrow(0, start, size);
            var y = labels.narrow(0, start, size);
            var output = Feedforward.EventRates(network, x)[^1];
            squared += (output - FashionMnist.OneHot(y, (int)output.shape[1])).square().sum().item<float>();
            correct += output.argmax(1).eq(y).sum().item<long>();
        }

        return (squared / (n * network.Sizes[^1]), correct / n);
    }

    /// <summary>
    /// cos(ΔW_l of <paramref name="rule"/>, −∂loss/∂W_l of backprop) for every layer l on the batch (X, T), in float64
    /// (<see cref="Gradients.Cosine"/>). Provided (not graded).
    /// </summary>
    /// <param name="rule">The rule.</param>
    /// <param name="network">The network (not changed).</param>
    /// <param name="x">X [N, n₋₁].</param>
    /// <param name="target">T [N, n_L].</param>
    /// <param name="options">The rules' hyperparameters.</param>
    /// <returns>One cosine per layer.</returns>
    public static double[] Alignment(LearningRule rule, BurstNetwork network, Tensor x, Tensor target, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        using var scope = NewDisposeScope();
        var update = Update(rule, network, x, target, options);
        var bp = Gradients.Backprop(network, x, target);
        return [.. Enumerable.Range(0, network.Layers).Select(l => Gradients.Cosine(update.W[l], -bp.W[l]))];
    }
}
