namespace NeuroExercises.Grader.Authoring;

/// <summary>One generated output folder and its full content (relative path with '/' → text).</summary>
/// <param name="Dir">The folder (absolute).</param>
/// <param name="Files">Every file generation puts there; other files (but bin/ and obj/) are stale.</param>
internal sealed record GeneratedFolder(string Dir, IReadOnlyDictionary<string, string> Files);
