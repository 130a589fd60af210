using static TorchSharp.torch;

namespace NeuroExercises.Week06.LearningRules;

/// <summary>
/// Plain Hebbian learning and Oja's rule (1982), one sample per step, output y = w·x (float64):
/// Hebb w ← w + η y x; Oja w ← w + η y (x − y w). Oja's normalised Hebb finds the first principal component with
/// ‖w‖ → 1; plain Hebb turns to the same axis but its norm grows without bound.
/// </summary>
public static class Hebbian
{
    /// <summary>Plain Hebb over the rows of X in order, w ← w + η y x with y = w·x; w recorded every <paramref name="every"/> samples.</summary>
    /// <remarks>
    /// Graded by <c>learning-rules/HebbianChecks.Hebb</c> (a_hebb_w, b_hebb_w row by row: direction 1e-12, norm rtol 1e-12)
    /// and <c>learning-rules/HebbianChecks.OjaVersusHebb</c> (the norm grows monotonically).
    /// </remarks>
    /// <param name="x">X [T, d] float64, one sample per row.</param>
    /// <param name="w0">w₀ [d].</param>
    /// <param name="eta">η.</param>
    /// <param name="every">Record w after every this many samples; when T is not a multiple of it, the samples after the last
    /// whole multiple still update w but are not recorded.</param>
    /// <returns>[⌊T/every⌋ + 1, d]: row k is w after k·every samples (row 0 = w₀).</returns>
    public static Tensor Hebb(Tensor x, Tensor w0, double eta, int every)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(w0);
        return Run(x, w0, eta, every, oja: false);
    }

    /// <summary>Oja's rule over the rows of X in order, w ← w + η y (x − y w) with y = w·x; w recorded every <paramref name="every"/> samples.</summary>
    /// <remarks>
    /// Graded by <c>learning-rules/HebbianChecks.Oja</c> (a_oja_w, b_oja_w row by row, the angles to pc1) and
    /// <c>learning-rules/HebbianChecks.OjaVersusHebb</c> (‖w‖ → 1, the angle to pc1 falls).
    /// </remarks>
    /// <param name="x">X [T, d] float64.</param>
    /// <param name="w0">w₀ [d].</param>
    /// <param name="eta">η.</param>
    /// <param name="every">Record w after every this many samples; when T is not a multiple of it, the samples after the last
    /// whole multiple still update w but are not recorded.</param>
    /// <returns>[⌊T/every⌋ + 1, d]: row k is w after k·every samples (row 0 = w₀).</returns>
    public static Tensor Oja(Tensor x, Tensor w0, double eta, int every)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(w0);
        return Run(x, w0, eta, every, oja: true);
    }

    /// <summary>
    /// The sign-free angle of each row w to the axis v, in degrees, computed in double: arccos(min(1, |w·v| / (‖w‖ ‖v‖))).
    /// </summary>
    /// <remarks>Graded by <c>learning-rules/HebbianChecks.Oja</c> and <c>learning-rules/HebbianChecks.Hebb</c> (*_angle, 1e-9 degrees).</remarks>
    /// <param name="w">[k, d].</param>
    /// <param name="v">[d].</param>
    /// <returns>[k] float64 degrees in [0, 90].</returns>
    public static Tensor AnglesToAxis(Tensor w, Tensor v)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(v);
        using var scope = NewDisposeScope();
        var w64 = w.to(float64);
        var v64 = v.to(float64);
        var cos = w64.matmul(v64).abs() / (linalg.vector_norm(w64, dims: [1]) * linalg.vector_norm(v64));
        return (cos.clamp_max(1.0).arccos() * (180.0 / Math.PI)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The leading eigenvector of a symmetric matrix (a covariance), unit norm, with the sign rule: its largest-magnitude
    /// component is positive.
    /// </summary>
    /// <remarks>Graded by <c>learning-rules/HebbianChecks.PrincipalAxis</c> (a_pc1, b_pc1 from the covariance; the sample ones from XᵀX / T).</remarks>
    /// <param name="c">[d, d] symmetric.</param>
    /// <returns>v [d].</returns>
    public static Tensor PrincipalAxis(Tensor c)
    {
        ArgumentNullException.ThrowIfNull(c);
        using var scope = NewDisposeScope();
        var (_, vectors) = linalg.eigh(c.to(float64));
        var v = vectors[.., -1];
        var largest = v[v.abs().argmax()].item<double>();
        return (largest < 0 ? v.neg() : v.clone()).MoveToOuterDisposeScope();
    }

    private static Tensor Run(Tensor x, Tensor w0, double eta, int every, bool oja)
    {
        var samples = x.shape[0];
        var d = (int)x.shape[1];
        var data = x.to(float64).contiguous().data<double>().ToArray();
        var w = w0.to(float64).contiguous().data<double>().ToArray();
        var rows = new double[((samples / every) + 1) * d];
        Array.Copy(w, rows, d);
        for (var i = 0; i < samples; i++)
        {
            var y = 0.0;
            for (var j = 0; j < d; j++)
            {
                y += w[j] * data[(i * d) + j];
            }

            for (var j = 0; j < d; j++)
            {
                w[j] += oja ? eta * y * (data[(i * d) + j] - (y * w[j])) : eta * y * data[(i * d) + j];
            }

            if ((i + 1) % every == 0)
            {
                Array.Copy(w, 0, rows, (i + 1) / every * d, d);
            }
        }

        return tensor(rows, [(samples / every) + 1, d], float64);
    }
}
