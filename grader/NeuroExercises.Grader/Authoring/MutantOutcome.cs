namespace NeuroExercises.Grader.Authoring;

/// <summary>What grading one mutant gave.</summary>
/// <param name="Mutant">The mutant.</param>
/// <param name="CaughtBy">Checks that pass on the solutions and fail on the mutant (their ids, in check order).</param>
/// <param name="Score">The mutant's score.</param>
/// <param name="Message">The grade's top-level message (a compile error of the mutated solution); empty when none.</param>
/// <param name="Seconds">Wall time of the grade.</param>
internal sealed record MutantOutcome(Mutant Mutant, IReadOnlyList<string> CaughtBy, double Score, string Message, double Seconds);
