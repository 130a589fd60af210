using NeuroExercises.Tests.Shared;

namespace NeuroExercises.Core.Tests.Mat;

/// <summary>Paths of the MAT fixtures in ../shared/fixtures/mat (written by scipy, Octave and h5py).</summary>
internal static class MatFixtures
{
    public static string Path(string fileName) => RepoPaths.Fixture(System.IO.Path.Combine("mat", fileName));
}
