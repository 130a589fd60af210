namespace NeuroExercises.Experiments;

/// <summary>The options of one <c>spiking-networks</c> run.</summary>
internal sealed record SpikingExperimentSettings(
    string OutFolder,
    int Hidden,
    int Epochs,
    int Batch,
    int Steps,
    double LearningRate,
    int? TrainLimit,
    long Seed,
    int Threads,
    bool SkipTraining = false,
    string Loss = "membrane");
