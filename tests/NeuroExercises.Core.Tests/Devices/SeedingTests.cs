using FluentAssertions;
using NeuroExercises.Core.Devices;
using NeuroExercises.Core.Npy;
using NeuroExercises.Tests.Shared;
using TorchSharp;

namespace NeuroExercises.Core.Tests.Devices;

[Collection(TorchGeneratorCollection.Name)]
public sealed class SeedingTests
{
    private static string ReferenceFile => RepoPaths.Reference(Path.Combine("rnn", "torch_rng_seed0.npz"));

    [Fact]
    public void SeedZeroReproducesPyTorchDraws()
    {
        // PyTorch: torch.manual_seed(0); randn(5); randn(4, 20); rand(5) — in that order, one seed.
        var golden = Npz.Read(ReferenceFile);
        golden.Keys.Should().BeEquivalentTo("randn_5", "randn_4x20", "rand_5");

        Seeding.Seed(0);
        using var randn5 = torch.randn(5);
        using var randn4x20 = torch.randn(4, 20);
        using var rand5 = torch.rand(5);

        AssertEqual(randn5, golden["randn_5"]);
        AssertEqual(randn4x20, golden["randn_4x20"]);
        AssertEqual(rand5, golden["rand_5"]);
    }

    [Fact]
    public void SameSeedGivesSameDrawsAndOtherSeedDiffers()
    {
        Seeding.Seed(1234);
        var a = torch.randn(16).data<float>().ToArray();
        Seeding.Seed(1234);
        var b = torch.randn(16).data<float>().ToArray();
        Seeding.Seed(1235);
        var c = torch.randn(16).data<float>().ToArray();

        b.Should().Equal(a);
        c.Should().NotEqual(a);
    }

    private static void AssertEqual(torch.Tensor actual, NpyArray expected)
    {
        actual.shape.Should().Equal(expected.Shape);
        expected.DType.Should().Be(NpyDType.Float32);
        // Bit for bit: the generators are the same code.
        actual.data<float>().ToArray().Should().Equal((float[])expected.Data);
    }
}
