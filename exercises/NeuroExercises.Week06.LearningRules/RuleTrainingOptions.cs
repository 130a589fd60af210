namespace NeuroExercises.Week06.LearningRules;

/// <summary>The training loop's settings (mlp_training.npz: η = 0.05, σ = 0.1, λ = 0.1, 4 epochs).</summary>
/// <param name="LearningRate">η (also Kolen–Pollack's η_back).</param>
/// <param name="Sigma">σ of the perturbation rules' noise (the noise source must draw with it).</param>
/// <param name="KpDecay">λ, Kolen–Pollack's decay.</param>
/// <param name="Epochs">Passes over the fixed batches.</param>
/// <param name="SnrSamples">Test images for the SNR before training (0, or more than there are: all; the SNR is skipped for weight perturbation).</param>
public sealed record RuleTrainingOptions(double LearningRate, double Sigma, double KpDecay, int Epochs, int SnrSamples = 0);
