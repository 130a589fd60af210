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
        throw new NotImplementedException("Psth.Extract: align to moveStarts, keep the window, rates as float32, times in s; see its XML doc.");
    }
}
