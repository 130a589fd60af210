using FluentAssertions;
using NeuroExercises.Core.Devices;
using TorchSharp;

namespace NeuroExercises.Core.Tests.Devices;

public sealed class DeviceChoiceTests
{
    [Theory]
    [InlineData("cpu")]
    [InlineData("CPU")]
    [InlineData(" Cpu ")]
    public void CpuParsesCaseInsensitively(string value)
    {
        var choice = DeviceChoice.Parse(value, "--device", () => true);

        choice.Requested.Should().Be(DeviceKind.Cpu);
        choice.Name.Should().Be("cpu");
        choice.Device.type.Should().Be(DeviceType.CPU);
    }

    [Theory]
    [InlineData("auto", false, "cpu")]
    [InlineData("AUTO", true, "cuda")]
    [InlineData("Auto", false, "cpu")]
    public void AutoFollowsCudaAvailability(string value, bool cuda, string expected)
    {
        var choice = DeviceChoice.Parse(value, "--device", () => cuda);

        choice.Requested.Should().Be(DeviceKind.Auto);
        choice.Name.Should().Be(expected);
        choice.Device.type.Should().Be(cuda ? DeviceType.CUDA : DeviceType.CPU);
    }

    [Fact]
    public void CudaResolvesToCudaWhenAvailable()
    {
        var choice = DeviceChoice.Parse("Cuda", "--device", () => true);

        choice.Name.Should().Be("cuda");
        choice.Device.type.Should().Be(DeviceType.CUDA);
        choice.Device.index.Should().Be(0);
    }

    [Fact]
    public void CudaWithoutDeviceSaysUseCpu()
    {
        var act = () => DeviceChoice.Parse("cuda", "--device", () => false);

        act.Should().Throw<ArgumentException>()
            .WithMessage("--device cuda: no CUDA device*libtorch-cuda*Use --device cpu*");
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("cuda:1")]
    public void UnknownValueNamesTheFlag(string? value)
    {
        var act = () => DeviceChoice.Parse(value, "--dev", () => true);

        act.Should().Throw<ArgumentException>()
            .WithMessage($"--dev: '{value}' is not a device; use --dev cpu, --dev cuda or --dev auto.*");
    }

    [Fact]
    public void AutoOnThisMachineMatchesTorch()
    {
        // The public overload asks libtorch; the test machine carries the CPU-only libtorch.
        var choice = DeviceChoice.Parse("auto");

        choice.Name.Should().Be(torch.cuda.is_available() ? "cuda" : "cpu");
    }
}
