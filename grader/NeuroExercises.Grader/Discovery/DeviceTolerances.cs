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

    /// <summary>The tolerances on <paramref name="device"/> as text, e.g. "atol 1E-06, rtol 0; grad_J: atol 1E-05, rtol 0.0001".</summary>
    /// <param name="device">cpu or cuda.</param>
    /// <returns>The description.</returns>
    public string Describe(string device)
    {
        var cuda = string.Equals(device, "cuda", StringComparison.Ordinal);
        var all = cuda ? Cuda : Cpu;
        var map = cuda ? CudaByOutput : CpuByOutput;
        static string Text(OutputTolerance t) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"atol {t.Atol:G3}, rtol {t.Rtol:G3}");
        return string.Join("; ", new[] { Text(all) }.Concat(map.Select(kv => $"{kv.Key}: {Text(kv.Value)}")));
    }
}
