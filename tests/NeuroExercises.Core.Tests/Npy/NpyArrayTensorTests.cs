using FluentAssertions;
using NeuroExercises.Core.Npy;
using TorchSharp;
using NpyFile = NeuroExercises.Core.Npy.Npy;

namespace NeuroExercises.Core.Tests.Npy;

public sealed class NpyArrayTensorTests
{
    [Theory]
    [InlineData("f32_c", torch.ScalarType.Float32)]
    [InlineData("f64_fortran", torch.ScalarType.Float64)]
    [InlineData("i32", torch.ScalarType.Int32)]
    [InlineData("i64_scalar", torch.ScalarType.Int64)]
    [InlineData("u8", torch.ScalarType.Byte)]
    [InlineData("bool", torch.ScalarType.Bool)]
    [InlineData("empty", torch.ScalarType.Float32)]
    public void ToTensorKeepsDtypeShapeAndValuesAndFromTensorInverts(string name, torch.ScalarType dtype)
    {
        var array = NpyFile.Read(NpyReaderTests.Fixture(name + ".npy"));

        using var tensor = array.ToTensor();

        tensor.dtype.Should().Be(dtype);
        tensor.device_type.Should().Be(DeviceType.CPU);
        tensor.shape.Should().Equal(array.Shape);
        var back = NpyArray.FromTensor(tensor);
        back.DType.Should().Be(array.DType);
        back.Shape.Should().Equal(array.Shape);
        back.Data.Should().BeEquivalentTo(array.Data, o => o.WithStrictOrdering());
    }

    [Fact]
    public void FortranArrayIndexesLikeNumPy()
    {
        using var tensor = NpyFile.Read(NpyReaderTests.Fixture("f64_fortran.npy")).ToTensor();

        // values_c_order[23] in truth.json is element [1, 2, 3].
        tensor[1, 2, 3].item<double>().Should().Be(-0.3961903304730927);
    }

    [Fact]
    public void ToTensorCopiesSoTheArrayStaysUnchanged()
    {
        var array = new NpyArray(NpyDType.Float32, [2], new[] { 1f, 2f });

        using (var tensor = array.ToTensor())
        {
            tensor.mul_(10);
        }

        array.AsSingles().Should().Equal(1f, 2f);
    }

    [Fact]
    public void FromTensorCopiesNonContiguousViewInLogicalOrder()
    {
        using var matrix = torch.arange(6, dtype: torch.float32).reshape(2, 3);
        using var transposed = matrix.t();
        transposed.is_contiguous().Should().BeFalse();

        var array = NpyArray.FromTensor(transposed);

        array.Shape.Should().Equal(3, 2);
        array.AsSingles().Should().Equal(0f, 3f, 1f, 4f, 2f, 5f);
    }

    [Fact]
    public void FromTensorLeavesNoTensorsBehind()
    {
        using var source = torch.ones(4, 4, dtype: torch.float64);
        using var transposed = source.t();
        using var view = transposed[1..];
        NpyArray.FromTensor(view);
        var before = torch.Tensor.TotalCount;

        var array = NpyArray.FromTensor(view);

        torch.Tensor.TotalCount.Should().Be(before);
        array.Shape.Should().Equal(3, 4);
    }

    [Fact]
    public void FromTensorRefusesUnsupportedDtypeNamingIt()
    {
        using var half = torch.ones(2, dtype: torch.float16);
        var act = () => NpyArray.FromTensor(half);

        act.Should().Throw<ArgumentException>().WithMessage("*Float16*");
    }

    [Fact]
    public void ConstructorRefusesMismatchedData()
    {
        var wrongType = () => new NpyArray(NpyDType.Float32, [2], new[] { 1.0, 2.0 });
        var wrongCount = () => new NpyArray(NpyDType.Float32, [2, 2], new[] { 1f, 2f });

        wrongType.Should().Throw<ArgumentException>().WithMessage("*Double*Float32*");
        wrongCount.Should().Throw<ArgumentException>().WithMessage("*(2, 2) needs 4 elements*holds 2*");
    }
}
