namespace NeuroExercises.Week04.SpikingNetworks;

/// <summary>The smooth function whose derivative stands in for the spike's in the backward pass.</summary>
public enum SurrogateKind
{
    /// <summary>Fast sigmoid x / (1 + k|x|), S'(x) = 1 / (k|x| + 1)² (snnTorch, slope k = 25).</summary>
    FastSigmoid,

    /// <summary>arctan(π/2·α·x)/π, S'(x) = (α/2) / (1 + (π/2·α·x)²) (snnTorch, α = 2).</summary>
    Atan,

    /// <summary>Logistic 1/(1 + exp(−kx)), S'(x) = k σ(kx)(1 − σ(kx)) (snnTorch, slope k = 25).</summary>
    Sigmoid,

    /// <summary>SpyTorch's SuperSpike: the fast sigmoid's derivative 1 / (k|x| + 1)² with scale k = 100.</summary>
    SuperSpike,
}
