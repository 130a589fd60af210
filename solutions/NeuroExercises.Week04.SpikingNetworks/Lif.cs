using TorchSharp;
using static TorchSharp.torch;

namespace NeuroExercises.Week04.SpikingNetworks;

/// <summary>
/// The discrete-time leaky integrate-and-fire neuron (snnTorch's <c>Leaky</c>, as the course's reference defines it):
/// H(v) = 1 if v &gt; 0 else 0, U_{−1} = 0, and per step R_t = H(U_{t−1} − θ), then U_t by the reset mechanism and
/// S_t = H(U_t − θ).
/// </summary>
public static class Lif
{
    // BEGIN SOLUTION ONLY

    /// <summary>0 as a TorchSharp Scalar, made once (a Scalar made per call is freed only by the finalizer).</summary>
    private static readonly Scalar Zero = 0.0f.ToScalar();

    // END SOLUTION ONLY

    /// <summary>
    /// The Heaviside step with H(0) = 0: H(v) = 1 where v &gt; 0 (strictly), else 0. A membrane exactly at threshold does
    /// not spike: S = H(U − θ).
    /// </summary>
    /// <remarks>
    /// Graded by <c>spiking-networks/LifChecks.Heaviside</c>: <c>heaviside_spk</c> of lif_neuron.npz exactly (0 at θ, 1 one
    /// ulp above).
    /// </remarks>
    /// <param name="v">Any shape and floating dtype.</param>
    /// <returns>H(v), same shape and dtype, 0 or 1 (no gradient).</returns>
    public static Tensor Heaviside(Tensor v)
    {
        ArgumentNullException.ThrowIfNull(v);
        // BEGIN SOLUTION
        // STUB: return 1 where v > 0 (strictly), else 0, in v's dtype.
        // sign(v) ∈ {−1, 0, 1} (0 for ±0 and NaN), then max(·, 0): one new tensor in v's dtype, 6× faster than
        // v.gt(0).to(v.dtype), whose bool-to-float conversion is a scalar loop (130 µs against 22 µs on [128, 1000]).
        return v.detach().sign().clamp_min_(Zero);
        // END SOLUTION
    }

    /// <summary>
    /// One LIF step. With <see cref="LifParameters.ResetDelay"/> (the default): R_t = H(U_{t−1} − θ) (detached: no gradient
    /// through the reset); by subtraction U_t = (β U_{t−1} + I_t) − R_t θ, to zero U_t = β ((1 − R_t) U_{t−1}) + I_t; then
    /// S_t = H(U_t − θ), through the surrogate when one is given. The returned U_t is before its own reset. Without the
    /// delay: Ũ_t as above, S_t = H(Ũ_t − θ), U_t = Ũ_t − (S_t − R_t) θ (subtraction) or Ũ_t − (S_t − R_t) Ũ_t (zero), the
    /// correction (S_t − R_t)·θ or (S_t − R_t)·Ũ_t detached (gradient flows through Ũ_t only). R_t still comes from the
    /// stored U_{t−1}, which in this mode is already reset: it is 1 only when a membrane stayed above θ after its reset
    /// (e.g. Ũ &gt; 2θ by subtraction), exactly as the formula reads.
    /// </summary>
    /// <remarks>
    /// Graded by <c>spiking-networks/LifChecks.StepSubtract</c>, <c>spiking-networks/LifChecks.StepZero</c> (the batch step
    /// of lif_neuron.npz: membranes 1e-6 abs, spikes and resets exactly; U_{t−1} = θ does not reset, 2.5θ is reduced by θ
    /// once) and every trace check through <see cref="Simulate"/>.
    /// </remarks>
    /// <param name="memPrev">U_{t−1}, any shape (float32).</param>
    /// <param name="input">I_t, the shape of <paramref name="memPrev"/>.</param>
    /// <param name="neuron">β, θ, the reset mechanism, the delay and the surrogate.</param>
    /// <returns>U_t, S_t and R_t (new tensors; the arguments are not changed).</returns>
    public static LifState Step(Tensor memPrev, Tensor input, LifParameters neuron)
    {
        ArgumentNullException.ThrowIfNull(memPrev);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(neuron);
        // BEGIN SOLUTION
        // STUB: reset from the previous membrane, integrate, spike; see the summary for both mechanisms.
        return Step(memPrev, input, neuron, knownReset: null);
        // END SOLUTION
    }

    // BEGIN SOLUTION ONLY

    /// <summary>
    /// <see cref="Step(Tensor, Tensor, LifParameters)"/>, given R_t when the caller already has it: with the reset delay,
    /// R_t = H(U_{t−1} − θ) is S_{t−1} to the bit (the same subtraction of the same floats), so an unrolled network passes its
    /// previous spikes instead of thresholding U_{t−1} again (they are detached here).
    /// </summary>
    internal static LifState Step(Tensor memPrev, Tensor input, LifParameters neuron, Tensor? knownReset)
    {
        using var scope = NewDisposeScope();
        var beta = (float)neuron.Beta;
        var theta = (float)neuron.Threshold;
        // TorchSharp's Scalar holds native memory that only Dispose or the finalizer frees, and dispose scopes do not track
        // it: a number passed where a Scalar is expected makes one. Left to the finalizer, the hundreds a training step
        // makes sit between the tensors' blocks in the native heap, which then grows and page-faults (40 gradient steps of
        // the benchmark's network: 773 MB, 423 MB with the Scalars disposed, 258 MB with a GC after every step); so the
        // step makes its own and disposes them.
        using var betaS = beta.ToScalar();
        using var thetaS = theta.ToScalar();
        using var minusThetaS = (-theta).ToScalar();
        var reset = knownReset?.detach() ?? Heaviside(memPrev.detach() - thetaS); // detach: a new view owned by this scope
        // By subtraction: one new tensor, then in place (autograd saves none of these results, so in place is safe).
        var mem = neuron.Reset == ResetMechanism.Subtract
            ? memPrev.mul(betaS).add_(input).add_(reset, alpha: minusThetaS)
            : ((1 - reset) * memPrev * beta) + input;
        var spk = Fire(mem, neuron);
        if (!neuron.ResetDelay)
        {
            var correction = (spk.detach() - reset) * (neuron.Reset == ResetMechanism.Subtract ? full_like(mem, theta) : mem.detach());
            mem = mem - correction;
        }

        return new LifState(mem.MoveToOuterDisposeScope(), spk.MoveToOuterDisposeScope(), reset.MoveToOuterDisposeScope());
    }

    // END SOLUTION ONLY

    /// <summary>
    /// A whole simulation from U_{−1} = 0: <see cref="Step(Tensor, Tensor, LifParameters)"/> for t = 0 … T−1 over the time-major input current.
    /// </summary>
    /// <remarks>
    /// Graded by <c>spiking-networks/LifChecks.StepCurrentTraces</c> (snnTorch tutorial 3's step current, both resets, with and
    /// without the delay), <c>spiking-networks/LifChecks.NoisyTraces</c>, <c>spiking-networks/LifChecks.ExactTraces</c>
    /// (dyadic inputs: exact; a membrane equal to θ never spikes) and <c>spiking-networks/LifChecks.Invariants</c>
    /// (S = H(U − θ), post-reset membrane ≤ θ below (2 − β)θ, silence below threshold). Membranes 1e-6 abs, spikes exactly.
    /// </remarks>
    /// <param name="input">I [T, …] (float32), time first.</param>
    /// <param name="neuron">β, θ, the reset mechanism and the delay.</param>
    /// <returns>U and S, [T, …] each.</returns>
    public static LifTrace Simulate(Tensor input, LifParameters neuron)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(neuron);
        // BEGIN SOLUTION
        // STUB: start from U = 0, call Step for every t and stack the membranes and spikes along a new first axis.
        using var scope = NewDisposeScope();
        var steps = input.shape[0];
        var mem = zeros_like(input[0]);
        var mems = new Tensor[steps];
        var spks = new Tensor[steps];
        var inputs = input.unbind(0);
        for (var t = 0; t < steps; t++)
        {
            var state = Step(mem, inputs[t], neuron);
            mem = state.Mem;
            mems[t] = state.Mem;
            spks[t] = state.Spk;
        }

        return new LifTrace(stack(mems).MoveToOuterDisposeScope(), stack(spks).MoveToOuterDisposeScope());
        // END SOLUTION
    }

    /// <summary>The spike of a membrane: H(U − θ), through the neuron's surrogate when it has one.</summary>
    /// <param name="mem">U.</param>
    /// <param name="neuron">θ and the surrogate.</param>
    /// <returns>S.</returns>
    public static Tensor Fire(Tensor mem, LifParameters neuron)
    {
        ArgumentNullException.ThrowIfNull(mem);
        ArgumentNullException.ThrowIfNull(neuron);
        using var threshold = ((float)neuron.Threshold).ToScalar(); // disposed here, not left to the finalizer (see Step)
        var shifted = mem - threshold;
        return neuron.Surrogate is null ? Heaviside(shifted) : Surrogate.Spike(shifted, neuron.Surrogate);
    }
}
