namespace NeuroExercises.Bench;

/// <summary>What one benchmark run measures.</summary>
/// <param name="Threads">Intra-op threads on both sides (torch.set_num_threads).</param>
/// <param name="Repeats">Timed repeats per case; the median is reported.</param>
/// <param name="Warmup">Untimed runs before the timed ones.</param>
/// <param name="Batch">Sequences per training step.</param>
/// <param name="JsonPath">Where to write the results as JSON, or null.</param>
/// <param name="Python">The interpreter that runs bench_pytorch.py.</param>
/// <param name="SkipPython">Measure TorchSharp only.</param>
/// <param name="Rounds">Week 3: run the two sides in turn this many times; the median of the rounds' ratios is reported.</param>
internal sealed record BenchOptions(int Threads, int Repeats, int Warmup, int Batch, string? JsonPath, string Python, bool SkipPython, int Rounds = 1);
