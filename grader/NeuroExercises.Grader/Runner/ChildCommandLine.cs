namespace NeuroExercises.Grader.Runner;

/// <summary>A program, its arguments and its environment (already emptied to what the child needs).</summary>
/// <param name="FileName">The program.</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="Environment">The whole environment of the child.</param>
internal sealed record ChildCommandLine(string FileName, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment);
