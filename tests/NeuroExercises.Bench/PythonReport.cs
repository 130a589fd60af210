using System.Text.Json.Serialization;

namespace NeuroExercises.Bench;

/// <summary>The JSON bench_pytorch.py prints.</summary>
internal sealed record PythonReport(
    [property: JsonPropertyName("torch")] string Torch,
    [property: JsonPropertyName("python")] string Python,
    [property: JsonPropertyName("threads")] int Threads,
    [property: JsonPropertyName("blas")] string Blas,
    [property: JsonPropertyName("matmul_27x150x150_us")] double MatmulProbeUs,
    [property: JsonPropertyName("cases")] Dictionary<string, PythonCase> Cases);
