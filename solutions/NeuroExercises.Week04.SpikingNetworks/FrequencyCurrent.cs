using static TorchSharp.torch;

namespace NeuroExercises.Week04.SpikingNetworks;

/// <summary>
/// The firing-rate vs input-current (f-I) curve of the LIF neuron: simulated for constant currents from U = 0, and the
/// closed form of the reset to zero. Rheobase θ(1 − β): at and below it the neuron never fires.
/// </summary>
public static class FrequencyCurrent
{
    /// <summary>
    /// Simulates one neuron per current I_j for T steps from U = 0 (<see cref="Lif.Simulate"/> with I_t = I_j at every step)
    /// and measures: count Σ_t S_t, rate = count / T, the first spike step (−1 if none), max_t (U_t − S_t θ) and max_t U_t.
    /// </summary>
    /// <remarks>
    /// Graded by <c>spiking-networks/FrequencyCurrentChecks.Subtract</c>, <c>spiking-networks/FrequencyCurrentChecks.Zero</c>
    /// (fi_curve.npz: counts, rates, first spikes exactly; maxima 2e-5 / 1e-6 abs) and
    /// <c>spiking-networks/FrequencyCurrentChecks.RateGrowsAboveRheobase</c>.
    /// </remarks>
    /// <param name="currents">I [n] (float32).</param>
    /// <param name="steps">T.</param>
    /// <param name="neuron">β, θ and the reset mechanism.</param>
    /// <returns>The five measures, [n] each.</returns>
    public static FiCurve Measure(Tensor currents, int steps, LifParameters neuron)
    {
        ArgumentNullException.ThrowIfNull(currents);
        ArgumentNullException.ThrowIfNull(neuron);
        // BEGIN SOLUTION
        // STUB: simulate the constant currents (expand I to [T, n]) and reduce the trace over time.
        using var scope = NewDisposeScope();
        var trace = Lif.Simulate(currents.unsqueeze(0).expand(steps, currents.shape[0]).contiguous(), neuron);
        var count = trace.Spk.sum(dim: 0);
        var rate = count / (float)steps;
        var fired = trace.Spk.gt(0);
        var first = where(fired.any(0), fired.to(int64).argmax(0), tensor(-1L));
        var postReset = (trace.Mem - (trace.Spk * (float)neuron.Threshold)).amax(0);
        var memMax = trace.Mem.amax(0);
        return new FiCurve(
            count.MoveToOuterDisposeScope(),
            rate.MoveToOuterDisposeScope(),
            first.MoveToOuterDisposeScope(),
            postReset.MoveToOuterDisposeScope(),
            memMax.MoveToOuterDisposeScope());
        // END SOLUTION
    }

    /// <summary>
    /// The inter-spike interval of the reset to zero under a constant current, in closed form: after a reset the membrane
    /// restarts at I, so after k steps it is I(1 − β^k)/(1 − β), and k* = min{k ≥ 1 : I(1 − β^k)/(1 − β) &gt; θ}; 0 when
    /// I ≤ θ(1 − β) (never fires). Computed in float64 from float32 β and I (each rounded through float, θ used as the
    /// double it is), so the rheobase test sees (float)β: e.g. I = 0.05, β = 0.95, θ = 1 gives 0.
    /// </summary>
    /// <remarks>
    /// Graded by <c>spiking-networks/FrequencyCurrentChecks.ZeroClosedForm</c>: fi_isi_zero_analytic exactly, and ⌊T/k*⌋
    /// equal to the simulated count.
    /// </remarks>
    /// <param name="current">I.</param>
    /// <param name="beta">β (0 ≤ β &lt; 1).</param>
    /// <param name="threshold">θ.</param>
    /// <returns>k*, or 0 if the neuron never fires.</returns>
    public static long ZeroResetPeriod(double current, double beta, double threshold)
    {
        // BEGIN SOLUTION
        // STUB: return 0 at or below rheobase θ(1 − β); else the smallest k ≥ 1 with I(1 − β^k)/(1 − β) > θ.
        if (current <= threshold * (1 - beta))
        {
            return 0;
        }

        for (var k = 1L; ; k++)
        {
            if (current * (1 - Math.Pow(beta, k)) / (1 - beta) > threshold)
            {
                return k;
            }
        }
        // END SOLUTION
    }
}
