using static TorchSharp.torch;

namespace NeuroExercises.Week03.Microcircuits.Checks;

/// <summary>
/// Equations of ../shared/reference/microcircuits/README.md written with TorchSharp only (no submitted code), to build
/// the arguments of checks that grade one piece, so that one mistake costs one check. Never used as expected values.
/// </summary>
internal static class Reference
{
    /// <summary>max(x − θ, 0).</summary>
    internal static Tensor Relu(Tensor x, double theta) => (x - theta).clamp_min(0);

    /// <summary>|x[t] − x[t − 1]|.</summary>
    internal static Tensor Diff(Tensor x) => (x.narrow(0, 1, x.shape[0] - 1) - x.narrow(0, 0, x.shape[0] - 1)).abs();

    /// <summary>The closed-form difference-of-boxes filter (p = 4).</summary>
    internal static Tensor DiffBoxFilter(int w, bool symmetric)
    {
        const int p = 4;
        var taps = new double[(2 * p) + (2 * w) + 1];
        var negatives = symmetric ? 2 * w : w;
        var b = 1 / Math.Sqrt(1 + negatives);
        taps[p + w] = negatives * b;
        for (var j = 1; j <= w; j++)
        {
            taps[p + w + j] = -b;
            if (symmetric)
            {
                taps[p + w - j] = -b;
            }
        }

        return tensor(taps).to(ScalarType.Float32);
    }

    /// <summary>The interleaved sinusoidal positional encoding [T, d] (exponent over the even-rounded d).</summary>
    internal static Tensor PositionalEncoding(long t, long d)
    {
        var even = d + (d % 2);
        var pos = arange(t, dtype: ScalarType.Float32).unsqueeze(1);
        var omega = (arange(0, even, 2, dtype: ScalarType.Float32) * (-Math.Log(10000.0) / even)).exp();
        var angle = pos * omega;
        return stack([angle.sin(), angle.cos()], 2).reshape(t, even).narrow(1, 0, d);
    }

    /// <summary>clip(x, −1, 1) + ℓ·x.</summary>
    internal static Tensor LeakyHardTanh(Tensor x, double leak) => x.clamp(-1, 1) + (x * leak);

    /// <summary>X[t, j] = sin(t·f_j) in float64.</summary>
    internal static Tensor SineDictionary(long length, Tensor f) =>
        (arange(length, dtype: ScalarType.Float64).unsqueeze(1) * f.to(ScalarType.Float64).unsqueeze(0)).sin();
}
