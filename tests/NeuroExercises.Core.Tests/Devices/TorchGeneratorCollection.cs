namespace NeuroExercises.Core.Tests.Devices;

/// <summary>
/// Tests that seed libtorch's one global CPU generator and then draw from it. xunit runs test classes in parallel,
/// so two such classes interleave their draws and get each other's numbers; this collection runs them on their own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchGeneratorCollection
{
    public const string Name = "torch global generator";
}
