using static TorchSharp.torch;

namespace NeuroExercises.Week06.LearningRules;

/// <summary>What <see cref="RuleTrainer.Train"/> records (float64).</summary>
/// <param name="Losses">L on each batch with the weights before its update [epochs · batches].</param>
/// <param name="TestAccuracy">Accuracy on the test set after each epoch (percent, the tie rule) [epochs].</param>
/// <param name="TestLoss">L on the test set after each epoch [epochs].</param>
/// <param name="Cosine">After each epoch, cos(the rule's ΔW_h on the whole test set, backprop's ΔW_h there) [epochs].</param>
/// <param name="Snr">The SNR of ΔW_h over test images one at a time before training (NaN for weight perturbation).</param>
/// <param name="Wh">W_h after training.</param>
/// <param name="Wy">W_y after training.</param>
/// <param name="B">B after training (changed only by Kolen–Pollack).</param>
/// <param name="LossFinal">L on the whole training set after training.</param>
public sealed record RuleTrainingRun(double[] Losses, double[] TestAccuracy, double[] TestLoss, double[] Cosine, double Snr, Tensor Wh, Tensor Wy, Tensor B, double LossFinal);
