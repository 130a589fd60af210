using static TorchSharp.torch;

namespace NeuroExercises.Week03.Microcircuits;

/// <summary>Tutorial 1: sparse coding of a signal on a sine dictionary with orthogonal matching pursuit.</summary>
public static class SparseCoding
{
    /// <summary>The sine dictionary: X[t, j] = sin(t·f_j), t = 0 … T − 1, computed in float64.</summary>
    /// <remarks>Graded through <c>microcircuits/SparseCodingChecks.Omp</c> (the check builds the dictionary with it).</remarks>
    /// <param name="length">T.</param>
    /// <param name="frequencies">f [n_atoms].</param>
    /// <returns>X [T, n_atoms], float64.</returns>
    public static Tensor SineDictionary(long length, Tensor frequencies)
    {
        ArgumentNullException.ThrowIfNull(frequencies);
        throw new NotImplementedException("SparseCoding.SineDictionary: write X[t, j] = sin(t·f_j) in float64; see its XML doc.");
    }

    /// <summary>
    /// Orthogonal matching pursuit as sklearn's OrthogonalMatchingPursuit(fit_intercept = True), in float64: centre X
    /// and y by their means; r = y_c; repeat k times: j = argmax_j |X_cᵀ r| (first index on ties, raw un-normalised centred
    /// atoms), refit least squares of y_c on all active atoms (Cholesky of their Gram matrix), r = y_c − X_c γ. Stop early
    /// if j is already active, if (X_c[:, j]ᵀ y_c)² &lt; ε, or if the new Cholesky pivot ≤ ε (ε = float64 machine epsilon,
    /// 2⁻⁵² ≈ 2.22e-16 as np.finfo(float).eps, not C#'s <c>double.Epsilon</c>, the smallest subnormal). This is sklearn's
    /// Cholesky path (<c>precompute = False</c>): its Gram path, which 'auto' picks when T &gt; atoms, tests updated
    /// correlations and can stop elsewhere.
    /// </summary>
    /// <remarks>
    /// Graded by <c>microcircuits/SparseCodingChecks.Omp</c> (<c>omp_coef</c>, <c>omp_intercept</c>, <c>omp_pred</c>,
    /// <c>omp_order</c> for k = 10; 5e-6 of max |golden|, order exact), <c>microcircuits/SparseCodingChecks.Cardinality</c>
    /// (hidden: <c>omp_card_coef</c>, <c>omp_card_intercept</c>, <c>omp_card_r2</c> for k = 1, 6, …, 96; 1e-5) and
    /// <c>microcircuits/SparseCodingChecks.RecoversSparseCode</c> (hidden: a noiseless 3-atom code is recovered with k = 3).
    /// </remarks>
    /// <param name="dictionary">X [T, n_atoms].</param>
    /// <param name="signal">y [T].</param>
    /// <param name="atoms">k, the number of atoms to select.</param>
    /// <returns>γ (float64), the intercept and the selection order.</returns>
    public static OmpResult OrthogonalMatchingPursuit(Tensor dictionary, Tensor signal, int atoms)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentOutOfRangeException.ThrowIfLessThan(atoms, 1);
        throw new NotImplementedException("SparseCoding.OrthogonalMatchingPursuit: centre, then pick argmax |X_cᵀ r|, refit on the active atoms, update r, k times (with the early stops); see its XML doc.");
    }

    /// <summary>The code's reconstruction: ŷ = X·γ + intercept.</summary>
    /// <remarks>Graded by <c>microcircuits/SparseCodingChecks.Omp</c> (<c>omp_pred</c>).</remarks>
    /// <param name="dictionary">X [T, n_atoms].</param>
    /// <param name="code">The result of <see cref="OrthogonalMatchingPursuit"/>.</param>
    /// <returns>ŷ [T], float64.</returns>
    public static Tensor Reconstruct(Tensor dictionary, OmpResult code)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        ArgumentNullException.ThrowIfNull(code);
        throw new NotImplementedException("SparseCoding.Reconstruct: write ŷ = X·γ + intercept; see its XML doc.");
    }

    /// <summary>The coefficient of determination R² = 1 − SS_res / SS_tot with SS_tot = Σ(y − ȳ)².</summary>
    /// <remarks>Graded by <c>microcircuits/SparseCodingChecks.Cardinality</c> (<c>omp_card_r2</c>).</remarks>
    /// <param name="prediction">ŷ [T].</param>
    /// <param name="target">y [T].</param>
    /// <returns>R².</returns>
    public static double RSquared(Tensor prediction, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        throw new NotImplementedException("SparseCoding.RSquared: write 1 − Σ(ŷ − y)² / Σ(y − ȳ)²; see its XML doc.");
    }
}
