namespace NeuroExercises.Week02.BurstCreditAssignment;

/// <summary>How <see cref="BurstTrainer.Train"/> trains.</summary>
/// <param name="Rule">Which learning rule.</param>
/// <param name="Epochs">Passes over the training set.</param>
/// <param name="BatchSize">Samples per step.</param>
/// <param name="Seed">Seed of torch's generator for the batch order (training is reproducible from it and the network).</param>
/// <param name="GradientLearningRate">SGD step of backprop and feedback alignment on the mean-squared loss (mean over N × 10). The
/// default 2.5 = 5 p̄ η makes their output-layer step equal BurstCCN's at η = 1, p̄ = 0.5:
/// −2.5 ∂loss/∂W_L = η p̄ ((T − E_L) ⊙ E_L ⊙ (1 − E_L))ᵀ E_{L−1} / N.</param>
/// <param name="BurstCcn">BurstCCN's hyperparameters (null: <see cref="DefaultBurstCcn"/>).</param>
/// <param name="Burstprop">Burstprop's hyperparameters (null: <see cref="DefaultBurstprop"/>).</param>
/// <param name="ProbeSize">Training samples (the first ones) on which the loss and the alignment are measured.</param>
/// <param name="AlignmentInterval">Measure the alignment with backprop every this many steps (0: only at epoch ends).</param>
public sealed record TrainingOptions(
    LearningRule Rule,
    int Epochs = 5,
    int BatchSize = 32,
    long Seed = 0,
    double GradientLearningRate = 2.5,
    BurstCcnOptions? BurstCcn = null,
    BurstpropOptions? Burstprop = null,
    int ProbeSize = 1000,
    int AlignmentInterval = 0)
{
    /// <summary>
    /// BurstCCN for Fashion-MNIST without momentum: p̄ = 0.5, β = 4, η = 1 in every layer (10× the goldens' 0.1, for a few
    /// epochs of plain SGD), Y and Q learning off (the published trainer's default).
    /// </summary>
    public static BurstCcnOptions DefaultBurstCcn { get; } = new(LearningRates: [1.0], LearningRateY: 0, LearningRateQ: 0);

    /// <summary>
    /// Burstprop for Fashion-MNIST without momentum: p̄ = 0.2, η = 0.3 (hidden) and 0.08 (output) summed over the batch
    /// (the published MNIST step 0.1, 0.1, 0.01 runs with momentum 0.8), η_R = 1e-4, feedback learning off.
    /// </summary>
    public static BurstpropOptions DefaultBurstprop { get; } = new(LearningRates: [0.3, 0.3, 0.08]);

    /// <summary>
    /// Per-layer SGD steps of backprop and feedback alignment, layer 0 … L (null or empty: <see cref="GradientLearningRate"/> in
    /// every layer; one value: that value in every layer).
    /// </summary>
    public IReadOnlyList<double>? GradientLearningRates { get; init; }

    /// <summary>η_l of backprop and feedback alignment in layer <paramref name="layer"/>: <see cref="GradientLearningRates"/>[l] when
    /// given, else <see cref="GradientLearningRate"/>.</summary>
    /// <param name="layer">l = 0 … L.</param>
    /// <returns>The layer's learning rate.</returns>
    public double GradientLearningRateOf(int layer) => Rates.LearningRateOf(GradientLearningRates, layer, GradientLearningRate);

    /// <summary>BurstCCN's options in effect: <see cref="BurstCcn"/> or <see cref="DefaultBurstCcn"/>.</summary>
    public BurstCcnOptions BurstCcnInEffect => BurstCcn ?? DefaultBurstCcn;

    /// <summary>Burstprop's options in effect: <see cref="Burstprop"/> or <see cref="DefaultBurstprop"/>.</summary>
    public BurstpropOptions BurstpropInEffect => Burstprop ?? DefaultBurstprop;
}
