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
        throw new NotImplementedException("Hebbian.Hebb: loop over the rows of X: y = w·x, w += η y x; keep w every `every` samples, starting with w₀; see its XML doc.");
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
        throw new NotImplementedException("Hebbian.Oja: as Hebb with the update η y (x − y w); see its XML doc.");
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
        throw new NotImplementedException("Hebbian.AnglesToAxis: |w·v| / (‖w‖ ‖v‖) per row, clamp at 1, arccos, to degrees; see its XML doc.");
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
        throw new NotImplementedException("Hebbian.PrincipalAxis: linalg.eigh (eigenvalues ascending): take the last eigenvector; flip it if its largest |component| is negative; see its XML doc.");
    }

}
