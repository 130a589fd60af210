using NeuroExercises.Week01.TaskDrivenRnn;
using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn.Checks;

// LEAK FIXTURE: this file names a hidden check: TrajectoryGeneratorChecks.FullChaotic.

/// <summary>Checks of the PSTH extraction from the M1 reaching data.</summary>
[WeekChecks(CheckKit.Week)]
public static class PsthChecks
{
}
