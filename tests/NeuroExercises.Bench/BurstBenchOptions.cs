namespace NeuroExercises.Bench;

/// <summary>What the week-2 benchmark measures.</summary>
/// <param name="Threads">Intra-op threads on both sides.</param>
/// <param name="Repeats">Timed epochs per rule; the median is reported.</param>
/// <param name="Batch">Batch size.</param>
/// <param name="Samples">Training images in the epoch.</param>
/// <param name="Hidden">Hidden sizes, comma-separated.</param>
/// <param name="JsonPath">Where to write the results as JSON, or null.</param>
/// <param name="Python">The interpreter that runs bench_burst.py.</param>
/// <param name="SkipPython">Measure TorchSharp only.</param>
/// <param name="Rounds">
/// Weeks 2 and 6: how many times to run both sides in turn (TorchSharp, PyTorch, TorchSharp, …); each round gives a ratio and the
/// median of the rounds' ratios is reported, so that a drift of the machine's speed between the two sides' turns (measured
/// here: the same epoch 500–800 ms minutes apart) does not decide the ratio.
/// </param>
internal sealed record BurstBenchOptions(int Threads, int Repeats, int Batch, int Samples, string Hidden, string? JsonPath, string Python, bool SkipPython, int Rounds = 1);
