namespace NeuroExercises.Grader.Judge;

/// <summary>The outcome of comparing one output with its snapshot.</summary>
/// <param name="Output">The output name.</param>
/// <param name="Passed">True when names, dtype, shape and every element agree within tolerance.</param>
/// <param name="Message">Empty on a pass; otherwise what differs, with max errors and the first bad index.</param>
/// <param name="MaxAbsError">Largest |a − e| over finite pairs (NaN when not compared).</param>
/// <param name="MaxRelError">Largest |a − e| / |e| over finite pairs with e ≠ 0 (NaN when not compared).</param>
/// <param name="FirstBadIndex">C-order multi-index of the first element out of tolerance, or null.</param>
internal sealed record Comparison(string Output, bool Passed, string Message, double MaxAbsError, double MaxRelError, long[]? FirstBadIndex)
{
    /// <summary>The tolerance applied (exact dtypes: 0, 0); null when the values were not compared (name, dtype or shape differ).</summary>
    public Discovery.OutputTolerance? Tolerance { get; init; }

    /// <summary>The element out of tolerance with the largest error (a NaN or ∞ mismatch counts as largest); null on a pass or when not compared.</summary>
    public ElementMiss? Worst { get; init; }

    /// <summary>How many elements are out of tolerance (0 when not compared).</summary>
    public long BadCount { get; init; }

    /// <summary>How many elements were compared (0 when not compared).</summary>
    public long Count { get; init; }
}
