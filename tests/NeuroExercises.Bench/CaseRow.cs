namespace NeuroExercises.Bench;

/// <summary>One line of the table (and of the JSON).</summary>
/// <param name="Case">Case id (<see cref="CaseNames"/>).</param>
/// <param name="Threads">Threads on both sides.</param>
/// <param name="TorchSharpMs">Median, TorchSharp.</param>
/// <param name="PyTorchMs">Median, PyTorch.</param>
/// <param name="Ratio">TorchSharp / PyTorch.</param>
/// <param name="MeetsTarget">Ratio ≤ <see cref="BenchRun.TargetRatio"/>.</param>
/// <param name="TorchSharpMinMs">Fastest repeat, TorchSharp.</param>
/// <param name="PyTorchMinMs">Fastest repeat, PyTorch.</param>
/// <param name="TorchSharpFirstLoss">First training step's loss, TorchSharp.</param>
/// <param name="PyTorchFirstLoss">First training step's loss, PyTorch.</param>
/// <param name="TorchSharpError">Why the TorchSharp side did not run.</param>
internal sealed record CaseRow(
    string Case,
    int Threads,
    double? TorchSharpMs,
    double? PyTorchMs,
    double? Ratio,
    bool? MeetsTarget,
    double? TorchSharpMinMs,
    double? PyTorchMinMs,
    double? TorchSharpFirstLoss,
    double? PyTorchFirstLoss,
    string? TorchSharpError);
