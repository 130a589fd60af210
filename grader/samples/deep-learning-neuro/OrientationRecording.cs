using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro;

/// <summary>
/// A V1 population's mean responses to drifting gratings, one row per orientation bin (the course's
/// <c>W3D4_stringer_oribinned1.npz</c> layout, or its synthetic stand-in).
/// </summary>
/// <param name="Resp">resp [n stimuli, n neurons] (float32, z-scored per neuron, averaged per bin).</param>
/// <param name="Stimuli">stimuli [n stimuli] (float64, degrees: 0, 1, …, 359).</param>
public sealed record OrientationRecording(Tensor Resp, Tensor Stimuli);
