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
        throw new NotImplementedException("BurstCcn.ApicalInput: not written yet; see its XML doc.");
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
        throw new NotImplementedException("BurstCcn.BurstProbability: not written yet; see its XML doc.");
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

        throw new NotImplementedException("BurstCcn.BurstRates: not written yet; see its XML doc.");
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
        throw new NotImplementedException("BurstCcn.PlasticitySignal: not written yet; see its XML doc.");
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
        throw new NotImplementedException("BurstCcn.Step: not written yet; see its XML doc.");
    }

    private static Tensor[] Out(Tensor[] tensors) => [.. tensors.Select(t => t.MoveToOuterDisposeScope())];
}
