using static TorchSharp.torch;

namespace NeuroExercises.Week02.BurstCreditAssignment;

/// <summary>
/// Burstprop (Payeur et al. 2021), ensemble level: hidden layer h receives feedback F_h = B_{h+1} Y_h of the bursts above;
/// its apical potential U_h = F_h ⊙ (1 − E_h) − B^pre_h R_hᵀ is held near zero by recurrent inhibition R_h driven by
/// B^pre_h = σ(F_h) ⊙ E_h of the pass without teaching; P_h = σ(U_h). Plasticity δ_l = B^t_l − B_l, the change of the burst
/// rate that teaching causes; updates are summed over the batch.
/// </summary>
public static class Burstprop
{
    /// <summary>Feedback into hidden layer h: F_h = B_{h+1} Y_h.</summary>
    /// <remarks>
    /// Graded by <c>burst-credit-assignment/BurstpropChecks.Feedback</c> (F₁ with and without teaching) and through the
    /// pass by <c>burst-credit-assignment/BurstpropChecks.BurstRates</c>; max |Δ| ≤ 3e-5 of max |golden|. Feedback
    /// through W in place of Y fails.
    /// </remarks>
    /// <param name="burstAbove">B_{h+1} [N, n_{h+1}].</param>
    /// <param name="y">Y_h [n_{h+1}, n_h].</param>
    /// <returns>F_h [N, n_h].</returns>
    public static Tensor Feedback(Tensor burstAbove, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(burstAbove);
        ArgumentNullException.ThrowIfNull(y);
        // BEGIN SOLUTION
        return burstAbove.matmul(y);
        // END SOLUTION
    }

    /// <summary>The recurrent (inhibitory) input of hidden layer h: B^pre_h = σ(F_h) ⊙ E_h, F_h without teaching.</summary>
    /// <remarks>
    /// Graded by <c>burst-credit-assignment/BurstpropChecks.RecurrentInput</c> and through the pass by
    /// <c>burst-credit-assignment/BurstpropChecks.BurstRates</c> (<c>burst_pre{h}</c>, max |Δ| ≤ 3e-5 of max |golden|).
    /// </remarks>
    /// <param name="feedback">F_h [N, n_h] (without teaching).</param>
    /// <param name="events">E_h [N, n_h].</param>
    /// <returns>B^pre_h [N, n_h].</returns>
    public static Tensor RecurrentInput(Tensor feedback, Tensor events)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        ArgumentNullException.ThrowIfNull(events);
        // BEGIN SOLUTION
        using var scope = NewDisposeScope();
        return (feedback.sigmoid() * events).MoveToOuterDisposeScope();
        // END SOLUTION
    }

    /// <summary>
    /// Apical potential of hidden layer h: U_h = F_h ⊙ (1 − E_h) − B^pre_h R_hᵀ (with teaching F^t_h in place of F_h;
    /// B^pre_h is always the pass without teaching).
    /// </summary>
    /// <remarks>
    /// Graded by <c>burst-credit-assignment/BurstpropChecks.ApicalPotential</c> (U₀, U₁ with and without teaching) and
    /// through the pass by <c>burst-credit-assignment/BurstpropChecks.BurstRates</c>; max |Δ| ≤ 3e-5 of max |golden|.
    /// Leaving out the recurrent term fails.
    /// </remarks>
    /// <param name="feedback">F_h or F^t_h [N, n_h].</param>
    /// <param name="events">E_h [N, n_h].</param>
    /// <param name="recurrentInput">B^pre_h [N, n_h].</param>
    /// <param name="r">R_h [n_h, n_h].</param>
    /// <returns>U_h [N, n_h].</returns>
    public static Tensor ApicalPotential(Tensor feedback, Tensor events, Tensor recurrentInput, Tensor r)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(recurrentInput);
        ArgumentNullException.ThrowIfNull(r);
        // BEGIN SOLUTION
        using var scope = NewDisposeScope();
        return (feedback * (1 - events) - recurrentInput.matmul(r.t())).MoveToOuterDisposeScope();
        // END SOLUTION
    }

    /// <summary>Burst probability of a hidden layer: P_h = σ(U_h).</summary>
    /// <remarks>
    /// Graded by <c>burst-credit-assignment/BurstpropChecks.BurstProbability</c> and through the pass by
    /// <c>burst-credit-assignment/BurstpropChecks.BurstRates</c>.
    /// </remarks>
    /// <param name="apical">U_h [N, n_h].</param>
    /// <returns>P_h [N, n_h].</returns>
    public static Tensor BurstProbability(Tensor apical)
    {
        ArgumentNullException.ThrowIfNull(apical);
        // BEGIN SOLUTION
        return apical.sigmoid();
        // END SOLUTION
    }

    /// <summary>
    /// The top-down pass: P_L = <paramref name="outputBurstProbability"/>, B_L = P_L ⊙ E_L; then for h = L−1 down to 0:
    /// F_h = B_{h+1} Y_h; B^pre_h = σ(F_h) ⊙ E_h when <paramref name="recurrentInput"/> is null (the pass without
    /// teaching), else B^pre_h = recurrentInput[h] (the pass with teaching reuses it); U_h = F_h ⊙ (1 − E_h) − B^pre_h R_hᵀ;
    /// P_h = σ(U_h); B_h = P_h ⊙ E_h.
    /// Without teaching P_L = p̄; with teaching P_L = p̄ + teaching.
    /// </summary>
    /// <remarks>
    /// Graded by <c>burst-credit-assignment/BurstpropChecks.BurstRates</c>: F, B^pre, U, P, B of both passes (max |Δ| ≤
    /// 3e-5 of max |golden|).
    /// </remarks>
    /// <param name="network">The network (Y and R are read; R must be present).</param>
    /// <param name="events">E_l [N, n_l], l = 0 … L.</param>
    /// <param name="outputBurstProbability">P_L [N, n_L] (a 0-d tensor broadcasts).</param>
    /// <param name="recurrentInput">B^pre_h of the pass without teaching, or null to compute it in this pass.</param>
    /// <returns>F_h, B^pre_h, U_h, P_l, B_l.</returns>
    public static BurstpropPass BurstRates(BurstNetwork network, IReadOnlyList<Tensor> events, Tensor outputBurstProbability, IReadOnlyList<Tensor>? recurrentInput = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(outputBurstProbability);
        if (network.R.Count != network.Y.Count)
        {
            throw new ArgumentException("Burstprop.BurstRates: the network has no R; create it with FeedbackKind.Burstprop or pass R to its constructor.", nameof(network));
        }

        // BEGIN SOLUTION
        return BurstRates(network, events, outputBurstProbability, recurrentInput, inhibition: null);
        // END SOLUTION
    }

    /// <summary>Burstprop's plasticity signal of layer l: δ_l = B^t_l − B_l (with minus without teaching).</summary>
    /// <remarks>
    /// Graded by <c>burst-credit-assignment/BurstpropChecks.PlasticitySignal</c> and, as the update's δ, by
    /// <c>burst-credit-assignment/BurstpropChecks.Step</c> (max |Δ| ≤ 3e-5 of max |golden|, 2e-4 for dburst0 where B^t
    /// − B cancels).
    /// </remarks>
    /// <param name="burstTeaching">B^t_l [N, n_l].</param>
    /// <param name="burst">B_l [N, n_l].</param>
    /// <returns>δ_l [N, n_l].</returns>
    public static Tensor PlasticitySignal(Tensor burstTeaching, Tensor burst)
    {
        ArgumentNullException.ThrowIfNull(burstTeaching);
        ArgumentNullException.ThrowIfNull(burst);
        // BEGIN SOLUTION
        return burstTeaching - burst;
        // END SOLUTION
    }

    /// <summary>
    /// One Burstprop learning step on a batch, summed over its N samples (no 1/N):
    /// E from <see cref="Feedforward.EventRates"/>; the pass without teaching (P_L = p̄), which gives B^pre_h; the pass with
    /// teaching (P_L = p̄ + teaching, the same B^pre_h); δ_l = B^t_l − B_l; ΔW_l = η_l δ_lᵀ E_{l−1}; Δb_l = η_l Σₙ δ_l;
    /// ΔR_h = η_R U_hᵀ B^pre_h (U_h without teaching; drives U → 0, P → ½); ΔY_h = ΔW_{h+1} when feedback learns.
    /// The network is not changed.
    /// </summary>
    /// <remarks>
    /// Graded by <c>burst-credit-assignment/BurstpropChecks.Step</c> (ΔW, Δb, ΔR, ΔY with feedback learning, δ; the
    /// network and X unchanged), <c>burst-credit-assignment/BurstpropChecks.StepOutcome</c>,
    /// <c>burst-credit-assignment/BurstpropChecks.SymmetricFeedback</c>,
    /// <c>burst-credit-assignment/BurstpropChecks.BatchSummed</c> (the same batch twice doubles ΔW: summed, not
    /// averaged), <c>burst-credit-assignment/GradientsChecks.Cosines_Burstprop</c> and
    /// <c>burst-credit-assignment/BurstTrainerChecks.Update</c>; max |Δ| ≤ 3e-5 of max |golden| (dW0, dbias0 2e-4;
    /// sym_dW0 1e-3).
    /// </remarks>
    /// <param name="network">The network (not changed).</param>
    /// <param name="x">X [N, n₋₁].</param>
    /// <param name="target">T [N, n_L], one-hot.</param>
    /// <param name="options">p̄, η_l, η_R, feedback learning. When η_R is 0, ΔR is empty; without feedback learning ΔY is empty.</param>
    /// <returns>ΔW, Δb, ΔY, ΔR (Q empty) and δ_l.</returns>
    public static NetworkUpdate Step(BurstNetwork network, Tensor x, Tensor target, BurstpropOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        // BEGIN SOLUTION
        double[] rates = [.. Enumerable.Range(0, network.Layers).Select(l => options.LearningRate(l, network.Layers))];
        if (FusedStep(network, x, target, options, rates) is { } fused)
        {
            return fused; // CPU float32: the same step in one pass (below)
        }

        using var scope = NewDisposeScope();
        var events = Feedforward.EventRates(network, x);
        var top = network.Layers - 1;
        var inhibition = new Tensor?[top];
        var plain = BurstRates(network, events, tensor((float)options.PBaseline), null, inhibition);
        var teaching = Feedforward.TeachingSignal(events[top], target, options.PBaseline) + options.PBaseline;
        var taught = BurstRates(network, events, teaching, plain.RecurrentInput, inhibition);
        var dW = new Tensor[network.Layers];
        var dBias = new Tensor[network.Layers];
        var delta = new Tensor[network.Layers];
        for (var l = 0; l < network.Layers; l++)
        {
            delta[l] = PlasticitySignal(taught.Burst[l], plain.Burst[l]);
            var rate = rates[l];
            dW[l] = delta[l].t().matmul(l == 0 ? x : events[l - 1]).mul_(rate);
            dBias[l] = delta[l].sum(dim: 0).mul_(rate);
        }

        Tensor[] dR = options.LearningRateR == 0
            ? []
            : [.. Enumerable.Range(0, top).Select(h => plain.Apical[h].t().matmul(plain.RecurrentInput[h]).mul_(options.LearningRateR))];
        Tensor[] dY = options.LearnFeedback ? [.. Enumerable.Range(0, top).Select(h => dW[h + 1].clone())] : [];
        return new NetworkUpdate(Out(dW), Out(dBias), Out(dY), [], Out(dR), Out(delta));
        // END SOLUTION
    }

    // BEGIN SOLUTION ONLY
    /// <summary>
    /// <see cref="BurstRates(BurstNetwork, IReadOnlyList{Tensor}, Tensor, IReadOnlyList{Tensor})"/>, sharing each hidden
    /// layer's inhibition B^pre_h R_hᵀ through <paramref name="inhibition"/> when given: the pass without teaching computes
    /// and stores it (the caller's scope owns it), the teaching pass, whose B^pre_h and R_h are the same, reads it back
    /// instead of repeating the [N, n_h] × [n_h, n_h] product (two of them per step in a 784-256-256-10 network).
    /// </summary>
    private static BurstpropPass BurstRates(BurstNetwork network, IReadOnlyList<Tensor> events, Tensor outputBurstProbability, IReadOnlyList<Tensor>? recurrentInput, Tensor?[]? inhibition)
    {
        using var scope = NewDisposeScope();
        var top = network.Layers - 1;
        var feedback = new Tensor[top];
        var pre = new Tensor[top];
        var apical = new Tensor[top];
        var probability = new Tensor[top + 1];
        var burst = new Tensor[top + 1];
        probability[top] = outputBurstProbability.expand_as(events[top]).clone();
        burst[top] = probability[top] * events[top];
        for (var h = top - 1; h >= 0; h--)
        {
            feedback[h] = Feedback(burst[h + 1], network.Y[h]);
            pre[h] = recurrentInput is null ? RecurrentInput(feedback[h], events[h]) : recurrentInput[h].alias();
            if (inhibition is null)
            {
                apical[h] = ApicalPotential(feedback[h], events[h], pre[h], network.R[h]);
            }
            else
            {
                // The same U_h = F_h ⊙ (1 − E_h) − B^pre_h R_hᵀ, its inhibition product made once per step.
                var inhibitory = inhibition[h] ??= pre[h].matmul(network.R[h].t()).MoveToOuterDisposeScope();
                apical[h] = (feedback[h] * (1 - events[h])) - inhibitory;
            }
            probability[h] = BurstProbability(apical[h]);
            burst[h] = probability[h] * events[h];
        }

        return new BurstpropPass(Out(feedback), Out(pre), Out(apical), Out(probability), Out(burst));
    }

    /// <summary>
    /// <see cref="Step"/> in one pass for CPU float32 tensors that record no gradient (null otherwise: the caller takes the
    /// tensor path): the products in libtorch in the column layout (E_lᵀ = W_l E_{l−1}ᵀ + b_l, F_hᵀ = Y_hᵀ B_{h+1}ᵀ, the
    /// inhibition R_h B^preᵀ_h made once and shared by both passes, ΔW_l = rate_l δ_lᵀ E_{l−1} straight into its tensor),
    /// the logistic in libtorch, and every elementwise step between them in C#, in the tensor path's order per element.
    /// </summary>
    internal static NetworkUpdate? FusedStep(BurstNetwork network, Tensor x, Tensor target, BurstpropOptions options, IReadOnlyList<double> rates)
    {
        if (network.R.Count != network.Y.Count || !BurstTrainer.Fused.TakesStep(network, x, target, network.Y, network.R))
        {
            return null;
        }

        using var scope = NewDisposeScope();
        var layers = network.Layers;
        var top = layers - 1;
        var n = (int)x.shape[0];
        var events = BurstTrainer.Fused.EventRates(network, x);
        var burst = new Tensor[layers];
        var taught = new Tensor[layers];
        burst[top] = empty_like(events[top]);
        taught[top] = empty_like(events[top]);
        var targetRows = target.is_contiguous() ? target : target.contiguous();
        OutputBursts(Floats(events[top]), Floats(targetRows), Floats(burst[top]), Floats(taught[top]), n, (float)options.PBaseline);
        var pre = new Tensor[top];
        var apical = new Tensor[top];
        for (var h = top - 1; h >= 0; h--)
        {
            var e = Floats(events[h]);
            var feedback = network.Y[h].t().mm(burst[h + 1]);
            pre[h] = Recurrent(feedback, events[h]);
            var inhibition = network.R[h].mm(pre[h]);
            apical[h] = empty_like(feedback);
            Apical(Floats(feedback), e, Floats(inhibition), Floats(apical[h]));
            burst[h] = apical[h].sigmoid();
            Times(Floats(burst[h]), e);
            var feedbackTaught = network.Y[h].t().mm(taught[h + 1]);
            var inhibitionTaught = inhibition; // the recurrent input is the pass without teaching's
            Apical(Floats(feedbackTaught), e, Floats(inhibitionTaught), Floats(feedbackTaught));
            taught[h] = feedbackTaught.sigmoid_();
            Times(Floats(taught[h]), e);
        }

        var delta = new Tensor[layers];
        for (var l = 0; l < layers; l++)
        {
            delta[l] = empty_like(events[l]);
            Difference(Floats(taught[l]), Floats(burst[l]), Floats(delta[l]));
        }

        var (dW, dBias) = BurstTrainer.Fused.WeightUpdates(network, x, events, delta, rates);

        Tensor[] dR = options.LearningRateR == 0
            ? []
            : [.. Enumerable.Range(0, top).Select(h => empty_like(network.R[h]).addmm_(apical[h], pre[h].t(), beta: 0, alpha: (float)options.LearningRateR))];
        Tensor[] dY = options.LearnFeedback ? [.. Enumerable.Range(0, top).Select(h => dW[h + 1].clone())] : [];
        return new NetworkUpdate(Out(dW), Out(dBias), Out(dY), [], Out(dR), Out([.. delta.Select(d => d.t())]));
    }

    private static Span<float> Floats(Tensor contiguous) => BurstTrainer.Fused.Floats(contiguous);

    /// <summary>B^preᵀ = σ(Fᵀ) ⊙ Eᵀ: the logistic in libtorch, the product in C#.</summary>
    private static Tensor Recurrent(Tensor feedback, Tensor events)
    {
        var pre = feedback.sigmoid();
        Times(Floats(pre), Floats(events));
        return pre;
    }

    /// <summary>Output layer, e unit-major [n_L, N], t sample-major [N, n_L]: B = p̄ e, B^t = ((t − e)(1 − e) p̄ + p̄) e.</summary>
    private static void OutputBursts(ReadOnlySpan<float> e, ReadOnlySpan<float> t, Span<float> burst, Span<float> taught, int n, float pBaseline)
    {
        var units = e.Length / n;
        for (var i = 0; i < units; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var k = (i * n) + j;
                var o = e[k];
                burst[k] = pBaseline * o;
                taught[k] = (((t[(j * units) + i] - o) * (1 - o) * pBaseline) + pBaseline) * o;
            }
        }
    }

    /// <summary>U = F (1 − E) − inhibition (the output may be the feedback's buffer).</summary>
    private static void Apical(ReadOnlySpan<float> feedback, ReadOnlySpan<float> e, ReadOnlySpan<float> inhibition, Span<float> apical)
    {
        for (var k = 0; k < apical.Length; k++)
        {
            apical[k] = (feedback[k] * (1 - e[k])) - inhibition[k];
        }
    }

    /// <summary>a ⊙= e.</summary>
    private static void Times(Span<float> a, ReadOnlySpan<float> e)
    {
        for (var k = 0; k < a.Length; k++)
        {
            a[k] *= e[k];
        }
    }

    /// <summary>δ = B^t − B.</summary>
    private static void Difference(ReadOnlySpan<float> taught, ReadOnlySpan<float> burst, Span<float> delta)
    {
        for (var k = 0; k < delta.Length; k++)
        {
            delta[k] = taught[k] - burst[k];
        }
    }

    // END SOLUTION ONLY

    private static Tensor[] Out(Tensor[] tensors) => [.. tensors.Select(t => t.MoveToOuterDisposeScope())];
}
