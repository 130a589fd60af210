using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro;

/// <summary>The loss curves of <see cref="OrientationClassifier.Train"/>.</summary>
/// <param name="TrainLoss">The (regularised) training loss before each step [iterations] (float32).</param>
/// <param name="TestLoss">The (regularised) test loss after each step [iterations] (float32).</param>
public sealed record ClassifierHistory(Tensor TrainLoss, Tensor TestLoss);
