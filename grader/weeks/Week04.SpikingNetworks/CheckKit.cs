using System.Globalization;
using NeuroExercises.Week04.SpikingNetworks;
using static TorchSharp.torch;

namespace NeuroExercises.Week04.SpikingNetworks.Checks;

/// <summary>Shared pieces of the week's checks: the input archives, parameters read from them, results and flags.</summary>
internal static class CheckKit
{
    /// <summary>The week id every check class of this folder declares.</summary>
    internal const string Week = "spiking-networks";

    /// <summary>lif_neuron.npz's inputs (β, θ, heaviside_mem, the batch step, the traces' currents).</summary>
    internal const string Lif = "lif_neuron.npz";

    /// <summary>fi_curve.npz's inputs (fi_currents, β, θ, steps).</summary>
    internal const string Fi = "fi_curve.npz";

    /// <summary>encoding.npz's inputs (x, edge_x, seeds, gain, thresholds, τ, steps).</summary>
    internal const string Encoding = "encoding.npz";

    /// <summary>surrogate.npz's inputs (x, grad_output, each kind's parameter).</summary>
    internal const string Surrogate = "surrogate.npz";

    /// <summary>snn_net.npz's inputs (x, y, weights, β, θ, steps, learning rates, the training batch).</summary>
    internal const string Net = "snn_net.npz";

    /// <summary>
    /// The checks' arguments (make_inputs.py): snn_net.npz's mem2 and spk2, the reference forward pass that
    /// <c>SnnTrainingChecks.Losses</c> feeds to the losses. Graded by the visible forward check only; stored so that no
    /// solution code ships with the visible checks.
    /// </summary>
    internal const string Arguments = "arguments.npz";

    /// <summary>The surrogate kinds as named in surrogate.npz.</summary>
    internal static readonly string[] Kinds = ["fast_sigmoid", "atan", "sigmoid", "superspike"];

    /// <summary>A [1] member as a double (the float32 value widened).</summary>
    internal static double Scalar(IReadOnlyDictionary<string, Tensor> archive, string name) => archive[name].cpu().to(float64).data<double>()[0];

    /// <summary>A [1] float32 member as the decimal it was written from (0.2f → 0.2).</summary>
    internal static double Decimal(IReadOnlyDictionary<string, Tensor> archive, string name) =>
        double.Parse(((float)Scalar(archive, name)).ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>A [1] member as an int.</summary>
    internal static int Int(IReadOnlyDictionary<string, Tensor> archive, string name) => (int)Scalar(archive, name);

    /// <summary>The surrogate of a kind name with its stored parameter.</summary>
    internal static SurrogateGradient SurrogateOf(IReadOnlyDictionary<string, Tensor> archive, string kind)
    {
        var p = Scalar(archive, kind + "_param");
        return kind switch
        {
            "fast_sigmoid" => SurrogateGradient.FastSigmoid(p),
            "atan" => SurrogateGradient.Atan(p),
            "sigmoid" => SurrogateGradient.Sigmoid(p),
            _ => SurrogateGradient.SuperSpike(p),
        };
    }

    /// <summary>The network's options from snn_net.npz with the given surrogate.</summary>
    internal static SnnOptions NetOptions(IReadOnlyDictionary<string, Tensor> net, SurrogateGradient surrogate) =>
        new(Int(net, "steps"), Scalar(net, "beta"), Scalar(net, "threshold"), surrogate);

    /// <summary>A network holding copies of snn_net.npz's weights.</summary>
    internal static SpikingNetwork Network(IReadOnlyDictionary<string, Tensor> net) => new(net["W1"], net["b1"], net["W2"], net["b2"]);

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

    /// <summary>A flag for a derived verdict (1 = holds).</summary>
    internal static Tensor Flag(bool value) => tensor(value ? 1f : 0f);

    /// <summary>A raw output of the child, checked for presence, shape and dtype (a derive step's input).</summary>
    internal static Tensor Raw(IReadOnlyDictionary<string, Tensor> raw, string name, long[] shape, ScalarType dtype)
    {
        if (!raw.TryGetValue(name, out var t))
        {
            throw new InvalidDataException($"output '{name}' is missing (got [{string.Join(", ", raw.Keys.Order(StringComparer.Ordinal))}])");
        }

        if (!t.shape.SequenceEqual(shape) || t.dtype != dtype)
        {
            throw new InvalidDataException($"output '{name}' is {t.dtype} ({string.Join(", ", t.shape)}), expected {dtype} ({string.Join(", ", shape)})");
        }

        return t.cpu();
    }
}
