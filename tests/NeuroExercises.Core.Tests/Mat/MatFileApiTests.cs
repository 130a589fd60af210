using FluentAssertions;
using NeuroExercises.Core.Mat;
using TorchSharp;

namespace NeuroExercises.Core.Tests.Mat;

/// <summary>Lookup errors and conversions of the public API.</summary>
public sealed class MatFileApiTests
{
    private static MatFile Types => MatFile.Read(MatFixtures.Path("types_v5_compressed.mat"));

    [Fact]
    public void MissingVariableNamesFileAndVariablesPresent()
    {
        var act = () => Types["condsForSim"];

        act.Should().Throw<KeyNotFoundException>().WithMessage("*types_v5_compressed.mat: no variable 'condsForSim'; the file holds: dbl, sgl, i_int8,*sp.");
    }

    [Fact]
    public void WrongKindNamesVariableExpectedAndActualClass()
    {
        var act = () => Types.Get<MatStruct>("dbl");

        act.Should().Throw<DataFormatException>().WithMessage("*variable 'dbl' is a 2×3 double but a struct was expected*");
    }

    [Fact]
    public void UnknownFieldNamesFieldAndFieldsPresent()
    {
        var st = Types.Get<MatStruct>("st");

        var act = () => st["gamma"];

        act.Should().Throw<KeyNotFoundException>().WithMessage("The struct has no field 'gamma'; its fields are: alpha, inner.");
    }

    [Fact]
    public void DotAccessOnStructArrayIsRefused()
    {
        var conds = MatFile.Read(MatFixtures.Path("condsForSim_octave_v7.mat")).Get<MatStruct>("condsForSim");

        var act = () => conds["plan"];

        act.Should().Throw<InvalidOperationException>().WithMessage("*needs a 1×1 struct but this one is 4×2*");
    }

    [Fact]
    public void CubeToTensorKeepsMatlabIndexing()
    {
        var cube = Types.Get<MatNumeric>("cube");

        using var t = cube.ToTensor();

        t.shape.Should().Equal(2L, 3L, 4L);
        for (var i = 0; i < 2; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                for (var k = 0; k < 4; k++)
                {
                    t[i, j, k].item<double>().Should().Be(i + (2 * j) + (6 * k), "cube(i+1, j+1, k+1) = linear index in column-major order");
                }
            }
        }
    }

    [Fact]
    public void ComplexToTensorIsComplex128()
    {
        using var t = Types.Get<MatNumeric>("cplx").ToTensor();

        t.dtype.Should().Be(torch.ScalarType.ComplexFloat64);
        t.shape.Should().Equal(1L, 2L);
        using var imag = t.imag;
        imag.data<double>().ToArray().Should().Equal(2.0, -3.5);
    }

    [Fact]
    public void IntegerToTensorIsFloat64()
    {
        using var t = Types.Get<MatNumeric>("i_uint8").ToTensor();

        t.dtype.Should().Be(torch.ScalarType.Float64);
        t.data<double>().ToArray().Should().Equal(0, 0, 255);
    }

    [Fact]
    public void EmptyArrayHasZeroCountAndEmptyTensor()
    {
        var empty = Types.Get<MatNumeric>("empty");

        empty.IsEmpty.Should().BeTrue();
        using var t = empty.ToTensor();
        t.shape.Should().Equal(0L, 0L);
    }

    [Fact]
    public void SparseExposesCompressedColumns()
    {
        var sp = Types.Get<MatSparse>("sp");

        sp.Rows.Should().Be(2);
        sp.Columns.Should().Be(3);
        sp.NonZeroCount.Should().Be(2);
        sp.ColumnStarts.Should().Equal(0, 1, 1, 2); // dense column-major [0 4 | 0 0 | 3 0]
        sp.RowIndices.Should().Equal(1, 0);
        sp.RealValues.Should().Equal(4.0, 3.0);
    }
}
