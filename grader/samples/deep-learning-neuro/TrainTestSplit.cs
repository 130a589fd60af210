using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro;

/// <summary>The course's train/test split of the stimuli (Tutorial 1's <c>get_data</c>).</summary>
/// <param name="RespTrain">resp[itrain] [n_train, n neurons] (float32).</param>
/// <param name="RespTest">resp[itest] [n − n_train, n neurons] (float32).</param>
/// <param name="StimuliTrain">stimuli[itrain] as a column [n_train, 1] (float32, degrees).</param>
/// <param name="StimuliTest">stimuli[itest] as a column [n − n_train, 1] (float32, degrees).</param>
/// <param name="TrainIndices">itrain = the first n_train entries of the shuffle [n_train] (int64).</param>
/// <param name="TestIndices">itest = the other entries of the shuffle [n − n_train] (int64).</param>
public sealed record TrainTestSplit(Tensor RespTrain, Tensor RespTest, Tensor StimuliTrain, Tensor StimuliTest, Tensor TrainIndices, Tensor TestIndices);
