namespace NeuroExercises.Grader.Release;

/// <summary>A body a release must not hold.</summary>
/// <param name="Source">Where it comes from (file:line Type.Method), for the message.</param>
/// <param name="Normalised">The normalised body (see <see cref="MethodBodies"/>).</param>
/// <param name="Region">The normalised // BEGIN SOLUTION region, when the body has one.</param>
internal sealed record ReferenceBody(string Source, string Normalised, string? Region);
