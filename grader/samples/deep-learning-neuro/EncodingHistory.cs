using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro;

/// <summary>The loss curves of <see cref="EncodingModel.Train"/>.</summary>
/// <param name="TrainLoss">The regularised training loss before each step [steps] (float32).</param>
/// <param name="TestLoss">The regularised loss on the test responses after step i, at i = 0 and every i with (i + 1) a
/// multiple of the test interval; NaN elsewhere [steps] (float32).</param>
public sealed record EncodingHistory(Tensor TrainLoss, Tensor TestLoss);
