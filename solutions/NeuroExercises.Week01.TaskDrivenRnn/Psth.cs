using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn;

/// <summary>PSTH extraction from the recorded M1 data.</summary>
public static class Psth
{
    /// <summary>
    /// Aligns each neuron's PSTH of each condition to movement onset and keeps a common window:
    /// for every (n, c) the samples whose time relative to moveStarts, t − moveStart (ms, float64), rounded to the
    /// nearest whole ms with halves to even (torch's <c>round</c>, as NumPy's: −200.5 → −200, 600.5 → 600), lies in
    /// [<paramref name="fromMs"/>, <paramref name="toMs"/>] (both inclusive); all pairs must yield the same count
    /// (else an ArgumentException naming the neuron and condition). The rounding only selects samples: the returned
    /// times are the UNROUNDED relative times of neuron 0, condition 0, divided by 1000 (seconds).
    /// Graded by <c>task-driven-rnn/PsthChecks.Extract</c>.
    /// </summary>
    /// <param name="data">The recorded data.</param>
    /// <param name="fromMs">Window start relative to movement onset (ms).</param>
    /// <param name="toMs">Window end relative to movement onset (ms).</param>
    /// <returns>Rates [N, C, T'] float32 and times [T'] float64 (s).</returns>
    public static PsthData Extract(M1Reaching data, double fromMs = -200, double toMs = 600)
    {
        // BEGIN SOLUTION
        // STUB: align to moveStarts, keep the window, rates as float32, times in s.
        ArgumentNullException.ThrowIfNull(data);
        if (!(fromMs <= toMs))
        {
            throw new ArgumentException($"fromMs ({fromMs}) is after toMs ({toMs}); pass a window with fromMs ≤ toMs.", nameof(fromMs));
        }

        using var scope = NewDisposeScope();
        var times = data.TimesMs.to(float64);
        var relative = times - data.MoveStartsMs.to(float64).unsqueeze(-1);
        var rounded = relative.round();
        var keep = rounded.ge(fromMs).logical_and(rounded.le(toMs));
        var counts = keep.sum(-1);
        var expected = counts[0, 0].item<long>();
        var bad = counts.ne(expected).nonzero();
        if (bad.shape[0] > 0)
        {
            long n = bad[0, 0].item<long>(), c = bad[0, 1].item<long>();
            throw new ArgumentException(
                $"neuron {n}, condition {c}: {counts[n, c].item<long>()} samples lie in [{fromMs}, {toMs}] ms from movement onset, neuron 0, condition 0 has {expected}; choose a window inside every recording.",
                nameof(data));
        }

        if (expected == 0)
        {
            throw new ArgumentException($"no sample lies in [{fromMs}, {toMs}] ms from movement onset; choose a window inside the recordings.", nameof(data));
        }

        long neurons = times.shape[0], conditions = times.shape[1];
        var rates = data.Psth.to(float64).masked_select(keep).reshape(neurons, conditions, expected).to(float32);
        var windowTimes = relative[0, 0].masked_select(keep[0, 0]) / 1000.0;
        return new PsthData(rates.MoveToOuterDisposeScope(), windowTimes.MoveToOuterDisposeScope());
        // END SOLUTION
    }
}
