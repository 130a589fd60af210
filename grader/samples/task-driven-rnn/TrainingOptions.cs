namespace NeuroExercises.Week01.TaskDrivenRnn;

/// <summary>How <see cref="Trainer.Train"/> trains.</summary>
/// <param name="Epochs">Passes over the training conditions.</param>
/// <param name="LearningRate">Adam's learning rate.</param>
/// <param name="BatchSize">Sequences per step (condition × delay pairs).</param>
/// <param name="Seed">Seed of torch's generator for batch order (training is reproducible from it).</param>
/// <param name="WeightPenalty">λ_w on Σ B² + Σ W² (0 for the unregularised model).</param>
/// <param name="RatePenalty">λ_r on the normalised rate penalty R₁ (0 for the unregularised model).</param>
/// <param name="GradientClip">Max global gradient norm (0: no clipping).</param>
/// <param name="UseAllDelays">Train on every delay (InputsWithDelay) rather than the fixed delay only.</param>
public sealed record TrainingOptions(
    int Epochs = 200,
    double LearningRate = 1e-3,
    int BatchSize = 20,
    long Seed = 0,
    double WeightPenalty = 0,
    double RatePenalty = 0,
    double GradientClip = 1.0,
    bool UseAllDelays = true)
{
    /// <summary>The course's regularised set-up: λ_w = 1e-4, λ_r = 1e-4.</summary>
    public static TrainingOptions Regularized { get; } = new(WeightPenalty: 1e-4, RatePenalty: 1e-4);

    /// <summary>The course's unregularised set-up: MSE alone.</summary>
    public static TrainingOptions Unregularized { get; } = new();
}
