namespace NeuroExercises.Week02.BurstCreditAssignment;

/// <summary>What <see cref="BurstTrainer.Train"/> measured. Index 0 of the per-epoch lists is before training, index e after epoch e.</summary>
/// <param name="TrainLoss">Loss on the training probe (the first ProbeSize training samples), Epochs + 1 values.</param>
/// <param name="TestLoss">Loss on the test set, Epochs + 1 values.</param>
/// <param name="TestAccuracy">Fraction of test samples whose largest output is the label, Epochs + 1 values.</param>
/// <param name="Alignment">Alignment measurements over training (step, then per layer the cosine of the rule's ΔW_l with −∂loss/∂W_l of backprop on the probe).</param>
/// <param name="Seconds">Wall time of the training (measurements included).</param>
public sealed record TrainingHistory(
    IReadOnlyList<double> TrainLoss,
    IReadOnlyList<double> TestLoss,
    IReadOnlyList<double> TestAccuracy,
    IReadOnlyList<AlignmentPoint> Alignment,
    double Seconds);
