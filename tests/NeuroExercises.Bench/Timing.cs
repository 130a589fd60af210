using System.Diagnostics;

namespace NeuroExercises.Bench;

/// <summary>Warm-up, then the median of N timed repeats (the same protocol as bench_pytorch.py).</summary>
internal static class Timing
{
    /// <summary>Runs <paramref name="action"/> <paramref name="warmup"/> times untimed, then <paramref name="repeats"/> times timed.</summary>
    public static CaseTiming Measure(Action action, int warmup, int repeats)
    {
        for (var i = 0; i < warmup; i++)
        {
            action();
        }

        var times = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return CaseTiming.From(times);
    }
}
