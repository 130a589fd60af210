using NeuroExercises.Week05.DeepLearningNeuro;
using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro.Checks;

/// <summary>Checks of <see cref="Filters"/>: the centre-surround and Gabor filters, normalised, with and without zero mean.</summary>
[WeekChecks(CheckKit.Week)]
public static class FiltersChecks
{
    /// <summary>Both filter sets.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>filters_t2, filters_t3 [6, 1, 7, 7].</returns>
    [Check(2, Description = "Filters.Make: G_σ = exp(−R/(2σ²)) (exp of −R, not −R²), C = G_σ − 0.5·G_2σ, ±C and four Gabors, each divided by its max |value|; t2 minus its mean", Visibility = Visibility.Visible, Atol = 1.2e-6, TimeLimitSeconds = 30,
        Hint = "The README's Gaussian is exp(−R/(2σ²)) with R = √(X² + Y²): not squared. X varies along the first index.")]
    public static IReadOnlyDictionary<string, Tensor> Make(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        return CheckKit.Results(("filters_t2", Filters.Make(zeroMean: true)), ("filters_t3", Filters.Make(zeroMean: false)));
    }
}
