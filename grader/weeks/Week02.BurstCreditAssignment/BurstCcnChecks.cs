using NeuroExercises.Week02.BurstCreditAssignment;
using static TorchSharp.torch;

namespace NeuroExercises.Week02.BurstCreditAssignment.Checks;

/// <summary>
/// Checks of <see cref="BurstCcn"/> on burstccn.npz's network and batch (p̄ = 0.5, β = 4, η = 0.1, η_Y = η_Q = 0.001,
/// Q = p̄ Y). Output names are the golden's arrays; tolerances max |Δ| ≤ 1e-5 of the golden array's max |value|, and 0
/// for what must hold exactly without teaching (A = 0, P = p̄). Visible unit checks get their arguments from the golden
/// (arguments.npz, <see cref="CheckKit.Arguments"/>), hidden ones from the check's own evaluation of the equations, never
/// from the student's other methods, so one mistake costs one check.
/// </summary>
[WeekChecks(CheckKit.Week)]
public static class BurstCcnChecks
{
    /// <summary>
    /// A₁ = B₂ Y₁ − E₂ Q₁ with and without teaching: B₂ = (p̄ + teaching) ⊙ E₂ and E₂ stored (ccn_burst2, ccn_event2); without
    /// teaching B₂ = p̄ E₂ is formed here from those inputs (a hidden check grades it, so it is not stored).
    /// </summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>apical1, apical1_noteach (exactly 0: Q = p̄ Y), y_after (the Y₁ argument after the call).</returns>
    [Check(1, Description = "BurstCcn.ApicalInput: A_h = B_{h+1} Y_h − E_{h+1} Q_h (feedback through Y, not W); exactly 0 without teaching", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("apical1", 2.48e-06)] // 1e-05 × max|burstccn:apical1| = 1e-05 × 0.2475
    public static IReadOnlyDictionary<string, Tensor> ApicalInput(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var a = ctx.LoadInputs(CheckKit.Ccn);
        var args = ctx.LoadInputs(CheckKit.Arguments);
        var e2 = args["ccn_event2"];
        return CheckKit.Results(
            ("apical1", BurstCcn.ApicalInput(args["ccn_burst2"], e2, a["Y1"], a["Q1"])),
            ("apical1_noteach", BurstCcn.ApicalInput(e2 * a["p_baseline"], e2, a["Y1"], a["Q1"])),
            ("y_after", a["Y1"]));
    }

    /// <summary>P_h = σ(β A_h ⊙ (1 − E_h)) of both hidden layers (A_h, E_h stored: ccn_apical{h}, ccn_event{h}), and at A = 0.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>burstprob0, burstprob1, burstprob1_noteach (A = 0: exactly p̄ = 0.5).</returns>
    [Check(1, Description = "BurstCcn.BurstProbability: P_h = σ(β A_h ⊙ (1 − E_h)), the (1 − E_h) factor included; exactly ½ at A = 0", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("burstprob0", 6.27e-06)] // 1e-05 × max|burstccn:burstprob0| = 1e-05 × 0.6266
    [Tolerance("burstprob1", 6.7e-06)] // 1e-05 × max|burstccn:burstprob1| = 1e-05 × 0.6699
    public static IReadOnlyDictionary<string, Tensor> BurstProbability(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var a = ctx.LoadInputs(CheckKit.Ccn);
        var args = ctx.LoadInputs(CheckKit.Arguments);
        var e = CheckKit.Stored(args, "ccn_", "event");
        var apical = CheckKit.Stored(args, "ccn_", "apical", CheckKit.Layers - 1);
        var beta = a["beta"].item<float>();
        return CheckKit.Results(
            ("burstprob0", BurstCcn.BurstProbability(apical[0], e[0], beta)),
            ("burstprob1", BurstCcn.BurstProbability(apical[1], e[1], beta)),
            ("burstprob1_noteach", BurstCcn.BurstProbability(zeros_like(e[1]), e[1], beta)));
    }

    /// <summary>δ_l = B_l − p̄ E_l of every layer (B_l with teaching and E_l stored: ccn_burst{l}, ccn_event{l}).</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>dburst0…2.</returns>
    [Check(1, Description = "BurstCcn.PlasticitySignal: δ_l = B_l − p̄ E_l (not B_l − E_l), every layer", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("dburst0", 4.11e-07)] // 1e-05 × max|burstccn:dburst0| = 1e-05 × 0.04102
    [Tolerance("dburst1", 5.06e-07)] // 1e-05 × max|burstccn:dburst1| = 1e-05 × 0.05053
    [Tolerance("dburst2", 7.41e-07)] // 1e-05 × max|burstccn:dburst2| = 1e-05 × 0.07406
    public static IReadOnlyDictionary<string, Tensor> PlasticitySignal(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var a = ctx.LoadInputs(CheckKit.Ccn);
        var args = ctx.LoadInputs(CheckKit.Arguments);
        var e = CheckKit.Stored(args, "ccn_", "event");
        var burst = CheckKit.Stored(args, "ccn_", "burst");
        var p = CheckKit.PBaseline(a);
        return CheckKit.Results([.. Enumerable.Range(0, CheckKit.Layers).Select(l => ($"dburst{l}", BurstCcn.PlasticitySignal(burst[l], e[l], p)))]);
    }

    /// <summary>The top-down pass with teaching (E_l and P_L = p̄ + teaching stored: ccn_event{l}, ccn_burstprob2).</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>apical0, apical1, burstprob0…2, burst0…2.</returns>
    [Check(3, Description = "BurstCcn.BurstRates with teaching: top-down from B_L = P_L ⊙ E_L through A_h, P_h, B_h = P_h ⊙ E_h for h = 1 then 0", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("apical0", 2.13e-06)] // 1e-05 × max|burstccn:apical0| = 1e-05 × 0.2128
    [Tolerance("apical1", 2.48e-06)] // 1e-05 × max|burstccn:apical1| = 1e-05 × 0.2475
    [Tolerance("burstprob0", 6.27e-06)] // 1e-05 × max|burstccn:burstprob0| = 1e-05 × 0.6266
    [Tolerance("burstprob1", 6.7e-06)] // 1e-05 × max|burstccn:burstprob1| = 1e-05 × 0.6699
    [Tolerance("burstprob2", 9.77e-06)] // 1e-05 × max|burstccn:burstprob2| = 1e-05 × 0.9766
    [Tolerance("burst0", 5e-06)] // 1e-05 × max|burstccn:burst0| = 1e-05 × 0.5
    [Tolerance("burst1", 4.9e-06)] // 1e-05 × max|burstccn:burst1| = 1e-05 × 0.4894
    [Tolerance("burst2", 4.83e-06)] // 1e-05 × max|burstccn:burst2| = 1e-05 × 0.4828
    public static IReadOnlyDictionary<string, Tensor> BurstRates(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var a = ctx.LoadInputs(CheckKit.Ccn);
        var args = ctx.LoadInputs(CheckKit.Arguments);
        using var network = CheckKit.Network(a);
        var pass = BurstCcn.BurstRates(network, CheckKit.Stored(args, "ccn_", "event"), args["ccn_burstprob2"], a["beta"].item<float>());
        return CheckKit.Results([.. CheckKit.Each("apical", pass.Apical), .. CheckKit.Each("burstprob", pass.BurstProbability), .. CheckKit.Each("burst", pass.Burst)]);
    }

    /// <summary>The top-down pass without teaching (P_L = p̄, a 0-d tensor): A = 0 and P = p̄ exactly in the hidden layers.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>apical0_noteach, apical1_noteach, burstprob0…2_noteach (exact), burst0…2_noteach.</returns>
    [Check(2, Description = "BurstCcn.BurstRates without teaching: with Q = p̄ Y the apical input is 0 and every P_l stays exactly p̄", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("burst0_noteach", 5e-06)] // 1e-05 × max|burstccn:burst0_noteach| = 1e-05 × 0.5
    [Tolerance("burst1_noteach", 4.93e-06)] // 1e-05 × max|burstccn:burst1_noteach| = 1e-05 × 0.4928
    [Tolerance("burst2_noteach", 4.9e-06)] // 1e-05 × max|burstccn:burst2_noteach| = 1e-05 × 0.4897
    public static IReadOnlyDictionary<string, Tensor> BurstRatesWithoutTeaching(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var a = ctx.LoadInputs(CheckKit.Ccn);
        using var network = CheckKit.Network(a);
        var e = Reference.ArchiveEvents(a);
        var pass = BurstCcn.BurstRates(network, e, tensor((float)CheckKit.PBaseline(a), device: ctx.Device), a["beta"].item<float>());
        return CheckKit.Results(
        [
            .. Suffixed(CheckKit.Each("apical", pass.Apical)),
            .. Suffixed(CheckKit.Each("burstprob", pass.BurstProbability)),
            .. Suffixed(CheckKit.Each("burst", pass.Burst)),
        ]);
    }

    /// <summary>One batch-averaged step with Y and Q learning on; the network and X must stay unchanged.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>dW0…2, dbias0…2, dY0…1, dQ0…1, dburst0…2 (the update's δ), W0_after, Y0_after, x_after (arguments after the call).</returns>
    [Check(3, Description = "BurstCcn.Step: ΔW_l = η δ_lᵀ E_{l−1}/N, Δb_l = η Σₙ δ_l/N, ΔY_h = −η_Y E_{h+1}ᵀ A_h/N, ΔQ_h = +η_Q E_{h+1}ᵀ A_h/N; the network unchanged", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("dW0", 1.21e-08)] // 1e-05 × max|burstccn:dW0| = 1e-05 × 0.001203
    [Tolerance("dW1", 1.67e-08)] // 1e-05 × max|burstccn:dW1| = 1e-05 × 0.001663
    [Tolerance("dW2", 5.44e-08)] // 1e-05 × max|burstccn:dW2| = 1e-05 × 0.005438
    [Tolerance("dbias0", 1.02e-08)] // 1e-05 × max|burstccn:dbias0| = 1e-05 × 0.001013
    [Tolerance("dbias1", 1.87e-08)] // 1e-05 × max|burstccn:dbias1| = 1e-05 × 0.001868
    [Tolerance("dbias2", 6.99e-08)] // 1e-05 × max|burstccn:dbias2| = 1e-05 × 0.00698
    [Tolerance("dY0", 7.02e-10)] // 1e-05 × max|burstccn:dY0| = 1e-05 × 7.012e-05
    [Tolerance("dY1", 1.05e-09)] // 1e-05 × max|burstccn:dY1| = 1e-05 × 0.0001044
    [Tolerance("dQ0", 7.02e-10)] // 1e-05 × max|burstccn:dQ0| = 1e-05 × 7.012e-05
    [Tolerance("dQ1", 1.05e-09)] // 1e-05 × max|burstccn:dQ1| = 1e-05 × 0.0001044
    [Tolerance("dburst0", 4.11e-07)] // 1e-05 × max|burstccn:dburst0| = 1e-05 × 0.04102
    [Tolerance("dburst1", 5.06e-07)] // 1e-05 × max|burstccn:dburst1| = 1e-05 × 0.05053
    [Tolerance("dburst2", 7.41e-07)] // 1e-05 × max|burstccn:dburst2| = 1e-05 × 0.07406
    public static IReadOnlyDictionary<string, Tensor> Step(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var a = ctx.LoadInputs(CheckKit.Ccn);
        using var network = CheckKit.Network(a);
        var x = a["x"];
        var update = BurstCcn.Step(network, x, a["t"], CheckKit.CcnOptions(a));
        return CheckKit.Results(
        [
            .. CheckKit.Each("dW", update.W),
            .. CheckKit.Each("dbias", update.Bias),
            .. CheckKit.Each("dY", update.Y),
            .. CheckKit.Each("dQ", update.Q),
            .. CheckKit.Each("dburst", update.Delta),
            ("W0_after", network.W[0]),
            ("Y0_after", network.Y[0]),
            ("x_after", x),
        ]);
    }

    /// <summary>The network after the step (W + ΔW, b + Δb added by the check) on the same batch.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>output_after (E_L after the step), loss_after (the check's mean squared error of it).</returns>
    [Check(2, Description = "BurstCcn.Step followed by W += ΔW, b += Δb: the output and the loss after one step (the loss goes down)", Visibility = Visibility.Hidden, Atol = 0, Rtol = 1e-5, TimeLimitSeconds = 20)]
    [Tolerance("output_after", 9.8e-06)] // 1e-05 × max|burstccn:output_after| = 1e-05 × 0.9792
    public static IReadOnlyDictionary<string, Tensor> StepOutcome(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var a = ctx.LoadInputs(CheckKit.Ccn);
        using var network = CheckKit.Network(a);
        var update = BurstCcn.Step(network, a["x"], a["t"], CheckKit.CcnOptions(a));
        var w = Enumerable.Range(0, CheckKit.Layers).Select(l => a[$"W{l}"] + update.W[l]).ToArray();
        var b = Enumerable.Range(0, CheckKit.Layers).Select(l => a[$"bias{l}"] + update.Bias[l]).ToArray();
        var output = Reference.Events(a["x"], w, b)[^1];
        return CheckKit.Results(("output_after", output), ("loss_after", output.sub(a["t"]).square().mean()));
    }

    /// <summary>The same network with symmetric feedback (Y_h = W_{h+1}, Q_h = p̄ W_{h+1}): pass and step.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>sym_apical0…1, sym_apical0…1_noteach (exactly 0), sym_dW0…2.</returns>
    [Check(2, Description = "BurstCcn.BurstRates and Step with symmetric feedback Y_h = W_{h+1}, Q_h = p̄ W_{h+1}: apical inputs and ΔW (≈ p̄ η × backprop)", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("sym_apical0", 2.89e-06)] // 1e-05 × max|burstccn:sym_apical0| = 1e-05 × 0.2887
    [Tolerance("sym_apical1", 4.34e-06)] // 1e-05 × max|burstccn:sym_apical1| = 1e-05 × 0.4331
    [Tolerance("sym_dW0", 3.36e-08)] // 1e-05 × max|burstccn:sym_dW0| = 1e-05 × 0.003353
    [Tolerance("sym_dW1", 4.8e-08)] // 1e-05 × max|burstccn:sym_dW1| = 1e-05 × 0.004796
    [Tolerance("sym_dW2", 5.44e-08)] // 1e-05 × max|burstccn:sym_dW2| = 1e-05 × 0.005438
    public static IReadOnlyDictionary<string, Tensor> SymmetricFeedback(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var a = ctx.LoadInputs(CheckKit.Ccn);
        var p = CheckKit.PBaseline(a);
        var beta = a["beta"].item<float>();
        using var original = CheckKit.Network(a);
        using var network = original.WithSymmetricFeedback(p);
        var e = Reference.ArchiveEvents(a);
        var taught = BurstCcn.BurstRates(network, e, Reference.OutputProbability(a, e[2], teaching: true), beta);
        var plain = BurstCcn.BurstRates(network, e, tensor((float)p, device: ctx.Device), beta);
        var update = BurstCcn.Step(network, a["x"], a["t"], CheckKit.CcnOptions(a));
        return CheckKit.Results(
        [
            .. CheckKit.Each("sym_apical", taught.Apical),
            .. Suffixed(CheckKit.Each("sym_apical", plain.Apical)),
            .. CheckKit.Each("sym_dW", update.W),
        ]);
    }

    /// <summary>The step on the batch given twice (2N samples, each one twice): averaged updates do not change.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>dW0…2, dbias0…2 of the doubled batch (the snapshot equals the golden's dW, dbias).</returns>
    [Check(2, Description = "BurstCcn.Step averages over the batch: the same batch given twice gives the same ΔW and Δb (a sum would double them)", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("dW0", 1.21e-08)] // 1e-05 × max|burstccn:dW0| = 1e-05 × 0.001203
    [Tolerance("dW1", 1.67e-08)] // 1e-05 × max|burstccn:dW1| = 1e-05 × 0.001663
    [Tolerance("dW2", 5.44e-08)] // 1e-05 × max|burstccn:dW2| = 1e-05 × 0.005438
    [Tolerance("dbias0", 1.02e-08)] // 1e-05 × max|burstccn:dbias0| = 1e-05 × 0.001013
    [Tolerance("dbias1", 1.87e-08)] // 1e-05 × max|burstccn:dbias1| = 1e-05 × 0.001868
    [Tolerance("dbias2", 6.99e-08)] // 1e-05 × max|burstccn:dbias2| = 1e-05 × 0.00698
    public static IReadOnlyDictionary<string, Tensor> BatchAveraged(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var a = ctx.LoadInputs(CheckKit.Ccn);
        using var network = CheckKit.Network(a);
        var update = BurstCcn.Step(network, cat([a["x"], a["x"]]), cat([a["t"], a["t"]]), CheckKit.CcnOptions(a));
        return CheckKit.Results([.. CheckKit.Each("dW", update.W), .. CheckKit.Each("dbias", update.Bias)]);
    }

    private static (string Name, Tensor Value)[] Suffixed((string Name, Tensor Value)[] results) =>
        [.. results.Select(r => (r.Name + "_noteach", r.Value))];
}
