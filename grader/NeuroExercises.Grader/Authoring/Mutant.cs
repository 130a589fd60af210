namespace NeuroExercises.Grader.Authoring;

/// <summary>One wrong variant of the solution: a single exact text replacement in one solution file.</summary>
/// <param name="Name">Short id, e.g. <c>biased-std</c>.</param>
/// <param name="Description">The mistake in words (shown in the mutants table and the sample's README).</param>
/// <param name="File">The file, relative to the solutions project.</param>
/// <param name="Find">Exact text that occurs exactly once in that file.</param>
/// <param name="Replace">What it becomes.</param>
/// <param name="KnownGap">
/// Set only while no check can catch this mistake: why, and which check input would. The mutants run fails when such a
/// mutant is caught after all (the gap was closed: remove this field).
/// </param>
internal sealed record Mutant(string Name, string Description, string File, string Find, string Replace, string? KnownGap = null);
