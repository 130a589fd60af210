using static TorchSharp.torch;

namespace NeuroExercises.Week06.LearningRules.Checks;

/// <summary>Shared pieces of the week's checks: the input archives, parameters read from them, results and flags.</summary>
internal static class CheckKit
{
    /// <summary>The week id every check class of this folder declares.</summary>
    internal const string Week = "learning-rules";

    /// <summary>mlp_rules.npz's inputs (x, t, weights, σ, η, λ, the noise of one step).</summary>
    internal const string Rules = "mlp_rules.npz";

    /// <summary>mlp_training.npz's inputs (pixels, targets, initial weights, fixed batches, the stored noise).</summary>
    internal const string Training = "mlp_training.npz";

    /// <summary>mlp_metrics.npz's inputs (vectors, the SNR samples, outputs and targets).</summary>
    internal const string MetricsFile = "mlp_metrics.npz";

    /// <summary>hebb_oja.npz's inputs (data, w₀, η, steps, the true covariances).</summary>
    internal const string HebbOja = "hebb_oja.npz";

    /// <summary>reward_baseline.npz's inputs (X, ξ, W*, W₀, X_eval, η, α, σ, R̄₀, every).</summary>
    internal const string Reward = "reward_baseline.npz";

    /// <summary>
    /// arguments.npz: golden arrays visible checks use beside the submission's result (bp_dW_h, bp_dW_y: backprop's update on
    /// mlp_rules.npz, for the rules' cosines; a_pc1, b_pc1: hebb_oja.npz's true principal axes, for Oja's and Hebb's angles).
    /// Each is the expected value of a visible check, so storing it where a submission can read it gives nothing away, and
    /// the trusted code that would compute it (a solution of a graded method) stays out of the student release.
    /// </summary>
    internal const string Arguments = "arguments.npz";

    /// <summary>The rules' golden prefixes.</summary>
    internal static readonly string[] Prefixes = ["bp", "fa", "kp", "wp", "np"];

    /// <summary>A 0-d (or [1]) member as a double.</summary>
    internal static double Scalar(IReadOnlyDictionary<string, Tensor> archive, string name) => archive[name].cpu().to(float64).flatten()[0].item<double>();

    /// <summary>A 0-d double as a 0-d float64 tensor.</summary>
    internal static Tensor D(double value) => tensor(value, float64);

    /// <summary>Doubles as a float64 vector.</summary>
    internal static Tensor D(double[] values) => tensor(values, float64);

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
