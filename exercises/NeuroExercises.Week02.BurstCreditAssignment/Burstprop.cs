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
        throw new NotImplementedException("Burstprop.Feedback: not written yet; see its XML doc.");
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
        throw new NotImplementedException("Burstprop.RecurrentInput: not written yet; see its XML doc.");
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
        throw new NotImplementedException("Burstprop.ApicalPotential: not written yet; see its XML doc.");
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
        throw new NotImplementedException("Burstprop.BurstProbability: not written yet; see its XML doc.");
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

        throw new NotImplementedException("Burstprop.BurstRates: not written yet; see its XML doc.");
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
        throw new NotImplementedException("Burstprop.PlasticitySignal: not written yet; see its XML doc.");
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
        throw new NotImplementedException("Burstprop.Step: not written yet; see its XML doc.");
    }

    private static Tensor[] Out(Tensor[] tensors) => [.. tensors.Select(t => t.MoveToOuterDisposeScope())];
}
