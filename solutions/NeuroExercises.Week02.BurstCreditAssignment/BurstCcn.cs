using static TorchSharp.torch;

namespace NeuroExercises.Week02.BurstCreditAssignment;

/// <summary>
/// BurstCCN (Greedy et al. 2022), ensemble level: the burst probability of hidden layer h is set by its apical input
/// A_h = B_{h+1} Y_h − E_{h+1} Q_h, excitatory feedback of the bursts above minus inhibitory feedback of their events;
/// with Q_h = p̄ Y_h the two cancel without teaching, so A_h = 0 and P_h = σ(0) = ½ there (which is p̄ only at the default p̄ = ½)
/// and only the teaching signal moves bursts.
/// Plasticity δ_l = B_l − p̄ E_l; updates are averaged over the batch.
/// </summary>
public static class BurstCcn
{
    /// <summary>
    /// Apical input of hidden layer h: A_h = B_{h+1} Y_h − E_{h+1} Q_h.
    /// </summary>
    /// <remarks>
    /// Graded by <c>burst-credit-assignment/BurstCcnChecks.ApicalInput</c> (A₁ with and without teaching, exactly 0
    /// without) and through the pass by <c>burst-credit-assignment/BurstCcnChecks.BurstRates</c>,
    /// <c>burst-credit-assignment/BurstCcnChecks.BurstRatesWithoutTeaching</c>,
    /// <c>burst-credit-assignment/BurstCcnChecks.SymmetricFeedback</c>; max |Δ| ≤ 1e-5 of max |golden|. Feedback
    /// through W in place of Y fails.
    /// </remarks>
    /// <param name="burstAbove">B_{h+1} [N, n_{h+1}].</param>
    /// <param name="eventAbove">E_{h+1} [N, n_{h+1}].</param>
    /// <param name="y">Y_h [n_{h+1}, n_h].</param>
    /// <param name="q">Q_h [n_{h+1}, n_h].</param>
    /// <returns>A_h [N, n_h].</returns>
    public static Tensor ApicalInput(Tensor burstAbove, Tensor eventAbove, Tensor y, Tensor q)
    {
        ArgumentNullException.ThrowIfNull(burstAbove);
        ArgumentNullException.ThrowIfNull(eventAbove);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(q);
        // BEGIN SOLUTION
        using var scope = NewDisposeScope();
        return (burstAbove.matmul(y) - eventAbove.matmul(q)).MoveToOuterDisposeScope();
        // END SOLUTION
    }

    /// <summary>
    /// Burst probability of a hidden layer: P_h = σ(β A_h ⊙ (1 − E_h)).
    /// </summary>
    /// <remarks>
    /// Graded by <c>burst-credit-assignment/BurstCcnChecks.BurstProbability</c> (P₀, P₁, and exactly p̄ = ½ at A = 0)
    /// and through the pass by <c>burst-credit-assignment/BurstCcnChecks.BurstRates</c>,
    /// <c>burst-credit-assignment/BurstCcnChecks.BurstRatesWithoutTeaching</c>. σ(β A) without (1 − E) fails.
    /// </remarks>
    /// <param name="apical">A_h [N, n_h].</param>
    /// <param name="events">E_h [N, n_h].</param>
    /// <param name="beta">β (4 in the goldens).</param>
    /// <returns>P_h [N, n_h].</returns>
    public static Tensor BurstProbability(Tensor apical, Tensor events, double beta)
    {
        ArgumentNullException.ThrowIfNull(apical);
        ArgumentNullException.ThrowIfNull(events);
        // BEGIN SOLUTION
        using var scope = NewDisposeScope();
        return (apical * (1 - events) * beta).sigmoid_().MoveToOuterDisposeScope();
        // END SOLUTION
    }

    /// <summary>
    /// The top-down pass: P_L = <paramref name="outputBurstProbability"/>, B_L = P_L ⊙ E_L; then for h = L−1 down to 0:
    /// A_h = B_{h+1} Y_h − E_{h+1} Q_h, P_h = σ(β A_h ⊙ (1 − E_h)), B_h = P_h ⊙ E_h.
    /// With teaching P_L = p̄ + teaching; without, P_L = p̄ (then A_h = 0 exactly and P_h = σ(0) = ½ when Q_h = p̄ Y_h, whatever p̄).
    /// </summary>
    /// <remarks>
    /// Graded by <c>burst-credit-assignment/BurstCcnChecks.BurstRates</c> (with teaching),
    /// <c>burst-credit-assignment/BurstCcnChecks.BurstRatesWithoutTeaching</c> (A = 0 and P = p̄ exactly) and
    /// <c>burst-credit-assignment/BurstCcnChecks.SymmetricFeedback</c> (Y = W, Q = p̄ W); max |Δ| ≤ 1e-5 of max
    /// |golden|.
    /// </remarks>
    /// <param name="network">The network (Y and Q are read; Q must be present).</param>
    /// <param name="events">E_l [N, n_l], l = 0 … L (<see cref="Feedforward.EventRates"/>).</param>
    /// <param name="outputBurstProbability">P_L [N, n_L] (a 0-d tensor broadcasts, e.g. p̄ without teaching).</param>
    /// <param name="beta">β.</param>
    /// <returns>A_h, P_l and B_l of every layer.</returns>
    public static BurstCcnPass BurstRates(BurstNetwork network, IReadOnlyList<Tensor> events, Tensor outputBurstProbability, double beta)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(outputBurstProbability);
        if (network.Q.Count != network.Y.Count)
        {
            throw new ArgumentException("BurstCcn.BurstRates: the network has no Q; create it with FeedbackKind.BurstCcn or pass Q to its constructor.", nameof(network));
        }

        // BEGIN SOLUTION
        using var scope = NewDisposeScope();
        var top = network.Layers - 1;
        var apical = new Tensor[top];
        var probability = new Tensor[top + 1];
        var burst = new Tensor[top + 1];
        probability[top] = outputBurstProbability.expand_as(events[top]).clone();
        burst[top] = probability[top] * events[top];
        for (var h = top - 1; h >= 0; h--)
        {
            apical[h] = ApicalInput(burst[h + 1], events[h + 1], network.Y[h], network.Q[h]);
            probability[h] = BurstProbability(apical[h], events[h], beta);
            burst[h] = probability[h] * events[h];
        }

        return new BurstCcnPass(Out(apical), Out(probability), Out(burst));
        // END SOLUTION
    }

    /// <summary>
    /// BurstCCN's plasticity signal of layer l: δ_l = B_l − p̄ E_l (all layers, the output included).
    /// </summary>
    /// <remarks>
    /// Graded by <c>burst-credit-assignment/BurstCcnChecks.PlasticitySignal</c> and, as the update's δ, by
    /// <c>burst-credit-assignment/BurstCcnChecks.Step</c>. δ = B − E fails.
    /// </remarks>
    /// <param name="burst">B_l [N, n_l] (with teaching).</param>
    /// <param name="events">E_l [N, n_l].</param>
    /// <param name="pBaseline">p̄.</param>
    /// <returns>δ_l [N, n_l].</returns>
    public static Tensor PlasticitySignal(Tensor burst, Tensor events, double pBaseline)
    {
        ArgumentNullException.ThrowIfNull(burst);
        ArgumentNullException.ThrowIfNull(events);
        // BEGIN SOLUTION
        using var scope = NewDisposeScope();
        return (burst - (events * pBaseline)).MoveToOuterDisposeScope();
        // END SOLUTION
    }

    /// <summary>
    /// One BurstCCN learning step on a batch, averaged over its N samples:
    /// E from <see cref="Feedforward.EventRates"/>; P_L = p̄ + teaching; the top-down pass with teaching;
    /// δ_l = B_l − p̄ E_l; ΔW_l = η_l δ_lᵀ E_{l−1} / N; Δb_l = η_l Σₙ δ_l / N;
    /// ΔY_h = −η_Y E_{h+1}ᵀ A_h / N; ΔQ_h = +η_Q E_{h+1}ᵀ A_h / N (A_h with teaching). The network is not changed.
    /// </summary>
    /// <remarks>
    /// Graded by <c>burst-credit-assignment/BurstCcnChecks.Step</c> (ΔW, Δb, ΔY, ΔQ, δ; the network and X unchanged),
    /// <c>burst-credit-assignment/BurstCcnChecks.StepOutcome</c> (output and loss after the step),
    /// <c>burst-credit-assignment/BurstCcnChecks.SymmetricFeedback</c>,
    /// <c>burst-credit-assignment/BurstCcnChecks.BatchAveraged</c> (the same batch twice gives the same ΔW: averaged,
    /// not summed), <c>burst-credit-assignment/GradientsChecks.Cosines_BurstCcn</c> and
    /// <c>burst-credit-assignment/BurstTrainerChecks.Update</c>; max |Δ| ≤ 1e-5 of max |golden|.
    /// </remarks>
    /// <param name="network">The network (not changed).</param>
    /// <param name="x">X [N, n₋₁].</param>
    /// <param name="target">T [N, n_L], one-hot.</param>
    /// <param name="options">p̄, β, η_l, η_Y, η_Q. When η_Y (η_Q) is 0, ΔY (ΔQ) is empty.</param>
    /// <returns>ΔW, Δb, ΔY, ΔQ (R empty) and δ_l.</returns>
    public static NetworkUpdate Step(BurstNetwork network, Tensor x, Tensor target, BurstCcnOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        // BEGIN SOLUTION
        var n = (double)x.shape[0];
        double[] rates = [.. Enumerable.Range(0, network.Layers).Select(l => options.LearningRate(l) / n)];
        if (FusedStep(network, x, target, options, rates) is { } fused)
        {
            return fused; // CPU float32: the same step in one pass (below)
        }

        using var scope = NewDisposeScope();
        var events = Feedforward.EventRates(network, x);
        var top = network.Layers - 1;
        var probability = Feedforward.TeachingSignal(events[top], target, options.PBaseline) + options.PBaseline;
        var pass = BurstRates(network, events, probability, options.Beta);
        var dW = new Tensor[network.Layers];
        var dBias = new Tensor[network.Layers];
        var delta = new Tensor[network.Layers];
        for (var l = 0; l < network.Layers; l++)
        {
            delta[l] = PlasticitySignal(pass.Burst[l], events[l], options.PBaseline);
            var rate = rates[l];
            dW[l] = delta[l].t().matmul(l == 0 ? x : events[l - 1]).mul_(rate);
            dBias[l] = delta[l].sum(dim: 0).mul_(rate);
        }

        Tensor[] dY = [], dQ = [];
        if (options.LearningRateY != 0)
        {
            dY = [.. Enumerable.Range(0, top).Select(h => events[h + 1].t().matmul(pass.Apical[h]).mul_(-options.LearningRateY / n))];
        }

        if (options.LearningRateQ != 0)
        {
            dQ = [.. Enumerable.Range(0, top).Select(h => events[h + 1].t().matmul(pass.Apical[h]).mul_(options.LearningRateQ / n))];
        }

        return new NetworkUpdate(Out(dW), Out(dBias), Out(dY), Out(dQ), [], Out(delta));
        // END SOLUTION
    }

    // BEGIN SOLUTION ONLY

    /// <summary>
    /// <see cref="Step"/> in one pass for CPU float32 tensors that record no gradient (null otherwise: the caller takes the
    /// tensor path): the products in libtorch in the column layout (E_lᵀ = W_l E_{l−1}ᵀ + b_l, A_hᵀ = Y_hᵀ B_{h+1}ᵀ − Q_hᵀ
    /// E_{h+1}ᵀ, ΔW_l = rate_l δ_lᵀ E_{l−1} straight into its tensor), the logistic in libtorch, and every elementwise
    /// step between them in C# over the buffers, in the tensor path's order per element: P_L = (T − E_L)(1 − E_L) p̄ + p̄,
    /// the argument A (1 − E) β of P_h, B = P ⊙ E, δ = B − E p̄ and the bias sums.
    /// </summary>
    internal static NetworkUpdate? FusedStep(BurstNetwork network, Tensor x, Tensor target, BurstCcnOptions options, IReadOnlyList<double> rates)
    {
        if (network.Q.Count != network.Y.Count || !BurstTrainer.Fused.TakesStep(network, x, target, network.Y, network.Q))
        {
            return null;
        }

        using var scope = NewDisposeScope();
        var layers = network.Layers;
        var top = layers - 1;
        var n = (int)x.shape[0];
        var pBaseline = (float)options.PBaseline;
        var events = BurstTrainer.Fused.EventRates(network, x);
        var burst = new Tensor[layers];
        var delta = new Tensor[layers];
        burst[top] = empty_like(events[top]);
        delta[top] = empty_like(events[top]);
        var targetRows = target.is_contiguous() ? target : target.contiguous();
        TopBurst(Floats(events[top]), Floats(targetRows), Floats(burst[top]), Floats(delta[top]), n, pBaseline);
        var apical = new Tensor[top];
        for (var h = top - 1; h >= 0; h--)
        {
            apical[h] = network.Y[h].t().mm(burst[h + 1]).sub_(network.Q[h].t().mm(events[h + 1]));
            var probability = empty_like(apical[h]);
            Argument(Floats(apical[h]), Floats(events[h]), Floats(probability), (float)options.Beta);
            probability.sigmoid_();
            burst[h] = empty_like(events[h]);
            delta[h] = empty_like(events[h]);
            BurstAndDelta(Floats(probability), Floats(events[h]), Floats(burst[h]), Floats(delta[h]), pBaseline);
        }

        var (dW, dBias) = BurstTrainer.Fused.WeightUpdates(network, x, events, delta, rates);

        Tensor[] dY = [], dQ = [];
        if (options.LearningRateY != 0)
        {
            dY = [.. Enumerable.Range(0, top).Select(h => events[h + 1].mm(apical[h].t()).mul_(-options.LearningRateY / n))];
        }

        if (options.LearningRateQ != 0)
        {
            dQ = [.. Enumerable.Range(0, top).Select(h => events[h + 1].mm(apical[h].t()).mul_(options.LearningRateQ / n))];
        }

        return new NetworkUpdate(Out(dW), Out(dBias), Out(dY), Out(dQ), [], Out([.. delta.Select(d => d.t())]));
    }

    private static Span<float> Floats(Tensor contiguous) => BurstTrainer.Fused.Floats(contiguous);

    /// <summary>Output layer, e unit-major [n_L, N], t sample-major [N, n_L]: P = (t − e)(1 − e) p̄ + p̄, B = P e, δ = B − e p̄.</summary>
    private static void TopBurst(ReadOnlySpan<float> e, ReadOnlySpan<float> t, Span<float> burst, Span<float> delta, int n, float pBaseline)
    {
        var units = e.Length / n;
        for (var i = 0; i < units; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var k = (i * n) + j;
                var o = e[k];
                var p = ((t[(j * units) + i] - o) * (1 - o) * pBaseline) + pBaseline;
                burst[k] = p * o;
                delta[k] = burst[k] - (o * pBaseline);
            }
        }
    }

    /// <summary>The argument of P_h's logistic: A (1 − E) β.</summary>
    private static void Argument(ReadOnlySpan<float> apical, ReadOnlySpan<float> e, Span<float> argument, float beta)
    {
        for (var k = 0; k < argument.Length; k++)
        {
            argument[k] = apical[k] * (1 - e[k]) * beta;
        }
    }

    /// <summary>B = P E and δ = B − E p̄.</summary>
    private static void BurstAndDelta(ReadOnlySpan<float> p, ReadOnlySpan<float> e, Span<float> burst, Span<float> delta, float pBaseline)
    {
        for (var k = 0; k < p.Length; k++)
        {
            burst[k] = p[k] * e[k];
            delta[k] = burst[k] - (e[k] * pBaseline);
        }
    }

    // END SOLUTION ONLY

    private static Tensor[] Out(Tensor[] tensors) => [.. tensors.Select(t => t.MoveToOuterDisposeScope())];
}
