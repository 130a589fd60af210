namespace NeuroExercises.Bench;

/// <summary>What running bench_pytorch.py gave: its report and trajectory file, or why it failed and how to fix it.</summary>
/// <param name="Report">The parsed JSON, when it ran.</param>
/// <param name="TrajectoryPath">The .npz with its trajectory (outputs, hidden), when it ran.</param>
/// <param name="Error">What went wrong.</param>
/// <param name="Fix">How to fix it.</param>
internal sealed record PythonOutcome(PythonReport? Report, string? TrajectoryPath, string? Error, string? Fix);
