using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro;

/// <summary>
/// The 6° bins of the recording, each averaged over a disjoint random half of the trials (the course's
/// <c>W3D4_stringer_oribinned6_split.npz</c> layout): the encoding model is fitted to one half and tested on the other.
/// </summary>
/// <param name="RespTrain">resp_train [n stimuli, n neurons] (float32).</param>
/// <param name="RespTest">resp_test [n stimuli, n neurons] (float32).</param>
/// <param name="Stimuli">stimuli [n stimuli] (float64, degrees: 0, 6, …, 354).</param>
public sealed record SplitRecording(Tensor RespTrain, Tensor RespTest, Tensor Stimuli);
