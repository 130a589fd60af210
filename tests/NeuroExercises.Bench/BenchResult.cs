namespace NeuroExercises.Bench;

/// <summary>Everything one run measured (the --json file).</summary>
internal sealed record BenchResult(
    string Machine,
    int ProcessorCount,
    string? LoadAverage,
    string TorchSharp,
    string? PyTorch,
    string? Blas,
    double? MatmulProbeUs,
    int Repeats,
    int Warmup,
    int Batch,
    double TargetRatio,
    IReadOnlyList<CaseRow> Cases,
    TrajectoryAgreement? Trajectory,
    string? PythonError,
    string? PythonFix);
