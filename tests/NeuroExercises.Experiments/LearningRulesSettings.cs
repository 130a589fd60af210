namespace NeuroExercises.Experiments;

/// <summary>The <c>learning-rules</c> command's options.</summary>
/// <param name="OutFolder">Where the figures go.</param>
/// <param name="Epochs">Epochs over the fixed batches.</param>
/// <param name="Hidden">Hidden units.</param>
/// <param name="Batch">Batch size.</param>
/// <param name="LearningRate">η of every rule.</param>
/// <param name="TrainLimit">Training images (0: all).</param>
/// <param name="Seed">Seed.</param>
/// <param name="Threads">torch threads.</param>
/// <param name="KpDecays">The decays λ of the Kolen–Pollack study (empty: no study).</param>
internal sealed record LearningRulesSettings(string OutFolder, int Epochs, int Hidden, int Batch, double LearningRate, int TrainLimit, int Seed, int Threads, double[] KpDecays);
