using static TorchSharp.torch;

namespace NeuroExercises.Week02.BurstCreditAssignment.Checks;

/// <summary>
/// The equations of ../shared/reference/burst/README.md written here with TorchSharp only (no submitted code): the hidden
/// checks' arguments (a unit check gets its inputs from here, never from the student's other methods, so one mistake costs
/// one check) and the trusted derive steps. Never used as expected values, and never by a visible check: those read their
/// arguments from arguments.npz (<see cref="CheckKit.Arguments"/>), so the release strips every member here (it would be
/// a solution of Feedforward, BurstCcn and Burstprop).
/// </summary>
internal static class Reference
{
    /// <summary>
    /// E_l = σ(E_{l−1} W_lᵀ + b_l), E₋₁ = X, for the archive's weights. Not an overload of <see cref="Events"/>: the release's
    /// stripper tells members apart by name, so an overload calling its namesake would keep both.
    /// </summary>
    internal static Tensor[] ArchiveEvents(IReadOnlyDictionary<string, Tensor> archive) =>
        Events(archive["x"], [.. Enumerable.Range(0, CheckKit.Layers).Select(l => archive[$"W{l}"])], [.. Enumerable.Range(0, CheckKit.Layers).Select(l => archive[$"bias{l}"])]);

    /// <summary>E_l = σ(E_{l−1} W_lᵀ + b_l), E₋₁ = X.</summary>
    internal static Tensor[] Events(Tensor x, IReadOnlyList<Tensor> w, IReadOnlyList<Tensor> bias)
    {
        var events = new Tensor[w.Count];
        var below = x;
        for (var l = 0; l < w.Count; l++)
        {
            events[l] = below.matmul(w[l].t()).add(bias[l]).sigmoid();
            below = events[l];
        }

        return events;
    }

    /// <summary>The output burst probability: p̄ + p̄ (T − E_L) ⊙ (1 − E_L) with teaching, p̄ everywhere without.</summary>
    internal static Tensor OutputProbability(IReadOnlyDictionary<string, Tensor> archive, Tensor output, bool teaching)
    {
        var p = CheckKit.PBaseline(archive);
        return teaching ? ((archive["t"] - output) * (1 - output) * p) + p : full_like(output, p);
    }

    /// <summary>
    /// Burstprop's top-down pass (named apart from the exercise's type Burstprop, whose name the visible checks use, so that
    /// the release's stripper drops it): F_h = B_{h+1} Y_h, B^pre_h = σ(F_h) ⊙ E_h (or <paramref name="pre"/> of the pass without
    /// teaching), U_h = F_h ⊙ (1 − E_h) − B^pre_h R_hᵀ, P_h = σ(U_h), B_l = P_l ⊙ E_l.
    /// </summary>
    internal static (Tensor[] Feedback, Tensor[] Pre, Tensor[] Apical, Tensor[] Probability, Tensor[] Burst) TrustedBurstprop(
        IReadOnlyDictionary<string, Tensor> archive, Tensor[] events, bool teaching, Tensor[]? pre = null)
    {
        var top = CheckKit.Layers - 1;
        var feedback = new Tensor[top];
        var recurrent = new Tensor[top];
        var apical = new Tensor[top];
        var probability = new Tensor[top + 1];
        var burst = new Tensor[top + 1];
        probability[top] = OutputProbability(archive, events[top], teaching);
        burst[top] = probability[top] * events[top];
        for (var h = top - 1; h >= 0; h--)
        {
            feedback[h] = burst[h + 1].matmul(archive[$"Y{h}"]);
            recurrent[h] = pre is null ? feedback[h].sigmoid() * events[h] : pre[h];
            apical[h] = (feedback[h] * (1 - events[h])) - recurrent[h].matmul(archive[$"R{h}"].t());
            probability[h] = apical[h].sigmoid();
            burst[h] = probability[h] * events[h];
        }

        return (feedback, recurrent, apical, probability, burst);
    }
}
