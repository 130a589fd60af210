using System.Text.Json;
using FluentAssertions;
using NeuroExercises.Core.Mat;
using NeuroExercises.Tests.Shared;

namespace NeuroExercises.Core.Tests.Mat;

/// <summary>
/// MAT v4 (Level 4) files written by scipy (both byte orders) and Octave, compared value by value with what
/// scipy.io.loadmat reads from the same files (Mat/Data/v4_truth.json, written by Mat/Data/make_v4.py).
/// </summary>
public sealed class MatLevel4Tests
{
    private static string Data(string name) => Path.Combine(RepoPaths.Root, "tests", "NeuroExercises.Core.Tests", "Mat", "Data", name);

    private static readonly JsonElement Truth = JsonDocument.Parse(File.ReadAllText(Data("v4_truth.json"))).RootElement;

    public static TheoryData<string, string> Variables()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in new[] { "v4_scipy.mat", "v4_scipy_bigendian.mat", "v4_octave.mat" })
        {
            foreach (var variable in Truth.GetProperty(file).EnumerateObject())
            {
                data.Add(file, variable.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Variables))]
    public void ReadsV4VariableAsScipyDoes(string file, string name)
    {
        var expected = Truth.GetProperty(file).GetProperty(name);
        var mat = MatFile.Read(Data(file));
        mat.Version.Should().Be(4);
        var value = mat[name];
        switch (expected.GetProperty("kind").GetString())
        {
            case "numeric":
                var numeric = value.Should().BeOfType<MatNumeric>().Subject;
                numeric.Dimensions.Should().Equal(expected.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
                numeric.Class.Should().Be(ClassOf(expected.GetProperty("dtype").GetString()!));
                numeric.ToDoubleArray().Should().Equal(Doubles(expected.GetProperty("re")));
                if (expected.GetProperty("im").ValueKind == JsonValueKind.Array)
                {
                    numeric.ToDoubleImaginary().Should().Equal(Doubles(expected.GetProperty("im")));
                }
                else
                {
                    numeric.IsComplex.Should().BeFalse();
                }

                break;
            case "char":
                value.Should().BeOfType<MatChar>().Which.Rows().Should().Equal(expected.GetProperty("rows").EnumerateArray().Select(e => e.GetString()));
                break;
            default:
                var sparse = value.Should().BeOfType<MatSparse>().Subject;
                sparse.Dimensions.Should().Equal(expected.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
                sparse.RowIndices.Should().Equal(expected.GetProperty("ir").EnumerateArray().Select(e => e.GetInt32()));
                sparse.ColumnStarts.Should().Equal(expected.GetProperty("jc").EnumerateArray().Select(e => e.GetInt32()));
                sparse.RealValues.Should().Equal(Doubles(expected.GetProperty("re")));
                break;
        }
    }

    [Fact]
    public void EveryFileHoldsTheVariablesScipyFinds()
    {
        foreach (var file in new[] { "v4_scipy.mat", "v4_scipy_bigendian.mat", "v4_octave.mat" })
        {
            MatFile.Read(Data(file)).Variables.Keys.Order(StringComparer.Ordinal)
                .Should().Equal(Truth.GetProperty(file).EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal), file);
        }
    }

    [Fact]
    public void SmallV4FileIsNotCalledTruncated()
    {
        // The first variable alone (dbl, 2×3 double: 20 + 4 + 48 bytes) is under the 128 bytes of a Level 5 header.
        var bytes = File.ReadAllBytes(Data("v4_scipy.mat"))[..72];
        var mat = MatFile.Read(bytes, "small.mat");
        mat["dbl"].Should().BeOfType<MatNumeric>().Which.ToDoubleArray().Should().Equal(1.5, 4.0, -2.0, Math.PI, 3.25, -0.0);
    }

    [Fact]
    public void TruncatedV4VariableIsRefusedWithItsNameAndOffset()
    {
        var bytes = File.ReadAllBytes(Data("v4_scipy.mat"))[..60];
        var act = () => MatFile.Read(bytes, "cut.mat");
        act.Should().Throw<DataFormatException>().WithMessage("cut.mat: byte offset 0 (Level 4 MAT-file, variable 1): variable 'dbl' is 2×3 of 8-byte elements, 48 bytes, but only 36 remain*");
    }

    private static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];

    private static MatClass ClassOf(string dtype) => dtype switch
    {
        "float64" or "complex128" => MatClass.Double,
        "float32" => MatClass.Single,
        "int32" => MatClass.Int32,
        "int16" => MatClass.Int16,
        "uint16" => MatClass.UInt16,
        "uint8" => MatClass.UInt8,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a v4 dtype"),
    };
}
