using System.Collections.Concurrent;
using System.Globalization;
using NeuroExercises.Core.Npy;
using NeuroExercises.Tests.Shared;
using NeuroExercises.Week02.BurstCreditAssignment;
using static TorchSharp.torch;

namespace NeuroExercises.Solutions.Tests.Week02;

/// <summary>
/// ../shared/reference/burst/{burstccn,burstprop}.npz, and every array of them recomputed through the week's public API
/// from the stored inputs, weights and hyperparameters.
/// </summary>
internal static class BurstGoldens
{
    public const string Ccn = "burstccn";
    public const string Prop = "burstprop";

    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, NpyArray>> Cache = new();

    /// <summary>The members of the golden file.</summary>
    public static IReadOnlyDictionary<string, NpyArray> Members(string file) =>
        Cache.GetOrAdd(file, f => Npz.Read(RepoPaths.Reference(Path.Combine("burst", f + ".npz"))));

    /// <summary>One member as a CPU tensor.</summary>
    public static Tensor Tensor(string file, string member) => Members(file)[member].ToTensor();

    /// <summary>A 0-d member as a double.</summary>
    public static double Scalar(string file, string member) =>
        Convert.ToDouble(Members(file)[member].Data.GetValue(0), CultureInfo.InvariantCulture);

    /// <summary>A 1-d member as doubles.</summary>
    public static double[] Vector(string file, string member) =>
        [.. Members(file)[member].Data.Cast<object>().Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture))];

    /// <summary>Names the step and the network read, i.e. not outputs.</summary>
    public static bool IsInput(string member) =>
        member is "x" or "t" or "p_baseline" or "beta" or "lr" or "lr_Y" or "lr_Q" or "lr_R"
        || (member.Length == 2 && "WYQR".Contains(member[0], StringComparison.Ordinal) && char.IsDigit(member[1]))
        || (member.StartsWith("bias", StringComparison.Ordinal) && !member.StartsWith("dbias", StringComparison.Ordinal));

    /// <summary>The stored network (W, b, Y and Q or R).</summary>
    public static BurstNetwork Network(string file)
    {
        using var scope = NewDisposeScope();
        var m = Members(file);
        var w = Enumerable.Range(0, 3).Select(l => Tensor(file, $"W{l}")).ToArray();
        var b = Enumerable.Range(0, 3).Select(l => Tensor(file, $"bias{l}")).ToArray();
        var y = Enumerable.Range(0, 2).Select(h => Tensor(file, $"Y{h}")).ToArray();
        var q = m.ContainsKey("Q0") ? Enumerable.Range(0, 2).Select(h => Tensor(file, $"Q{h}")).ToArray() : [];
        var r = m.ContainsKey("R0") ? Enumerable.Range(0, 2).Select(h => Tensor(file, $"R{h}")).ToArray() : [];
        return new BurstNetwork(w, b, y, q, r);
    }

    /// <summary>BurstCCN's hyperparameters as stored.</summary>
    public static BurstCcnOptions CcnOptions() => new(
        Scalar(Ccn, "p_baseline"), Scalar(Ccn, "beta"), Vector(Ccn, "lr"), Scalar(Ccn, "lr_Y"), Scalar(Ccn, "lr_Q"));

    /// <summary>Burstprop's hyperparameters as stored, feedback learning on (so that dY is computed).</summary>
    public static BurstpropOptions PropOptions() => new(
        Scalar(Prop, "p_baseline"), Vector(Prop, "lr"), Scalar(Prop, "lr_R"), LearnFeedback: true);

    /// <summary>
    /// Every output array of <paramref name="file"/>, recomputed through the public API, keyed by its golden name
    /// (the cosines as float64 vectors of three). The caller disposes the tensors (open a dispose scope around the call).
    /// </summary>
    public static Dictionary<string, Tensor> Recompute(string file)
    {
        var ccn = file == Ccn;
        var x = Tensor(file, "x");
        var t = Tensor(file, "t");
        var p = Scalar(file, "p_baseline");
        using var network = Network(file);
        var got = new Dictionary<string, Tensor>();
        var events = Feedforward.EventRates(network, x);
        var teaching = Feedforward.TeachingSignal(events[2], t, p);
        got["teaching"] = teaching;
        got["loss_before"] = Feedforward.Loss(events[2], t);
        for (var l = 0; l < 3; l++)
        {
            got[$"event{l}"] = events[l];
        }

        NetworkUpdate update, symUpdate;
        var noTeaching = tensor((float)p);
        var withTeaching = teaching + p;
        if (ccn)
        {
            var options = CcnOptions();
            var taught = BurstCcn.BurstRates(network, events, withTeaching, options.Beta);
            var plain = BurstCcn.BurstRates(network, events, noTeaching, options.Beta);
            Passes(got, taught.BurstProbability, plain.BurstProbability, taught.Burst, plain.Burst, taught.Apical, plain.Apical);
            for (var l = 0; l < 3; l++)
            {
                got[$"dburst{l}"] = BurstCcn.PlasticitySignal(taught.Burst[l], events[l], p);
            }

            update = BurstCcn.Step(network, x, t, options);
            using var sym = network.WithSymmetricFeedback(p);
            var symTaught = BurstCcn.BurstRates(sym, events, withTeaching, options.Beta);
            var symPlain = BurstCcn.BurstRates(sym, events, noTeaching, options.Beta);
            for (var h = 0; h < 2; h++)
            {
                got[$"sym_apical{h}"] = symTaught.Apical[h];
                got[$"sym_apical{h}_noteach"] = symPlain.Apical[h];
                got[$"dQ{h}"] = update.Q[h];
            }

            symUpdate = BurstCcn.Step(sym, x, t, options);
        }
        else
        {
            var options = PropOptions();
            var plain = Burstprop.BurstRates(network, events, noTeaching);
            var taught = Burstprop.BurstRates(network, events, withTeaching, plain.RecurrentInput);
            Passes(got, taught.BurstProbability, plain.BurstProbability, taught.Burst, plain.Burst, taught.Apical, plain.Apical);
            for (var l = 0; l < 3; l++)
            {
                got[$"dburst{l}"] = Burstprop.PlasticitySignal(taught.Burst[l], plain.Burst[l]);
            }

            update = Burstprop.Step(network, x, t, options);
            for (var h = 0; h < 2; h++)
            {
                got[$"feedback{h}"] = taught.Feedback[h];
                got[$"feedback{h}_noteach"] = plain.Feedback[h];
                got[$"burst_pre{h}"] = plain.RecurrentInput[h];
                got[$"dR{h}"] = update.R[h];
            }

            using var sym = network.WithSymmetricFeedback(p);
            symUpdate = Burstprop.Step(sym, x, t, options);
        }

        var bp = Gradients.Backprop(network, x, t);
        var fa = Gradients.FeedbackAlignment(network, x, t);
        var cos = new string[] { "cos_burst_bp_sym", "cos_burst_bp_rand", "cos_fa_bp_rand", "cos_burst_fa_rand" }.ToDictionary(k => k, _ => new double[3]);
        for (var l = 0; l < 3; l++)
        {
            got[$"dW{l}"] = update.W[l];
            got[$"dbias{l}"] = update.Bias[l];
            got[$"sym_dW{l}"] = symUpdate.W[l];
            got[$"bp_grad_W{l}"] = bp.W[l];
            got[$"fa_grad_W{l}"] = fa.W[l];
            cos["cos_burst_bp_sym"][l] = Gradients.Cosine(symUpdate.W[l], -bp.W[l]);
            cos["cos_burst_bp_rand"][l] = Gradients.Cosine(update.W[l], -bp.W[l]);
            cos["cos_fa_bp_rand"][l] = Gradients.Cosine(fa.W[l], bp.W[l]);
            cos["cos_burst_fa_rand"][l] = Gradients.Cosine(update.W[l], -fa.W[l]);
        }

        foreach (var (name, values) in cos)
        {
            got[name] = tensor(values);
        }

        for (var h = 0; h < 2; h++)
        {
            got[$"dY{h}"] = update.Y[h];
        }

        using var after = network.Clone();
        after.Apply(update);
        var output = Feedforward.EventRates(after, x)[2];
        got["output_after"] = output;
        got["loss_after"] = Feedforward.Loss(output, t);
        return got;
    }

    private static void Passes(Dictionary<string, Tensor> got, IReadOnlyList<Tensor> p, IReadOnlyList<Tensor> p0, IReadOnlyList<Tensor> b, IReadOnlyList<Tensor> b0, IReadOnlyList<Tensor> a, IReadOnlyList<Tensor> a0)
    {
        for (var l = 0; l < 3; l++)
        {
            got[$"burstprob{l}"] = p[l];
            got[$"burstprob{l}_noteach"] = p0[l];
            got[$"burst{l}"] = b[l];
            got[$"burst{l}_noteach"] = b0[l];
        }

        for (var h = 0; h < 2; h++)
        {
            got[$"apical{h}"] = a[h];
            got[$"apical{h}_noteach"] = a0[h];
        }
    }

    /// <summary>The README's float32 port tolerance of one array, as max |Δ| / max |golden|.</summary>
    public static double Tolerance(string file, string member)
    {
        if (member.StartsWith("cos_", StringComparison.Ordinal))
        {
            return 0; // cosines have absolute tolerances: see CosineTolerance
        }

        if (file == Ccn)
        {
            return 1e-5;
        }

        return member switch
        {
            "dburst0" or "dW0" or "dbias0" => 2e-4,
            "sym_dW0" => 1e-3,
            _ => 3e-5,
        };
    }

    /// <summary>The README's absolute tolerance of a cosine.</summary>
    public static double CosineTolerance(string member) => member == "cos_burst_bp_rand" ? 2e-5 : 1e-6;
}
