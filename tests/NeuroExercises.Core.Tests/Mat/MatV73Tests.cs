using FluentAssertions;
using NeuroExercises.Core.Mat;

namespace NeuroExercises.Core.Tests.Mat;

/// <summary>The v7.3 (HDF5) fixture written by h5py with MATLAB's 512-byte header.</summary>
public sealed class MatV73Tests
{
    [Fact]
    public void ReadsV73DatasetsTransposedBack()
    {
        var mat = MatFile.Read(MatFixtures.Path("types_v73.mat"));

        mat.Version.Should().Be(73);
        mat.Variables.Keys.Should().BeEquivalentTo("dbl", "sgl", "st");
        var dbl = mat.Get<MatNumeric>("dbl");
        dbl.Class.Should().Be(MatClass.Double);
        dbl.Dimensions.Should().Equal(2, 3);
        dbl.Real.Should().BeOfType<double[]>().Which.Should().Equal(1.5, 4.0, -2.0, 5.5, 3.25, -6.0);
        var sgl = mat.Get<MatNumeric>("sgl");
        sgl.Dimensions.Should().Equal(2, 1);
        sgl.Real.Should().BeOfType<float[]>().Which.Should().Equal(0.5f, 0.25f);
    }

    [Fact]
    public void ReadsV73GroupAsStruct()
    {
        var mat = MatFile.Read(MatFixtures.Path("types_v73.mat"));
        var st = mat.Get<MatStruct>("st");

        st.Dimensions.Should().Equal(1, 1);
        st.FieldNames.Should().Equal("alpha");
        ((MatNumeric)st["alpha"]).ToScalar().Should().Be(2.0, "the same struct in types_v5.mat has alpha = 2");
    }

    [Fact]
    public void V73MatchesTheLevel5FileRowMajorTensor()
    {
        var v73 = MatFile.Read(MatFixtures.Path("types_v73.mat")).Get<MatNumeric>("dbl");
        var v5 = MatFile.Read(MatFixtures.Path("types_v5.mat")).Get<MatNumeric>("dbl");

        using var a = v73.ToTensor();
        using var b = v5.ToTensor();
        a.shape.Should().Equal(2L, 3L);
        a.data<double>().ToArray().Should().Equal(1.5, -2.0, 3.25, 4.0, 5.5, -6.0);
        b.data<double>().ToArray().Should().Equal(a.data<double>().ToArray());
    }
}
