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
        // BEGIN SOLUTION
        // STUB: write X[t, j] = sin(t·f_j) in float64
        var t = arange(length, dtype: ScalarType.Float64).unsqueeze(1);
        return (t * frequencies.to(ScalarType.Float64).unsqueeze(0)).sin_();
        // END SOLUTION
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
        // BEGIN SOLUTION
        // STUB: centre, then pick argmax |X_cᵀ r|, refit on the active atoms, update r, k times (with the early stops)
        using var scope = NewDisposeScope();
        var x = dictionary.to(ScalarType.Float64);
        var y = signal.to(ScalarType.Float64);
        var xMean = x.mean([0]);
        var yMean = y.mean().item<double>();
        var xc = x - xMean;
        var yc = y - yMean;
        var alpha = xc.t().matmul(yc);
        var residual = yc;
        var order = new List<long>();
        var gamma = zeros(0, dtype: ScalarType.Float64);
        const double eps = 2.220446049250313e-16; // float64 machine epsilon
        for (var step = 0; step < atoms; step++)
        {
            var j = xc.t().matmul(residual).abs().argmax().item<long>();
            if (order.Contains(j) || Math.Pow(alpha[j].item<double>(), 2) < eps)
            {
                break;
            }

            var active = tensor([.. order, j]);
            var xa = xc.index_select(1, active);
            var gram = xa.t().matmul(xa);
            var chol = linalg.cholesky_ex(gram);
            var pivot = chol.L[^1, ^1].item<double>();
            if (chol.info.item<int>() != 0 || double.IsNaN(pivot) || (pivot * pivot) <= eps)
            {
                break;
            }

            order.Add(j);
            gamma = cholesky_solve(alpha.index_select(0, active).unsqueeze(1), chol.L).squeeze(1);
            residual = yc - xa.matmul(gamma);
        }

        var coefficients = zeros(x.shape[1], dtype: ScalarType.Float64);
        if (order.Count > 0)
        {
            coefficients.index_copy_(0, tensor([.. order]), gamma);
        }

        var intercept = yMean - xMean.dot(coefficients).item<double>();
        return new OmpResult(coefficients.MoveToOuterDisposeScope(), intercept, order);
        // END SOLUTION
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
        // BEGIN SOLUTION
        // STUB: write ŷ = X·γ + intercept
        return dictionary.to(ScalarType.Float64).matmul(code.Coefficients.to(ScalarType.Float64)) + code.Intercept;
        // END SOLUTION
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
        // BEGIN SOLUTION
        // STUB: write 1 − Σ(ŷ − y)² / Σ(y − ȳ)²
        using var scope = NewDisposeScope();
        var y = target.to(ScalarType.Float64);
        var residual = (prediction.to(ScalarType.Float64) - y).square().sum().item<double>();
        var total = (y - y.mean()).square().sum().item<double>();
        return 1 - (residual / total);
        // END SOLUTION
    }
}
