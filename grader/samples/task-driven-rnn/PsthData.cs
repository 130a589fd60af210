using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn;

/// <summary>Peri-stimulus time histograms aligned to movement onset.</summary>
/// <param name="Rates">Firing rates, [N, C, T'] (Hz), float32.</param>
/// <param name="Times">Time from movement onset, [T'] (s), float64.</param>
public sealed record PsthData(Tensor Rates, Tensor Times);
