using FluentAssertions;
using NeuroExercises.Core.Devices;
using static TorchSharp.torch;

namespace NeuroExercises.Core.Tests.Devices;

/// <summary>
/// MKL's vendor override (<see cref="MklKernels"/>): where setup.sh built the library (AMD processors) it is loaded before
/// libtorch in this test process (tests/Shared/MklKernelsFirst.cs) and MKL leaves its generic branch, with the same numbers
/// to float32 rounding; without the library or with NEURO_MKL_GENERIC set, loading says why and changes nothing.
/// </summary>
public sealed class MklKernelsTests
{
    private static string Built => Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", MklKernels.LibraryName);

    private static bool CpuHas(string flag) =>
        File.Exists("/proc/cpuinfo") && File.ReadLines("/proc/cpuinfo").Any(l => l.StartsWith("flags", StringComparison.Ordinal) && l.Split(' ').Contains(flag));

    [Fact]
    public void WhereSetupBuiltTheLibraryMklLeavesItsGenericBranch()
    {
        if (!File.Exists(Built))
        {
            Assert.Skip($"{MklKernels.LibraryName} is not in the build output (setup.sh builds it on AMD x86-64 processors only): MKL keeps its own choice here.");
        }

        MklKernels.Status.Should().StartWith("loaded ", "the test assembly's module initializer loads it before any test touches libtorch");
        if (CpuHas("avx2"))
        {
            MklKernels.Branch().Should().BeGreaterThan(0, "this processor has AVX2, so MKL's branch is chosen by features, not the generic one (0)");
        }

        MklKernels.Describe().Should().Contain("kernel branch").And.Contain("chosen by CPU features");
    }

    [Fact]
    public void ProductsAgreeWithADoublePrecisionReferenceToFloat32Rounding()
    {
        // Whatever branch MKL runs, a 32×784 · 784×256 product stays within float32 accumulation error of float64.
        using var scope = NewDisposeScope();
        var generator = new TorchSharp.torch.Generator(7);
        var x = randn([32, 784], generator: generator);
        var w = randn([256, 784], generator: generator);
        var single = x.matmul(w.t());
        var reference = x.to(float64).matmul(w.to(float64).t());
        var error = (single.to(float64) - reference).abs().max().item<double>();
        error.Should().BeLessThan(1e-3, "28 · sqrt(784) ≈ 28 is the scale of the entries; float32 accumulation stays far below 1e-3 of it");
        error.Should().BeGreaterThan(0, "a float32 product is not bit-equal to the float64 one (the comparison is not vacuous)");
    }

    [Fact]
    public void WithoutTheLibraryLoadingSaysWhyAndChangesNothing()
    {
        var empty = Directory.CreateTempSubdirectory("neuro-mkl-").FullName;
        try
        {
            var status = MklKernels.Load(empty);
            if (OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64
                && Environment.GetEnvironmentVariable(MklKernels.GenericVariable) is null or "" or "0")
            {
                status.Should().StartWith("not built").And.Contain("setup.sh");
            }
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Fact]
    public void TheGenericVariableTurnsTheOverrideOff()
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            Assert.Skip("the override exists on x64 Linux only");
        }

        var before = Environment.GetEnvironmentVariable(MklKernels.GenericVariable);
        try
        {
            Environment.SetEnvironmentVariable(MklKernels.GenericVariable, "1");
            MklKernels.Load(AppContext.BaseDirectory).Should().StartWith($"off ({MklKernels.GenericVariable}=1)");
        }
        finally
        {
            Environment.SetEnvironmentVariable(MklKernels.GenericVariable, before);
        }
    }
}
