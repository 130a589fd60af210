using TorchSharp;
using static TorchSharp.torch;

namespace NeuroExercises.Week04.SpikingNetworks;

/// <summary>
/// Surrogate gradients: a spike S = H(U − θ) has derivative 0 almost everywhere, so the backward pass uses the derivative
/// S' of a smooth function instead (x stands for U − θ):
/// fast sigmoid (k) g / (k|x| + 1)², smooth x / (1 + k|x|);
/// arctan (α) ((α/2) / (1 + (π/2·α·x)²)) · g, smooth arctan(π/2·α·x)/π;
/// sigmoid (k) (g·k)·σ(kx)·σ(−kx) = (g·k·e)/(e + 1)², e = exp(−kx), smooth σ(kx) = 1/(1 + exp(−kx));
/// SuperSpike (k) g / (k|x| + 1)², smooth x / (1 + k|x|).
/// </summary>
public static class Surrogate
{
    /// <summary>
    /// The spike with a surrogate gradient: forward H(x) (0 at x = 0), backward S'(x) · grad_output (through
    /// <see cref="SpikeFunction"/>).
    /// </summary>
    /// <remarks>
    /// Graded by <c>spiking-networks/SurrogateChecks.Forward</c> (every <c>{kind}_forward</c> of surrogate.npz exactly)
    /// and <c>spiking-networks/SurrogateChecks.Backward</c> (x.grad after backward with ones and with grad_output: every
    /// <c>{kind}_grad_ones</c>, <c>{kind}_grad_randn</c>, 1e-6 abs, sigmoid 2e-6; not the step's zero gradient).
    /// </remarks>
    /// <param name="x">U − θ, any shape (float32).</param>
    /// <param name="surrogate">The kind and its parameter.</param>
    /// <returns>H(x), differentiable with respect to x through the surrogate.</returns>
    public static Tensor Spike(Tensor x, SurrogateGradient surrogate)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(surrogate);
        return SpikeFunction.apply(x, surrogate);
    }

    /// <summary>
    /// S'(x) · g for the surrogate's kind (see the class summary), in the order written there; for the sigmoid the first,
    /// stable form (g·k)·σ(kx)·σ(−kx): the e form overflows (e = exp(−kx) = ∞ for kx &lt; −88 in float32 gives ∞/∞ = NaN).
    /// </summary>
    /// <remarks>
    /// Graded by <c>spiking-networks/SurrogateChecks.Derivative</c>: every <c>{kind}_grad_ones</c> (g = 1) and
    /// <c>{kind}_grad_randn</c> (g = grad_output) of surrogate.npz, 1e-6 abs (sigmoid 2e-6); the slope matters.
    /// </remarks>
    /// <param name="x">U − θ, any shape.</param>
    /// <param name="surrogate">The kind and its parameter.</param>
    /// <param name="gradOutput">g, the shape of x.</param>
    /// <returns>S'(x) · g.</returns>
    public static Tensor Derivative(Tensor x, SurrogateGradient surrogate, Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(surrogate);
        ArgumentNullException.ThrowIfNull(gradOutput);
        using var scope = NewDisposeScope();
        var k = surrogate.Parameter;
        var result = surrogate.Kind switch
        {
            SurrogateKind.FastSigmoid or SurrogateKind.SuperSpike => gradOutput / ((x.abs() * k) + 1).square(),
            // (k/2) / (1 + (π/2·k·x)²) · g = 1 / (2/k + (√(2/k)·π/2·k·x)²) · g: one new tensor, every other step in place
            // (for k = 2 the same arithmetic as the first form); this runs once per step in BPTT.
            SurrogateKind.Atan => AtanDerivative(x, k, gradOutput),
            SurrogateKind.Sigmoid => SigmoidDerivative(x, k, gradOutput),
            _ => throw new ArgumentOutOfRangeException(nameof(surrogate), surrogate.Kind, "unknown surrogate kind"),
        };
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The smooth function whose derivative the surrogate is (see the class summary): what the spike would be if it were
    /// differentiable.
    /// </summary>
    /// <remarks>
    /// Graded by <c>spiking-networks/SurrogateChecks.Smooth</c>: every <c>{kind}_smooth</c> of surrogate.npz, 1e-6 abs; its
    /// central difference matches <see cref="Derivative"/>.
    /// </remarks>
    /// <param name="x">U − θ, any shape.</param>
    /// <param name="surrogate">The kind and its parameter.</param>
    /// <returns>The smooth function at x (x's dtype).</returns>
    public static Tensor Smooth(Tensor x, SurrogateGradient surrogate)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(surrogate);
        using var scope = NewDisposeScope();
        var k = surrogate.Parameter;
        var x64 = x.to(float64);
        var result = surrogate.Kind switch
        {
            SurrogateKind.FastSigmoid or SurrogateKind.SuperSpike => x64 / ((x64.abs() * k) + 1),
            SurrogateKind.Atan => (x64 * (Math.PI / 2 * k)).atan() / Math.PI,
            SurrogateKind.Sigmoid => (x64 * k).sigmoid(),
            _ => throw new ArgumentOutOfRangeException(nameof(surrogate), surrogate.Kind, "unknown surrogate kind"),
        };
        return result.to(x.dtype).MoveToOuterDisposeScope();
    }

    private static Tensor AtanDerivative(Tensor x, double k, Tensor gradOutput)
    {
        // Scalars made and disposed here, not left to the finalizer (see Lif.Step).
        using var slope = (Math.Sqrt(2 / k) * Math.PI / 2 * k).ToScalar();
        using var two = 2.0.ToScalar();
        using var offset = (2 / k).ToScalar();
        return (x * slope).pow_(two).add_(offset).reciprocal_().mul_(gradOutput);
    }

    private static Tensor SigmoidDerivative(Tensor x, double k, Tensor gradOutput)
    {
        // (g·k) σ(kx) σ(−kx): the stable form of (g·k·e)/(e + 1)², e = exp(−kx), which overflows for kx ≪ 0
        // (1 − σ(kx) would cancel for kx ≫ 0).
        var kx = x * k;
        return gradOutput * k * kx.sigmoid() * kx.neg().sigmoid();
    }

}
