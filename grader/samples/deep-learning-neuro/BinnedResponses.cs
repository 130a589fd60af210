using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro;

/// <summary>Responses re-binned to a coarser orientation grid.</summary>
/// <param name="Resp">Mean response of each non-empty bin [n bins, n neurons] (float32).</param>
/// <param name="Stimuli">Mean stimulus of each non-empty bin, as a column [n bins, 1] (float32, degrees).</param>
public sealed record BinnedResponses(Tensor Resp, Tensor Stimuli);
