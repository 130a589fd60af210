using static TorchSharp.torch;

namespace NeuroExercises.Week03.Microcircuits.Checks;

/// <summary>Shared pieces of the week's checks: the input archives and how results are returned.</summary>
internal static class CheckKit
{
    /// <summary>The week id every check class of this folder declares.</summary>
    internal const string Week = "microcircuits";

    /// <summary>sig, frame, responses and the sweeps' parameters.</summary>
    internal const string Sparsity = "sparsity.npz";

    /// <summary>Normalization inputs and the ReLU net's initial parameters.</summary>
    internal const string Normalization = "normalization.npz";

    /// <summary>Attention inputs and weights.</summary>
    internal const string Attention = "attention.npz";

    /// <summary>The sparse query task's training and validation sets.</summary>
    internal const string SparseAnd = "sparse_and.npz";

    /// <summary>The models' initial and O(1) random parameters.</summary>
    internal const string Models = "models.npz";

    /// <summary>
    /// The checks' arguments (make_inputs.py): relu_all and temporal_diff (sparsity.npz), sdpa_x_pe (attention.npz),
    /// lht_leak0.03 / lht_leak0.001 (normalization.npz), and the difference-of-boxes filters diffbox_filter_w{w} and
    /// diffbox_spatial_filter_w{2, 92} from the README's closed form. Graded by visible checks or by none, never by a hidden
    /// one; stored so that no solution code ships with the visible checks.
    /// </summary>
    internal const string Arguments = "arguments.npz";

    /// <summary>A float32 0-d tensor.</summary>
    internal static Tensor Scalar(double value) => tensor((float)value);

    /// <summary>A float32 vector.</summary>
    internal static Tensor Vector(IEnumerable<double> values) => tensor(values.Select(v => (float)v).ToArray());

    /// <summary>An int64 vector.</summary>
    internal static Tensor Longs(IEnumerable<long> values) => tensor(values.ToArray());

    /// <summary>The values of a 1-d input as doubles.</summary>
    internal static double[] Doubles(Tensor t) => [.. t.to(ScalarType.Float64).data<double>()];

    /// <summary>The values of a 1-d int64 input.</summary>
    internal static long[] Int64s(Tensor t) => [.. t.to(ScalarType.Int64).data<long>()];

    /// <summary>The state dict of a module from an archive's members named <paramref name="prefix"/> + key.</summary>
    internal static Dictionary<string, Tensor> State(IReadOnlyDictionary<string, Tensor> archive, string prefix, IEnumerable<string> keys) =>
        keys.ToDictionary(k => k, k => archive[prefix + (k == "positioner" ? "_positioner" : "_" + k)]);

    /// <summary>The self-attention model's state-dict keys.</summary>
    internal static readonly string[] SatKeys = ["tokenizer.weight", "positioner", "Wq.weight", "Wk.weight", "Wv.weight", "linear.weight"];

    /// <summary>The MLP's state-dict keys.</summary>
    internal static readonly string[] MlpKeys = ["layers.0.weight", "layers.0.bias", "layers.3.weight", "layers.3.bias"];

    /// <summary>Detaches the named results (float64 made float32) and moves them out of the check's dispose scope.</summary>
    internal static IReadOnlyDictionary<string, Tensor> Results(params (string Name, Tensor Value)[] results)
    {
        var dict = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, value) in results)
        {
            var v = value.dtype == ScalarType.Float64 ? value.to(ScalarType.Float32) : value;
            dict.Add(name, v.detach().contiguous().MoveToOuterDisposeScope());
        }

        return dict;
    }
}
