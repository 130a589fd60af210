namespace NeuroExercises.Grader.Authoring;

/// <summary>The grade a sample must get.</summary>
/// <param name="Score">Points.</param>
/// <param name="MaxScore">Points available.</param>
/// <param name="Failing">Every check that does not pass, by id, with its outcome word (mismatch, threw, …).</param>
internal sealed record SampleExpectation(double Score, double MaxScore, IReadOnlyDictionary<string, string> Failing);
