using NeuroExercises.Week02.BurstCreditAssignment;
using static TorchSharp.torch;

namespace NeuroExercises.Week02.BurstCreditAssignment.Checks;

/// <summary>Shared pieces of the week's checks: the input archives, networks and options built from them, results.</summary>
internal static class CheckKit
{
    /// <summary>The week id every check class of this folder declares.</summary>
    internal const string Week = "burst-credit-assignment";

    /// <summary>BurstCCN's input archive (x, t, p_baseline, beta, lr, lr_Y, lr_Q, W0…2, bias0…2, Y0, Y1, Q0, Q1).</summary>
    internal const string Ccn = "burstccn.npz";

    /// <summary>Burstprop's input archive (x, t, p_baseline, lr, lr_R, W0…2, bias0…2, Y0, Y1, R0, R1).</summary>
    internal const string Bp = "burstprop.npz";

    /// <summary>
    /// The checks' arguments (make_inputs.py): golden rates that visible unit checks pass to the piece they grade, named
    /// ccn_… (burstccn.npz: event0…2, burst0…2, apical0…1, burstprob2) and bp_… (burstprop.npz: event0…2, burst0…2 and
    /// burst0…2_noteach, feedback0…1 and feedback0…1_noteach, burst_pre0…1, burstprob2). Graded by visible checks only,
    /// never by a hidden one; stored so that no solution code (the checks' Reference) ships with the visible checks.
    /// </summary>
    internal const string Arguments = "arguments.npz";

    /// <summary>The synthetic IDX data set of the training checks (four Fashion-MNIST file names, 4 × 5 images).</summary>
    internal const string TinyFashion = "tiny-fashion";

    /// <summary>Feed-forward layers of the goldens' networks (20 → 16 → 12 → 10).</summary>
    internal const int Layers = 3;

    /// <summary>A network holding copies of an archive's weights: Q from a BurstCCN archive, R from a Burstprop one.</summary>
    internal static BurstNetwork Network(IReadOnlyDictionary<string, Tensor> archive)
    {
        var w = Enumerable.Range(0, Layers).Select(l => archive[$"W{l}"]).ToArray();
        var b = Enumerable.Range(0, Layers).Select(l => archive[$"bias{l}"]).ToArray();
        var y = Enumerable.Range(0, Layers - 1).Select(h => archive[$"Y{h}"]).ToArray();
        var q = archive.ContainsKey("Q0") ? Enumerable.Range(0, Layers - 1).Select(h => archive[$"Q{h}"]).ToArray() : null;
        var r = archive.ContainsKey("R0") ? Enumerable.Range(0, Layers - 1).Select(h => archive[$"R{h}"]).ToArray() : null;
        return new BurstNetwork(w, b, y, q, r);
    }

    /// <summary>The stored arguments of one golden (prefix <c>ccn_</c> or <c>bp_</c>) named <paramref name="member"/>0…<paramref name="count"/>−1 (and <paramref name="suffix"/>).</summary>
    internal static Tensor[] Stored(IReadOnlyDictionary<string, Tensor> arguments, string prefix, string member, int count = Layers, string suffix = "") =>
        [.. Enumerable.Range(0, count).Select(i => arguments[$"{prefix}{member}{i}{suffix}"])];

    /// <summary>p̄ of an archive.</summary>
    internal static double PBaseline(IReadOnlyDictionary<string, Tensor> archive) => archive["p_baseline"].item<float>();

    /// <summary>BurstCCN's hyperparameters of the golden step.</summary>
    internal static BurstCcnOptions CcnOptions(IReadOnlyDictionary<string, Tensor> archive) =>
        new(PBaseline(archive), archive["beta"].item<float>(), LearningRates(archive), archive["lr_Y"].item<float>(), archive["lr_Q"].item<float>());

    /// <summary>Burstprop's hyperparameters of the golden step (feedback learning as asked).</summary>
    internal static BurstpropOptions BpOptions(IReadOnlyDictionary<string, Tensor> archive, bool learnFeedback = false) =>
        new(PBaseline(archive), LearningRates(archive), archive["lr_R"].item<float>(), learnFeedback);

    /// <summary>One tensor per layer, named <paramref name="prefix"/>0, 1, ….</summary>
    internal static (string Name, Tensor Value)[] Each(string prefix, IReadOnlyList<Tensor> tensors) =>
        [.. tensors.Select((t, i) => ($"{prefix}{i}", t))];

    /// <summary>The same named results with a prefix (<c>ccn_</c>, <c>bp_</c>).</summary>
    internal static (string Name, Tensor Value)[] Prefixed(string prefix, IEnumerable<(string Name, Tensor Value)> results) =>
        [.. results.Select(r => (prefix + r.Name, r.Value))];

    /// <summary>A float32 vector of doubles (cosines), on the CPU.</summary>
    internal static Tensor Vector(IEnumerable<double> values) => tensor(values.Select(v => (float)v).ToArray());

    /// <summary>Detaches the named results and moves them out of the check's dispose scope.</summary>
    internal static IReadOnlyDictionary<string, Tensor> Results(params (string Name, Tensor Value)[] results)
    {
        var dict = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, value) in results)
        {
            dict.Add(name, value.detach().MoveToOuterDisposeScope());
        }

        return dict;
    }

    private static double[] LearningRates(IReadOnlyDictionary<string, Tensor> archive) =>
        [.. archive["lr"].data<float>().Select(v => (double)v)];
}
