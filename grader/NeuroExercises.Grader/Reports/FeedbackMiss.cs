using NeuroExercises.Grader.Discovery;
using NeuroExercises.Grader.Judge;

namespace NeuroExercises.Grader.Reports;

/// <summary>One output of a visible check that differs from the reference.</summary>
/// <param name="Output">The output name.</param>
/// <param name="Problem">For a missing or extra output, a wrong dtype or shape: the judge's sentence; empty when values were compared.</param>
/// <param name="Worst">The element with the largest error (null when values were not compared).</param>
/// <param name="Tolerance">The tolerance applied (null when values were not compared).</param>
/// <param name="BadCount">Elements out of tolerance.</param>
/// <param name="Count">Elements compared.</param>
internal sealed record FeedbackMiss(string Output, string Problem, ElementMiss? Worst, OutputTolerance? Tolerance, long BadCount, long Count);
