using static TorchSharp.torch;

namespace NeuroExercises.Week02.BurstCreditAssignment;

/// <summary>The bottom-up pass shared by every rule: event rates, the output's teaching signal and the loss.</summary>
public static class Feedforward
{
    /// <summary>
    /// Event rates of every layer: E_l = σ(E_{l−1} W_lᵀ + b_l), l = 0 … L, with E₋₁ = X and σ the logistic function.
    /// </summary>
    /// <remarks>
    /// Graded by <c>burst-credit-assignment/FeedforwardChecks.EventRates</c>: every <c>event{l}</c> of burstccn.npz and
    /// burstprop.npz (max |Δ| ≤ 1e-5 and 3e-5 of max |golden|); every step check goes through it too.
    /// </remarks>
    /// <param name="network">The weights (W_l, b_l are read).</param>
    /// <param name="x">Inputs X [N, n₋₁].</param>
    /// <returns>E_l [N, n_l] for l = 0 … L (hidden layers first, output last), new tensors.</returns>
    public static Tensor[] EventRates(BurstNetwork network, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(x);
        throw new NotImplementedException("Feedforward.EventRates: not written yet; see its XML doc.");
    }

    /// <summary>
    /// The output's teaching signal: p̄ (T − E_L) ⊙ (1 − E_L), so that the output burst probability is
    /// P_L = p̄ + teaching and its burst rate B_L = P_L ⊙ E_L (without teaching P_L = p̄).
    /// </summary>
    /// <remarks>
    /// Graded by <c>burst-credit-assignment/FeedforwardChecks.TeachingSignal</c>: <c>teaching</c> of both goldens (max
    /// |Δ| ≤ 1e-5 and 3e-5 of max |golden|); a missing sign or a missing (1 − E_L) fails.
    /// </remarks>
    /// <param name="output">E_L [N, n_L].</param>
    /// <param name="target">T [N, n_L] (one-hot).</param>
    /// <param name="pBaseline">p̄, the baseline burst probability of the output layer.</param>
    /// <returns>The teaching signal [N, n_L].</returns>
    public static Tensor TeachingSignal(Tensor output, Tensor target, double pBaseline)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(target);
        throw new NotImplementedException("Feedforward.TeachingSignal: not written yet; see its XML doc.");
    }

    /// <summary>
    /// The loss every rule is judged by: the mean over N × n_L entries of (E_L − T)².
    /// </summary>
    /// <remarks>
    /// Graded by <c>burst-credit-assignment/FeedforwardChecks.Loss</c>: <c>loss_before</c> of both goldens (rtol 1e-5
    /// and 3e-5).
    /// </remarks>
    /// <param name="output">E_L [N, n_L].</param>
    /// <param name="target">T [N, n_L].</param>
    /// <returns>The loss (0-d float32).</returns>
    public static Tensor Loss(Tensor output, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(target);
        throw new NotImplementedException("Feedforward.Loss: not written yet; see its XML doc.");
    }
}
