using NeuroExercises.Week02.BurstCreditAssignment;
using static TorchSharp.torch;

namespace NeuroExercises.Week02.BurstCreditAssignment.Checks;

/// <summary>
/// Checks of <see cref="Feedforward"/>: event rates, the output's teaching signal and the loss, on both goldens' networks
/// (outputs <c>ccn_…</c> from burstccn.npz, <c>bp_…</c> from burstprop.npz). Tolerances: max |Δ| ≤ 1e-5 (BurstCCN) and
/// 3e-5 (Burstprop) of the golden array's max |value| (../shared/reference/burst/README.md).
/// </summary>
[WeekChecks(CheckKit.Week)]
public static class FeedforwardChecks
{
    /// <summary>E_l of both networks; X must stay unchanged.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>ccn_event0…2, bp_event0…2, x_after (the argument after the call: the snapshot holds it unchanged).</returns>
    [Check(2, Description = "Feedforward.EventRates: E_l = σ(E_{l−1} W_lᵀ + b_l) for every layer, E₋₁ = X (both goldens' networks)", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("ccn_event0", 1e-05)] // 1e-05 × max|burstccn:event0| = 1e-05 × 0.9999
    [Tolerance("ccn_event1", 9.86e-06)] // 1e-05 × max|burstccn:event1| = 1e-05 × 0.9856
    [Tolerance("ccn_event2", 9.8e-06)] // 1e-05 × max|burstccn:event2| = 1e-05 × 0.9794
    [Tolerance("bp_event0", 2.85e-05)] // 3e-05 × max|burstprop:event0| = 3e-05 × 0.9489
    [Tolerance("bp_event1", 2.52e-05)] // 3e-05 × max|burstprop:event1| = 3e-05 × 0.8397
    [Tolerance("bp_event2", 2.4e-05)] // 3e-05 × max|burstprop:event2| = 3e-05 × 0.7983
    public static IReadOnlyDictionary<string, Tensor> EventRates(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var ccn = ctx.LoadInputs(CheckKit.Ccn);
        var bp = ctx.LoadInputs(CheckKit.Bp);
        using var ccnNet = CheckKit.Network(ccn);
        using var bpNet = CheckKit.Network(bp);
        var x = ccn["x"];
        return CheckKit.Results(
        [
            .. CheckKit.Each("ccn_event", Feedforward.EventRates(ccnNet, x)),
            .. CheckKit.Each("bp_event", Feedforward.EventRates(bpNet, bp["x"])),
            ("x_after", x),
        ]);
    }

    /// <summary>The teaching signal of both goldens' outputs (E_L stored: arguments.npz's ccn_event2, bp_event2); E_L must stay unchanged.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>ccn_teaching, bp_teaching, output_after (the E_L argument after the call).</returns>
    [Check(1, Description = "Feedforward.TeachingSignal: p̄ (T − E_L) ⊙ (1 − E_L), the sign and the (1 − E_L) factor included (p̄ = 0.5 and 0.2)", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("ccn_teaching", 4.77e-06)] // 1e-05 × max|burstccn:teaching| = 1e-05 × 0.4766
    [Tolerance("bp_teaching", 3.44e-06)] // 3e-05 × max|burstprop:teaching| = 3e-05 × 0.1144
    public static IReadOnlyDictionary<string, Tensor> TeachingSignal(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var ccn = ctx.LoadInputs(CheckKit.Ccn);
        var bp = ctx.LoadInputs(CheckKit.Bp);
        var args = ctx.LoadInputs(CheckKit.Arguments);
        var ccnOutput = args["ccn_event2"];
        var bpOutput = args["bp_event2"];
        return CheckKit.Results(
            ("ccn_teaching", Feedforward.TeachingSignal(ccnOutput, ccn["t"], CheckKit.PBaseline(ccn))),
            ("bp_teaching", Feedforward.TeachingSignal(bpOutput, bp["t"], CheckKit.PBaseline(bp))),
            ("output_after", ccnOutput));
    }

    /// <summary>The loss of both goldens' outputs before the step (E_L stored: arguments.npz's ccn_event2, bp_event2).</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>ccn_loss_before, bp_loss_before (0-d).</returns>
    [Check(1, Description = "Feedforward.Loss: the mean over N × n_L entries of (E_L − T)² (not the sum, not ½ the mean)", Visibility = Visibility.Visible, Atol = 0, Rtol = 1e-5, TimeLimitSeconds = 20)]
    [Tolerance("bp_loss_before", 0, 3e-5)]
    public static IReadOnlyDictionary<string, Tensor> Loss(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var ccn = ctx.LoadInputs(CheckKit.Ccn);
        var bp = ctx.LoadInputs(CheckKit.Bp);
        var args = ctx.LoadInputs(CheckKit.Arguments);
        return CheckKit.Results(
            ("ccn_loss_before", Feedforward.Loss(args["ccn_event2"], ccn["t"])),
            ("bp_loss_before", Feedforward.Loss(args["bp_event2"], bp["t"])));
    }
}
