using NeuroExercises.Week02.BurstCreditAssignment;
using static TorchSharp.torch;

namespace NeuroExercises.Week02.BurstCreditAssignment.Checks;

/// <summary>
/// Checks of <see cref="Burstprop"/> on burstprop.npz's network and batch (p̄ = 0.2, η = 0.1, 0.1, 0.01, η_R = 1e-4).
/// Output names are the golden's arrays; tolerances max |Δ| ≤ 3e-5 of the golden array's max |value|, 2e-4 for dburst0,
/// dW0, dbias0 and 1e-3 for sym_dW0 (B^t − B cancels there). Visible unit checks get their arguments from the golden
/// (arguments.npz, <see cref="CheckKit.Arguments"/>), hidden ones from the check's own evaluation of the equations, never
/// from the student's other methods, so one mistake costs one check.
/// </summary>
[WeekChecks(CheckKit.Week)]
public static class BurstpropChecks
{
    /// <summary>F₁ = B₂ Y₁ with and without teaching (B₂ stored: bp_burst2, bp_burst2_noteach).</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>feedback1, feedback1_noteach, y_after (the Y₁ argument after the call).</returns>
    [Check(1, Description = "Burstprop.Feedback: F_h = B_{h+1} Y_h (through Y, not W), with and without teaching", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("feedback1", 1.13e-05)] // 3e-05 × max|burstprop:feedback1| = 3e-05 × 0.3741
    [Tolerance("feedback1_noteach", 1.2e-05)] // 3e-05 × max|burstprop:feedback1_noteach| = 3e-05 × 0.3995
    public static IReadOnlyDictionary<string, Tensor> Feedback(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var a = ctx.LoadInputs(CheckKit.Bp);
        var args = ctx.LoadInputs(CheckKit.Arguments);
        return CheckKit.Results(
            ("feedback1", Burstprop.Feedback(args["bp_burst2"], a["Y1"])),
            ("feedback1_noteach", Burstprop.Feedback(args["bp_burst2_noteach"], a["Y1"])),
            ("y_after", a["Y1"]));
    }

    /// <summary>B^pre_h = σ(F_h) ⊙ E_h of both hidden layers (F_h without teaching and E_h stored: bp_feedback{h}_noteach, bp_event{h}).</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>burst_pre0, burst_pre1.</returns>
    [Check(1, Description = "Burstprop.RecurrentInput: B^pre_h = σ(F_h) ⊙ E_h, F_h of the pass without teaching", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("burst_pre0", 1.85e-05)] // 3e-05 × max|burstprop:burst_pre0| = 3e-05 × 0.6142
    [Tolerance("burst_pre1", 1.28e-05)] // 3e-05 × max|burstprop:burst_pre1| = 3e-05 × 0.4242
    public static IReadOnlyDictionary<string, Tensor> RecurrentInput(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var args = ctx.LoadInputs(CheckKit.Arguments);
        var e = CheckKit.Stored(args, "bp_", "event");
        var plain = CheckKit.Stored(args, "bp_", "feedback", CheckKit.Layers - 1, "_noteach");
        return CheckKit.Results(
            ("burst_pre0", Burstprop.RecurrentInput(plain[0], e[0])),
            ("burst_pre1", Burstprop.RecurrentInput(plain[1], e[1])));
    }

    /// <summary>U_h = F_h ⊙ (1 − E_h) − B^pre_h R_hᵀ with and without teaching (F, E, B^pre stored: bp_feedback{h}[_noteach], bp_event{h}, bp_burst_pre{h}).</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>apical0, apical1, apical0_noteach, apical1_noteach.</returns>
    [Check(1, Description = "Burstprop.ApicalPotential: U_h = F_h ⊙ (1 − E_h) − B^pre_h R_hᵀ (the recurrent inhibition included)", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("apical0", 4.18e-05)] // 3e-05 × max|burstprop:apical0| = 3e-05 × 1.392
    [Tolerance("apical1", 6.07e-06)] // 3e-05 × max|burstprop:apical1| = 3e-05 × 0.2021
    [Tolerance("apical0_noteach", 4.21e-05)] // 3e-05 × max|burstprop:apical0_noteach| = 3e-05 × 1.403
    [Tolerance("apical1_noteach", 7.01e-06)] // 3e-05 × max|burstprop:apical1_noteach| = 3e-05 × 0.2334
    public static IReadOnlyDictionary<string, Tensor> ApicalPotential(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var a = ctx.LoadInputs(CheckKit.Bp);
        var args = ctx.LoadInputs(CheckKit.Arguments);
        var e = CheckKit.Stored(args, "bp_", "event");
        var taught = CheckKit.Stored(args, "bp_", "feedback", CheckKit.Layers - 1);
        var plain = CheckKit.Stored(args, "bp_", "feedback", CheckKit.Layers - 1, "_noteach");
        var pre = CheckKit.Stored(args, "bp_", "burst_pre", CheckKit.Layers - 1);
        return CheckKit.Results(
        [
            .. Enumerable.Range(0, 2).Select(h => ($"apical{h}", Burstprop.ApicalPotential(taught[h], e[h], pre[h], a[$"R{h}"]))),
            .. Enumerable.Range(0, 2).Select(h => ($"apical{h}_noteach", Burstprop.ApicalPotential(plain[h], e[h], pre[h], a[$"R{h}"]))),
        ]);
    }

    /// <summary>P_h = σ(U_h) with and without teaching (U by the check).</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>burstprob0, burstprob1, burstprob0_noteach, burstprob1_noteach.</returns>
    [Check(1, Description = "Burstprop.BurstProbability: P_h = σ(U_h)", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("burstprob0", 2.11e-05)] // 3e-05 × max|burstprop:burstprob0| = 3e-05 × 0.7025
    [Tolerance("burstprob1", 1.66e-05)] // 3e-05 × max|burstprop:burstprob1| = 3e-05 × 0.5503
    [Tolerance("burstprob0_noteach", 2.12e-05)] // 3e-05 × max|burstprop:burstprob0_noteach| = 3e-05 × 0.7034
    [Tolerance("burstprob1_noteach", 1.68e-05)] // 3e-05 × max|burstprop:burstprob1_noteach| = 3e-05 × 0.5581
    public static IReadOnlyDictionary<string, Tensor> BurstProbability(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var a = ctx.LoadInputs(CheckKit.Bp);
        var e = Reference.ArchiveEvents(a);
        var plain = Reference.TrustedBurstprop(a, e, teaching: false);
        var taught = Reference.TrustedBurstprop(a, e, teaching: true, plain.Pre);
        return CheckKit.Results(
        [
            .. Enumerable.Range(0, 2).Select(h => ($"burstprob{h}", Burstprop.BurstProbability(taught.Apical[h]))),
            .. Enumerable.Range(0, 2).Select(h => ($"burstprob{h}_noteach", Burstprop.BurstProbability(plain.Apical[h]))),
        ]);
    }

    /// <summary>δ_l = B^t_l − B_l of every layer (both passes stored: bp_burst{l}, bp_burst{l}_noteach).</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>dburst0…2.</returns>
    [Check(1, Description = "Burstprop.PlasticitySignal: δ_l = B^t_l − B_l (with minus without teaching), every layer", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("dburst0", 3.02e-07)] // 0.0002 × max|burstprop:dburst0| = 0.0002 × 0.001508
    [Tolerance("dburst1", 2.11e-07)] // 3e-05 × max|burstprop:dburst1| = 3e-05 × 0.007028
    [Tolerance("dburst2", 8.82e-07)] // 3e-05 × max|burstprop:dburst2| = 3e-05 × 0.02938
    public static IReadOnlyDictionary<string, Tensor> PlasticitySignal(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var args = ctx.LoadInputs(CheckKit.Arguments);
        var taught = CheckKit.Stored(args, "bp_", "burst");
        var plain = CheckKit.Stored(args, "bp_", "burst", suffix: "_noteach");
        return CheckKit.Results([.. Enumerable.Range(0, CheckKit.Layers).Select(l => ($"dburst{l}", Burstprop.PlasticitySignal(taught[l], plain[l])))]);
    }

    /// <summary>Both top-down passes: without teaching (P_L = p̄), then with teaching reusing its B^pre (E_l and P_L = p̄ + teaching stored: bp_event{l}, bp_burstprob2).</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>feedback{h}, burst_pre{h}, apical{h}, burstprob{l}, burst{l} with teaching and each with _noteach (but burst_pre).</returns>
    [Check(3, Description = "Burstprop.BurstRates: the pass without teaching (B^pre computed) and with teaching (B^pre reused): F, B^pre, U, P, B of every layer", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("feedback0", 5.88e-05)] // 3e-05 × max|burstprop:feedback0| = 3e-05 × 1.959
    [Tolerance("feedback1", 1.13e-05)] // 3e-05 × max|burstprop:feedback1| = 3e-05 × 0.3741
    [Tolerance("feedback0_noteach", 5.86e-05)] // 3e-05 × max|burstprop:feedback0_noteach| = 3e-05 × 1.951
    [Tolerance("feedback1_noteach", 1.2e-05)] // 3e-05 × max|burstprop:feedback1_noteach| = 3e-05 × 0.3995
    [Tolerance("burst_pre0", 1.85e-05)] // 3e-05 × max|burstprop:burst_pre0| = 3e-05 × 0.6142
    [Tolerance("burst_pre1", 1.28e-05)] // 3e-05 × max|burstprop:burst_pre1| = 3e-05 × 0.4242
    [Tolerance("apical0", 4.18e-05)] // 3e-05 × max|burstprop:apical0| = 3e-05 × 1.392
    [Tolerance("apical1", 6.07e-06)] // 3e-05 × max|burstprop:apical1| = 3e-05 × 0.2021
    [Tolerance("apical0_noteach", 4.21e-05)] // 3e-05 × max|burstprop:apical0_noteach| = 3e-05 × 1.403
    [Tolerance("apical1_noteach", 7.01e-06)] // 3e-05 × max|burstprop:apical1_noteach| = 3e-05 × 0.2334
    [Tolerance("burstprob0", 2.11e-05)] // 3e-05 × max|burstprop:burstprob0| = 3e-05 × 0.7025
    [Tolerance("burstprob1", 1.66e-05)] // 3e-05 × max|burstprop:burstprob1| = 3e-05 × 0.5503
    [Tolerance("burstprob2", 9.44e-06)] // 3e-05 × max|burstprop:burstprob2| = 3e-05 × 0.3144
    [Tolerance("burstprob0_noteach", 2.12e-05)] // 3e-05 × max|burstprop:burstprob0_noteach| = 3e-05 × 0.7034
    [Tolerance("burstprob1_noteach", 1.68e-05)] // 3e-05 × max|burstprop:burstprob1_noteach| = 3e-05 × 0.5581
    [Tolerance("burstprob2_noteach", 6.01e-06)] // 3e-05 × max|burstprop:burstprob2_noteach| = 3e-05 × 0.2
    [Tolerance("burst0", 1.4e-05)] // 3e-05 × max|burstprop:burst0| = 3e-05 × 0.4651
    [Tolerance("burst1", 1.27e-05)] // 3e-05 × max|burstprop:burst1| = 3e-05 × 0.4201
    [Tolerance("burst2", 4.99e-06)] // 3e-05 × max|burstprop:burst2| = 3e-05 × 0.1662
    [Tolerance("burst0_noteach", 1.4e-05)] // 3e-05 × max|burstprop:burst0_noteach| = 3e-05 × 0.465
    [Tolerance("burst1_noteach", 1.26e-05)] // 3e-05 × max|burstprop:burst1_noteach| = 3e-05 × 0.4192
    [Tolerance("burst2_noteach", 4.79e-06)] // 3e-05 × max|burstprop:burst2_noteach| = 3e-05 × 0.1597
    public static IReadOnlyDictionary<string, Tensor> BurstRates(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var a = ctx.LoadInputs(CheckKit.Bp);
        var args = ctx.LoadInputs(CheckKit.Arguments);
        using var network = CheckKit.Network(a);
        var e = CheckKit.Stored(args, "bp_", "event");
        var plain = Burstprop.BurstRates(network, e, tensor((float)CheckKit.PBaseline(a), device: ctx.Device));
        var taught = Burstprop.BurstRates(network, e, args["bp_burstprob2"], plain.RecurrentInput);
        return CheckKit.Results(
        [
            .. CheckKit.Each("feedback", taught.Feedback),
            .. Noteach(CheckKit.Each("feedback", plain.Feedback)),
            .. CheckKit.Each("burst_pre", plain.RecurrentInput),
            .. CheckKit.Each("apical", taught.Apical),
            .. Noteach(CheckKit.Each("apical", plain.Apical)),
            .. CheckKit.Each("burstprob", taught.BurstProbability),
            .. Noteach(CheckKit.Each("burstprob", plain.BurstProbability)),
            .. CheckKit.Each("burst", taught.Burst),
            .. Noteach(CheckKit.Each("burst", plain.Burst)),
        ]);
    }

    /// <summary>One summed step with feedback learning on; the network and X must stay unchanged.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>dW0…2, dbias0…2, dR0…1, dY0…1, dburst0…2 (the update's δ), W0_after, R0_after, x_after (arguments after the call).</returns>
    [Check(3, Description = "Burstprop.Step: ΔW_l = η_l δ_lᵀ E_{l−1}, Δb_l = η_l Σₙ δ_l (summed, no 1/N), ΔR_h = η_R U_hᵀ B^pre_h, ΔY_h = ΔW_{h+1}; the network unchanged", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("dW0", 1.16e-07)] // 0.0002 × max|burstprop:dW0| = 0.0002 × 0.0005768
    [Tolerance("dW1", 6.89e-08)] // 3e-05 × max|burstprop:dW1| = 3e-05 × 0.002295
    [Tolerance("dW2", 5.3e-08)] // 3e-05 × max|burstprop:dW2| = 3e-05 × 0.001766
    [Tolerance("dbias0", 1.05e-07)] // 0.0002 × max|burstprop:dbias0| = 0.0002 × 0.0005227
    [Tolerance("dbias1", 1.11e-07)] // 3e-05 × max|burstprop:dbias1| = 3e-05 × 0.003674
    [Tolerance("dbias2", 7e-08)] // 3e-05 × max|burstprop:dbias2| = 3e-05 × 0.002332
    [Tolerance("dR0", 8.23e-09)] // 3e-05 × max|burstprop:dR0| = 3e-05 × 0.0002743
    [Tolerance("dR1", 1.53e-09)] // 3e-05 × max|burstprop:dR1| = 3e-05 × 5.074e-05
    [Tolerance("dY0", 6.89e-08)] // 3e-05 × max|burstprop:dY0| = 3e-05 × 0.002295
    [Tolerance("dY1", 5.3e-08)] // 3e-05 × max|burstprop:dY1| = 3e-05 × 0.001766
    [Tolerance("dburst0", 3.02e-07)] // 0.0002 × max|burstprop:dburst0| = 0.0002 × 0.001508
    [Tolerance("dburst1", 2.11e-07)] // 3e-05 × max|burstprop:dburst1| = 3e-05 × 0.007028
    [Tolerance("dburst2", 8.82e-07)] // 3e-05 × max|burstprop:dburst2| = 3e-05 × 0.02938
    public static IReadOnlyDictionary<string, Tensor> Step(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var a = ctx.LoadInputs(CheckKit.Bp);
        using var network = CheckKit.Network(a);
        var x = a["x"];
        var update = Burstprop.Step(network, x, a["t"], CheckKit.BpOptions(a, learnFeedback: true));
        return CheckKit.Results(
        [
            .. CheckKit.Each("dW", update.W),
            .. CheckKit.Each("dbias", update.Bias),
            .. CheckKit.Each("dR", update.R),
            .. CheckKit.Each("dY", update.Y),
            .. CheckKit.Each("dburst", update.Delta),
            ("W0_after", network.W[0]),
            ("R0_after", network.R[0]),
            ("x_after", x),
        ]);
    }

    /// <summary>The network after the step (W + ΔW, b + Δb added by the check) on the same batch.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>output_after (E_L after the step), loss_after (the check's mean squared error of it).</returns>
    [Check(2, Description = "Burstprop.Step followed by W += ΔW, b += Δb: the output and the loss after one step (the loss goes down)", Visibility = Visibility.Hidden, Atol = 0, Rtol = 3e-5, TimeLimitSeconds = 20)]
    [Tolerance("output_after", 2.39e-05)] // 3e-05 × max|burstprop:output_after| = 3e-05 × 0.7964
    public static IReadOnlyDictionary<string, Tensor> StepOutcome(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var a = ctx.LoadInputs(CheckKit.Bp);
        using var network = CheckKit.Network(a);
        var update = Burstprop.Step(network, a["x"], a["t"], CheckKit.BpOptions(a));
        var w = Enumerable.Range(0, CheckKit.Layers).Select(l => a[$"W{l}"] + update.W[l]).ToArray();
        var b = Enumerable.Range(0, CheckKit.Layers).Select(l => a[$"bias{l}"] + update.Bias[l]).ToArray();
        var output = Reference.Events(a["x"], w, b)[^1];
        return CheckKit.Results(("output_after", output), ("loss_after", output.sub(a["t"]).square().mean()));
    }

    /// <summary>The step of the same network with symmetric feedback (Y_h = W_{h+1}, R kept).</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>sym_dW0…2.</returns>
    [Check(2, Description = "Burstprop.Step with symmetric feedback Y_h = W_{h+1} (R kept): ΔW of every layer (≈ backprop's direction)", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("sym_dW0", 6.76e-08)] // 0.001 × max|burstprop:sym_dW0| = 0.001 × 6.751e-05
    [Tolerance("sym_dW1", 2.76e-08)] // 3e-05 × max|burstprop:sym_dW1| = 3e-05 × 0.0009187
    [Tolerance("sym_dW2", 5.3e-08)] // 3e-05 × max|burstprop:sym_dW2| = 3e-05 × 0.001766
    public static IReadOnlyDictionary<string, Tensor> SymmetricFeedback(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var a = ctx.LoadInputs(CheckKit.Bp);
        using var original = CheckKit.Network(a);
        using var network = original.WithSymmetricFeedback(CheckKit.PBaseline(a));
        var update = Burstprop.Step(network, a["x"], a["t"], CheckKit.BpOptions(a));
        return CheckKit.Results(CheckKit.Each("sym_dW", update.W));
    }

    /// <summary>The step on the batch given twice (2N samples, each one twice): summed updates double.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>dW0…2, dbias0…2 of the doubled batch (the snapshot equals 2 × the golden's dW, dbias).</returns>
    [Check(2, Description = "Burstprop.Step sums over the batch: the same batch given twice doubles ΔW and Δb (an average would keep them)", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("dW0", 2.31e-07)] // 2 × 0.0002 × max|burstprop:dW0| = 2 × 0.0002 × 0.0005768
    [Tolerance("dW1", 1.38e-07)] // 2 × 3e-05 × max|burstprop:dW1| = 2 × 3e-05 × 0.002295
    [Tolerance("dW2", 1.06e-07)] // 2 × 3e-05 × max|burstprop:dW2| = 2 × 3e-05 × 0.001766
    [Tolerance("dbias0", 2.1e-07)] // 2 × 0.0002 × max|burstprop:dbias0| = 2 × 0.0002 × 0.0005227
    [Tolerance("dbias1", 2.21e-07)] // 2 × 3e-05 × max|burstprop:dbias1| = 2 × 3e-05 × 0.003674
    [Tolerance("dbias2", 1.4e-07)] // 2 × 3e-05 × max|burstprop:dbias2| = 2 × 3e-05 × 0.002332
    public static IReadOnlyDictionary<string, Tensor> BatchSummed(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var a = ctx.LoadInputs(CheckKit.Bp);
        using var network = CheckKit.Network(a);
        var update = Burstprop.Step(network, cat([a["x"], a["x"]]), cat([a["t"], a["t"]]), CheckKit.BpOptions(a));
        return CheckKit.Results([.. CheckKit.Each("dW", update.W), .. CheckKit.Each("dbias", update.Bias)]);
    }

    private static (string Name, Tensor Value)[] Noteach((string Name, Tensor Value)[] results) =>
        [.. results.Select(r => (r.Name + "_noteach", r.Value))];
}
