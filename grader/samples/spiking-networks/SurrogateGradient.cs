namespace NeuroExercises.Week04.SpikingNetworks;

/// <summary>A surrogate gradient: which smooth function, and its slope or scale parameter.</summary>
/// <param name="Kind">The smooth function.</param>
/// <param name="Parameter">k for the sigmoids and SuperSpike, α for arctan.</param>
public sealed record SurrogateGradient(SurrogateKind Kind, double Parameter)
{
    /// <summary>snnTorch's fast sigmoid with slope k (default 25).</summary>
    /// <param name="slope">k.</param>
    /// <returns>The surrogate.</returns>
    public static SurrogateGradient FastSigmoid(double slope = 25) => new(SurrogateKind.FastSigmoid, slope);

    /// <summary>snnTorch's arctan with α (default 2).</summary>
    /// <param name="alpha">α.</param>
    /// <returns>The surrogate.</returns>
    public static SurrogateGradient Atan(double alpha = 2) => new(SurrogateKind.Atan, alpha);

    /// <summary>snnTorch's sigmoid with slope k (default 25).</summary>
    /// <param name="slope">k.</param>
    /// <returns>The surrogate.</returns>
    public static SurrogateGradient Sigmoid(double slope = 25) => new(SurrogateKind.Sigmoid, slope);

    /// <summary>SpyTorch's SuperSpike with scale k (default 100).</summary>
    /// <param name="scale">k.</param>
    /// <returns>The surrogate.</returns>
    public static SurrogateGradient SuperSpike(double scale = 100) => new(SurrogateKind.SuperSpike, scale);
}
