namespace NeuroExercises.Week02.BurstCreditAssignment;

/// <summary>How <see cref="BurstNetwork.Create"/> draws the weights.</summary>
/// <param name="WeightGain">Xavier-normal gain of W_l: std = gain·√(2 / (n_{l−1} + n_l)) (BurstCCN's goldens 3.6, Burstprop's 1).</param>
/// <param name="BiasStd">b_l ~ N(0, BiasStd²) (the published models start at 0).</param>
/// <param name="FeedbackStd">Y_h ~ N(0, FeedbackStd²) (the goldens: 1); null draws Y_h Xavier normal with gain 1, which keeps apical
/// inputs of wide layers in σ's linear range.</param>
/// <param name="RecurrentRange">R_h ~ U(−range, range) (Burstprop: 0.01).</param>
public sealed record NetworkInit(double WeightGain = 1.0, double BiasStd = 0.0, double? FeedbackStd = null, double RecurrentRange = 0.01);
