namespace NeuroExercises.Grader.Judge;

/// <summary>One element of an output that is out of tolerance: where it is and both values.</summary>
/// <param name="Index">C-order multi-index of the element.</param>
/// <param name="Expected">The snapshot's value.</param>
/// <param name="Received">The submission's value.</param>
/// <param name="Error">|received − expected|; +∞ where one of them is NaN or infinite and they differ.</param>
internal sealed record ElementMiss(long[] Index, double Expected, double Received, double Error);
