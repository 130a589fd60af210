namespace NeuroExercises.Grader.Judge;

/// <summary>The outcome of comparing one output with its snapshot.</summary>
/// <param name="Output">The output name.</param>
/// <param name="Passed">True when names, dtype, shape and every element agree within tolerance.</param>
/// <param name="Message">Empty on a pass; otherwise what differs, with max errors and the first bad index.</param>
/// <param name="MaxAbsError">Largest |a − e| over finite pairs (NaN when not compared).</param>
/// <param name="MaxRelError">Largest |a − e| / |e| over finite pairs with e ≠ 0 (NaN when not compared).</param>
/// <param name="FirstBadIndex">C-order multi-index of the first element out of tolerance, or null.</param>
internal sealed record Comparison(string Output, bool Passed, string Message, double MaxAbsError, double MaxRelError, long[]? FirstBadIndex);
