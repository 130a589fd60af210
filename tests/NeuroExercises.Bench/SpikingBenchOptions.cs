namespace NeuroExercises.Bench;

/// <summary>What the week-4 benchmark measures.</summary>
/// <param name="Threads">Intra-op threads on both sides.</param>
/// <param name="Repeats">Timed runs; the median is reported.</param>
/// <param name="Batch">Batch size.</param>
/// <param name="Steps">BPTT training steps (batches) per run.</param>
/// <param name="Hidden">Hidden LIF neurons H.</param>
/// <param name="JsonPath">Where to write the results as JSON, or null.</param>
/// <param name="Python">The interpreter that runs bench_spiking.py.</param>
/// <param name="SkipPython">Measure TorchSharp only.</param>
internal sealed record SpikingBenchOptions(int Threads, int Repeats, int Batch, int Steps, int Hidden, string? JsonPath, string Python, bool SkipPython);
