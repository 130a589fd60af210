namespace NeuroExercises.Grader.Authoring;

/// <summary>The mutants run of one week.</summary>
/// <param name="Checks">Every check id of the week, in order.</param>
/// <param name="Outcomes">One per mutant, in mutants.json order.</param>
/// <param name="Reasons">mutants.json's checksWithoutMutant.</param>
/// <param name="Problems">What makes the run fail (an uncaught mutant, a check with neither a mutant nor a reason, …); empty when it passes.</param>
internal sealed record MutantReport(
    IReadOnlyList<string> Checks,
    IReadOnlyList<MutantOutcome> Outcomes,
    IReadOnlyDictionary<string, string> Reasons,
    IReadOnlyList<string> Problems)
{
    /// <summary>Checks that no mutant catches.</summary>
    public IReadOnlyList<string> Uncatching => [.. Checks.Where(c => !Outcomes.Any(o => o.CaughtBy.Contains(c)))];
}
