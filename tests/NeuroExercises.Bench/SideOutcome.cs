namespace NeuroExercises.Bench;

/// <summary>One side's result for one case: a timing, or why it could not run.</summary>
/// <param name="Timing">Times, when it ran.</param>
/// <param name="FirstLoss">Loss of the first training step (training cases), to check both sides agree.</param>
/// <param name="Error">Why it did not run.</param>
internal sealed record SideOutcome(CaseTiming? Timing, double? FirstLoss, string? Error);
