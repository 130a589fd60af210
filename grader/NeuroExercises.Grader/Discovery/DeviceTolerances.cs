namespace NeuroExercises.Grader.Discovery;

/// <summary>
/// Tolerances of a check on CPU and CUDA: a default for every output plus per-output overrides.
/// CUDA values left unset (NaN) in the attributes are 10 × the CPU ones (TF32 matmuls, other reduction orders).
/// </summary>
/// <param name="Cpu">Default on CPU.</param>
/// <param name="Cuda">Default on CUDA.</param>
/// <param name="CpuByOutput">Per-output CPU overrides.</param>
/// <param name="CudaByOutput">Per-output CUDA overrides.</param>
internal sealed record DeviceTolerances(
    OutputTolerance Cpu,
    OutputTolerance Cuda,
    IReadOnlyDictionary<string, OutputTolerance> CpuByOutput,
    IReadOnlyDictionary<string, OutputTolerance> CudaByOutput)
{
    /// <summary>Factor from a CPU tolerance to the CUDA default.</summary>
    public const double CudaFactor = 10;

    /// <summary>The tolerance of <paramref name="output"/> on <paramref name="device"/> ("cpu" or "cuda").</summary>
    public OutputTolerance For(string output, string device)
    {
        var cuda = string.Equals(device, "cuda", StringComparison.Ordinal);
        var map = cuda ? CudaByOutput : CpuByOutput;
        return map.TryGetValue(output, out var t) ? t : cuda ? Cuda : Cpu;
    }
}
