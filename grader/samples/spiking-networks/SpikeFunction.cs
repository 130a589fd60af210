using static TorchSharp.torch;

namespace NeuroExercises.Week04.SpikingNetworks;

/// <summary>
/// The spike as a custom autograd function: forward H(x) (the Heaviside step, H(0) = 0), backward the surrogate
/// derivative S'(x) · grad_output of <see cref="Surrogate.Derivative"/> instead of the step's zero gradient. Call it
/// through <see cref="Surrogate.Spike"/>.
/// </summary>
public sealed class SpikeFunction : autograd.SingleTensorFunction<SpikeFunction>
{
    /// <summary>The function's name in autograd graphs.</summary>
    public override string Name => "SurrogateSpike";

    /// <summary>
    /// Forward: saves x for the backward pass, the surrogate's kind and parameter in the context, and returns H(x).
    /// </summary>
    /// <remarks>Graded through <see cref="Surrogate.Spike"/>.</remarks>
    /// <param name="ctx">The autograd context.</param>
    /// <param name="vars">x (Tensor), then the <see cref="SurrogateGradient"/>.</param>
    /// <returns>H(x).</returns>
    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(vars);
        var x = (Tensor)vars[0];
        ctx.save_for_backward([x]);
        ctx.save_data("surrogate", vars[1]);
        return Lif.Heaviside(x);
    }

    /// <summary>Backward: the gradient with respect to x is S'(x) · grad_output; the surrogate argument gets none.</summary>
    /// <remarks>Graded through <see cref="Surrogate.Spike"/>.</remarks>
    /// <param name="ctx">The autograd context.</param>
    /// <param name="grad_output">∂L/∂S.</param>
    /// <returns>[∂L/∂x, null].</returns>
    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(grad_output);
        var x = ctx.get_saved_variables()[0];
        var surrogate = (SurrogateGradient)ctx.get_data("surrogate");
        return [Surrogate.Derivative(x, surrogate, grad_output), null!];
    }
}
