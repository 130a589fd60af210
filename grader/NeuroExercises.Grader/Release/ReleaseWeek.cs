using NeuroExercises.Grader.Checks;
using NeuroExercises.Grader.Discovery;

namespace NeuroExercises.Grader.Release;

/// <summary>A week being released, with all its checks as the staff checks assembly declares them.</summary>
/// <param name="Week">The week.</param>
/// <param name="Checks">Every check of the week (discovered from the staff checks assembly).</param>
internal sealed record ReleaseWeek(WeekInfo Week, IReadOnlyList<CheckSpec> Checks)
{
    /// <summary>The checks that ship (students run them with <c>check</c>).</summary>
    public IReadOnlyList<CheckSpec> Shipped => [.. Checks.Where(ReleasePolicy.IsSelfCheckable)];

    /// <summary>The checks that do not ship: hidden ones and those with a trusted derive step.</summary>
    public IReadOnlyList<CheckSpec> Withheld => [.. Checks.Where(c => !ReleasePolicy.IsSelfCheckable(c))];
}
