using System.Text.Json.Serialization;

namespace NeuroExercises.Bench;

/// <summary>One case in bench_pytorch.py's JSON.</summary>
internal sealed record PythonCase(
    [property: JsonPropertyName("median_ms")] double MedianMs,
    [property: JsonPropertyName("min_ms")] double MinMs,
    [property: JsonPropertyName("times_ms")] double[] TimesMs,
    [property: JsonPropertyName("first_loss")] double? FirstLoss);
