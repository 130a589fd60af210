namespace NeuroExercises.Week01.TaskDrivenRnn;

internal static class CondsForSimLoader
{
    internal static CondsForSim Load(string matPath) => throw new InvalidOperationException($"reading {matPath}: the MAT loader is being written");
}

internal static class M1ReachingLoader
{
    internal static M1Reaching Load(string matPath) => throw new InvalidOperationException($"reading {matPath}: the MAT loader is being written");
}
