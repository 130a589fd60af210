using static TorchSharp.torch;

namespace NeuroExercises.Week06.LearningRules.Checks;

/// <summary>
/// The equations of ../shared/reference/learning_rules/README.md written here with TorchSharp only (no submitted code),
/// float64, for the trusted derive steps of hidden checks only: visible checks read what they need beside the submission's
/// result (backprop's update, the principal axes) from <see cref="CheckKit.Arguments"/>, so the release strips every member
/// here (several solve graded methods: Backprop, Cosine, PrincipalAxis). Never used as expected values.
/// </summary>
internal static class Reference
{
    /// <summary>σ(a) = 1/(1 + exp(−clip(a, −500, 500))).</summary>
    internal static Tensor Sigmoid(Tensor a) => a.clamp(-500.0, 500.0).neg().exp().add(1.0).reciprocal();

    /// <summary>[x; 1].</summary>
    internal static Tensor Augment(Tensor x) => cat([x, ones(1, x.shape[1], dtype: x.dtype)], 0);

    /// <summary>Backprop's (ΔW_h, ΔW_y), summed over the batch.</summary>
    internal static (Tensor Wh, Tensor Wy) Backprop(Tensor wH, Tensor wY, Tensor x, Tensor t)
    {
        var h = Sigmoid(wH.matmul(Augment(x)));
        var y = Sigmoid(wY.matmul(Augment(h)));
        var deltaY = (t - y) * y * (1.0 - y);
        var deltaH = wY[.., ..(int)wH.shape[0]].t().matmul(deltaY) * h * (1.0 - h);
        return (deltaH.matmul(Augment(x).t()), deltaY.matmul(Augment(h).t()));
    }

    /// <summary>cos(u, v) over all entries, in double.</summary>
    internal static double Cosine(Tensor u, Tensor v)
    {
        var a = u.flatten().to(float64);
        var b = v.flatten().to(float64);
        return a.dot(b).item<double>() / (a.norm().item<double>() * b.norm().item<double>());
    }

    /// <summary>The accuracy with the tie rule: 100 · mean_b [y_{target(b), b} = max_o y_ob].</summary>
    internal static double TieAccuracy(Tensor y, Tensor t)
    {
        var atTarget = y.gather(0, t.argmax(0).unsqueeze(0)).squeeze(0);
        return 100.0 * ((double)atTarget.eq(y.amax([0])).sum().item<long>() / y.shape[1]);
    }

    /// <summary>The leading eigenvector of a symmetric matrix, its largest-magnitude component positive.</summary>
    internal static Tensor PrincipalAxis(Tensor c)
    {
        var (_, vectors) = linalg.eigh(c.to(float64));
        var v = vectors[.., -1];
        return v[v.abs().argmax()].item<double>() < 0 ? v.neg() : v;
    }

    /// <summary>Sign-free angles (degrees) of the rows of w to v, in double.</summary>
    internal static Tensor Angles(Tensor w, Tensor v)
    {
        var cos = w.matmul(v).abs() / (linalg.vector_norm(w, dims: [1]) * linalg.vector_norm(v));
        return cos.clamp_max(1.0).arccos() * (180.0 / Math.PI);
    }
}
