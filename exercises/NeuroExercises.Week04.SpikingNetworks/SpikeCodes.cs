using static TorchSharp.torch;

namespace NeuroExercises.Week04.SpikingNetworks;

/// <summary>
/// Turning intensities x ∈ [0, 1] into spike trains (snnTorch's <c>spikegen.rate</c> and <c>spikegen.latency</c>,
/// SpyTorch's <c>current2firing_time</c>). Time is the leading axis of every spike train.
/// </summary>
public static class SpikeCodes
{
    /// <summary>
    /// Rate code: p = clamp(x·gain + offset, 0, 1), the same at every step; u = rand(T, …x's shape) drawn time-major from a
    /// generator seeded with <paramref name="seed"/>; spike = 1 where u &lt; p (strictly).
    /// </summary>
    /// <remarks>
    /// Graded by <c>spiking-networks/SpikeCodesChecks.Rate</c> (rate_spikes, rate_spikes_gain of encoding.npz exactly) and
    /// <c>spiking-networks/SpikeCodesChecks.RateMean</c> (the mean over time approaches p).
    /// </remarks>
    /// <param name="x">Intensities [N, D] (float32).</param>
    /// <param name="steps">T.</param>
    /// <param name="seed">The generator's seed.</param>
    /// <param name="gain">Multiplies x (1: a pixel of 1 fires every step).</param>
    /// <param name="offset">Added after the gain.</param>
    /// <returns>Spikes [T, N, D] (float32, 0 or 1).</returns>
    public static Tensor Rate(Tensor x, int steps, long seed, double gain = 1.0, double offset = 0.0)
    {
        ArgumentNullException.ThrowIfNull(x);
        throw new NotImplementedException("SpikeCodes.Rate: clamp x·gain + offset to [0, 1]; draw u of shape [T, …] from a seeded Generator; spike where u < p; see its XML doc.");
    }

    /// <summary>
    /// Linear latency code (snnTorch's <c>latency(linear=True, normalize=True, clip=True)</c>): τ = T − 1,
    /// t = min(−τ(x − 1), −τ(θ − 1)) in float32; the spike is at step round(min(t, T − 1)) (rounding half to even), i.e.
    /// round(t) whenever round(t) ≤ T − 1; no spike where round(t) &gt; T − 1 or x &lt; θ (x = θ is kept). Bright inputs
    /// fire first.
    /// </summary>
    /// <remarks>
    /// Graded by <c>spiking-networks/SpikeCodesChecks.LinearLatency</c>: latency_time and edge_latency_time (1e-6 abs), steps
    /// and spikes exactly (10.5 → 10 and 4.5 → 4).
    /// </remarks>
    /// <param name="x">Intensities, any shape (float32).</param>
    /// <param name="steps">T.</param>
    /// <param name="threshold">θ (0.01).</param>
    /// <returns>Times, steps and spikes [T, …].</returns>
    public static LatencyCode LinearLatency(Tensor x, int steps, double threshold = 0.01)
    {
        ArgumentNullException.ThrowIfNull(x);
        throw new NotImplementedException("SpikeCodes.LinearLatency: compute t in float32, round half to even, and drop the inputs below θ and the times past T − 1; see its XML doc.");
    }

    /// <summary>
    /// Logarithmic latency code (snnTorch's defaults: <c>linear=False, normalize=False, clip=False</c>): x_c = max(x, f) with
    /// the float32 floor f = (float)(θ + 10⁻⁷), t = τ ln(x_c / (x_c − θ)) in float32 (a bright input fires early); the spike
    /// at round(min(t, T − 1)), none where round(t) &gt; T − 1. No clipping below θ.
    /// </summary>
    /// <remarks>
    /// Graded by <c>spiking-networks/SpikeCodesChecks.LogLatency</c>: log_time, edge_log_time (1e-5 abs where x &gt; f, 0.1 at
    /// the clamped entries) and log_step, edge_log_step exactly.
    /// </remarks>
    /// <param name="x">Intensities, any shape (float32).</param>
    /// <param name="steps">T (25).</param>
    /// <param name="tau">τ (5).</param>
    /// <param name="threshold">θ (0.01).</param>
    /// <returns>Times, steps and spikes [T, …].</returns>
    public static LatencyCode LogLatency(Tensor x, int steps, double tau = 5.0, double threshold = 0.01)
    {
        ArgumentNullException.ThrowIfNull(x);
        throw new NotImplementedException("SpikeCodes.LogLatency: clamp x from below at (float)(θ + 1e-7), t = τ ln(x_c/(x_c − θ)), round half to even, drop times past T − 1; see its XML doc.");
    }

    /// <summary>
    /// SpyTorch's firing-time code (tutorial 2, <c>current2firing_time</c>), in float64: t = T where x &lt; θ, else
    /// τ ln(x_c / (x_c − θ)) with x_c = max(x, θ + 10⁻⁷); the spike step is ⌊t⌋ (truncation) where ⌊t⌋ &lt; T, else −1.
    /// </summary>
    /// <remarks>
    /// Graded by <c>spiking-networks/SpikeCodesChecks.SpyTorchLatency</c>: spy_time (1e-4 abs) and spy_step exactly.
    /// </remarks>
    /// <param name="x">Intensities pixel / 255.0 in float64, any shape.</param>
    /// <param name="steps">T (100).</param>
    /// <param name="tau">τ (20).</param>
    /// <param name="threshold">θ (0.2).</param>
    /// <returns>Times (float64), steps and spikes [T, …] (float32).</returns>
    public static LatencyCode SpyTorchLatency(Tensor x, int steps, double tau = 20.0, double threshold = 0.2)
    {
        ArgumentNullException.ThrowIfNull(x);
        throw new NotImplementedException("SpikeCodes.SpyTorchLatency: work in float64; t = T below θ, else τ ln(x_c/(x_c − θ)); truncate to a step, −1 where it is ≥ T; see its XML doc.");
    }

    /// <summary>The spike train of spike steps: [T, …] with a 1 at step[i] for every i where step[i] ≥ 0.</summary>
    /// <param name="step">Steps (int64), −1 = none.</param>
    /// <param name="steps">T.</param>
    /// <param name="dtype">The spikes' dtype.</param>
    /// <returns>Spikes [T, …].</returns>
    public static Tensor SpikesAt(Tensor step, int steps, ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(step);
        using var scope = NewDisposeScope();
        var times = arange(steps, dtype: int64).reshape([steps, .. Enumerable.Repeat(1L, (int)step.dim())]);
        return times.eq(step.unsqueeze(0)).to(dtype).MoveToOuterDisposeScope();
    }
}
