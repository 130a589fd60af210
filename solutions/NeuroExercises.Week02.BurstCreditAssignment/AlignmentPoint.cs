namespace NeuroExercises.Week02.BurstCreditAssignment;

/// <summary>One alignment measurement: after <paramref name="Step"/> learning steps, cos(ΔW_l, −∇W_l of backprop) per layer l = 0 … L.</summary>
/// <param name="Step">Learning steps taken so far.</param>
/// <param name="Epoch">Fractional epoch (Step × batch / training samples).</param>
/// <param name="Cosines">One cosine per layer (the output's is 1 for every rule).</param>
public sealed record AlignmentPoint(long Step, double Epoch, IReadOnlyList<double> Cosines);
