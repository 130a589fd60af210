using System.Runtime.CompilerServices;

namespace NeuroExercises.Tests.Shared;

/// <summary>
/// Runs <see cref="NeuroExercises.Core.Devices.MklKernels.UseCpuFeatures"/> when the test assembly loads, before any test
/// touches libtorch: the tests then run the MKL kernels the grader, its runner children, the benchmarks and the experiments
/// run (the grader's trusted derive step re-runs training in the test process and compares with a child's run).
/// Linked into every test project by Directory.Build.targets.
/// </summary>
internal static class MklKernelsFirst
{
#pragma warning disable CA2255 // a test executable, not a library: the point is to run before anything else
    [ModuleInitializer]
    internal static void UseCpuFeatures() => NeuroExercises.Core.Devices.MklKernels.UseCpuFeatures();
#pragma warning restore CA2255
}
