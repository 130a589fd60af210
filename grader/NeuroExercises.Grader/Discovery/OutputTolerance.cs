namespace NeuroExercises.Grader.Discovery;

/// <summary>|a − e| ≤ Atol + Rtol·|e| for one output on one device.</summary>
/// <param name="Atol">Absolute tolerance.</param>
/// <param name="Rtol">Relative tolerance.</param>
internal sealed record OutputTolerance(double Atol, double Rtol);
