using System.Text.Json;
using FluentAssertions;
using NeuroExercises.Core.Mat;

namespace NeuroExercises.Core.Tests.Mat;

/// <summary>The types_* fixtures against types_truth.json (values listed column-major).</summary>
public sealed class MatTypesTruthTests
{
    private static readonly Lazy<JsonElement> Truth = new(() =>
        JsonDocument.Parse(File.ReadAllText(MatFixtures.Path("types_truth.json"))).RootElement);

    /// <summary>Variables of the Octave files that share a name and meaning with the scipy truth.</summary>
    private static readonly string[] OctaveSharedVariables = ["dbl", "flag", "cel", "st", "cube", "cplx", "sp"];

    public static TheoryData<string, string> ScipyCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in new[] { "types_v5.mat", "types_v5_compressed.mat" })
        {
            foreach (var variable in Truth.Value.EnumerateObject())
            {
                data.Add(file, variable.Name);
            }
        }

        return data;
    }

    public static TheoryData<string, string> OctaveCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in new[] { "types_octave_v6.mat", "types_octave_v7.mat" })
        {
            foreach (var variable in OctaveSharedVariables)
            {
                data.Add(file, variable);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ScipyCases))]
    public void ScipyFileMatchesTruth(string file, string variable) =>
        AssertMatches(MatFile.Read(MatFixtures.Path(file))[variable], Truth.Value.GetProperty(variable), $"{file}:{variable}");

    [Theory]
    [MemberData(nameof(OctaveCases))]
    public void OctaveFileMatchesTruth(string file, string variable) =>
        AssertMatches(MatFile.Read(MatFixtures.Path(file))[variable], Truth.Value.GetProperty(variable), $"{file}:{variable}");

    [Theory]
    [InlineData("types_v5.mat")]
    [InlineData("types_v5_compressed.mat")]
    public void ScipyFilesHoldEveryTruthVariableInFileOrder(string file)
    {
        var mat = MatFile.Read(MatFixtures.Path(file));
        mat.Version.Should().Be(5);
        mat.Variables.Keys.Should().Equal(Truth.Value.EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData("types_octave_v6.mat")]
    [InlineData("types_octave_v7.mat")]
    public void OctaveFilesReadTheirOwnVariables(string file)
    {
        var mat = MatFile.Read(MatFixtures.Path(file));
        mat.Version.Should().Be(5);
        mat.HeaderText.Should().StartWith("MATLAB 5.0 MAT-file, written by Octave");
        mat.Variables.Keys.Should().Equal("dbl", "i16", "u8", "flag", "txt", "cel", "st", "cube", "cplx", "sp");
        mat.Get<MatNumeric>("i16").Real.Should().BeOfType<short[]>().Which.Should().Equal(short.MinValue, 0, short.MaxValue);
        mat.Get<MatNumeric>("u8").Real.Should().BeOfType<byte[]>().Which.Should().Equal(0, 128, 255);
        mat.Get<MatChar>("txt").Text.Should().Be("octave text");
    }

    [Fact]
    public void Int64LimitsStayExact()
    {
        var mat = MatFile.Read(MatFixtures.Path("types_v5_compressed.mat"));
        mat.Get<MatNumeric>("i_int64").Real.Should().BeOfType<long[]>().Which.Should().Equal(long.MinValue, 0, long.MaxValue);
        mat.Get<MatNumeric>("i_uint64").Real.Should().BeOfType<ulong[]>().Which.Should().Equal(0UL, 0UL, ulong.MaxValue);
    }

    private static void AssertMatches(MatValue value, JsonElement truth, string label)
    {
        var matClass = truth.GetProperty("class").GetString();
        if (truth.TryGetProperty("shape", out var shape))
        {
            value.Dimensions.Should().Equal(shape.EnumerateArray().Select(d => d.GetInt32()), label);
        }

        switch (matClass)
        {
            case "char":
                value.Should().BeOfType<MatChar>().Which.Text.Should().Be(truth.GetProperty("text").GetString(), label);
                break;
            case "cell":
                var cell = value.Should().BeOfType<MatCell>().Which;
                var items = truth.GetProperty("items").EnumerateArray().ToArray();
                cell.Items.Should().HaveCount(items.Length, label);
                for (var i = 0; i < items.Length; i++)
                {
                    AssertMatches(cell[i], items[i], $"{label}{{{i + 1}}}");
                }

                break;
            case "struct":
                var st = value.Should().BeOfType<MatStruct>().Which;
                st.FieldNames.Should().Equal(Strings(truth.GetProperty("fields")), label);
                var inner = st["inner"].Should().BeOfType<MatStruct>().Which;
                inner.FieldNames.Should().Equal(Strings(truth.GetProperty("inner.fields")), label);
                inner["beta"].Should().BeOfType<MatNumeric>().Which.ToDoubleArray().Should().Equal(Doubles(truth.GetProperty("inner.beta")), label);
                inner["name"].Should().BeOfType<MatChar>().Which.Text.Should().Be(truth.GetProperty("inner.name").GetString(), label);
                st["alpha"].Should().BeOfType<MatNumeric>().Which.Count.Should().Be(1, label);
                break;
            case "sparse":
                var dense = value.Should().BeOfType<MatSparse>().Which.ToDense();
                var columnMajor = new List<double>();
                for (var c = 0; c < dense.GetLength(1); c++)
                {
                    for (var r = 0; r < dense.GetLength(0); r++)
                    {
                        columnMajor.Add(dense[r, c]);
                    }
                }

                columnMajor.Should().Equal(Doubles(truth.GetProperty("dense_colmajor")), label);
                break;
            default:
                var numeric = value.Should().BeOfType<MatNumeric>().Which;
                numeric.Class.Should().Be(ExpectedClass(matClass!), label);
                numeric.Real.GetType().GetElementType().Should().Be(MatConvert.ElementType(numeric.Class), label);
                if (truth.TryGetProperty("complex", out var isComplex) && isComplex.GetBoolean())
                {
                    numeric.IsComplex.Should().BeTrue(label);
                    numeric.ToDoubleArray().Should().Equal(Doubles(truth.GetProperty("real_colmajor")), label);
                    numeric.ToDoubleImaginary().Should().Equal(Doubles(truth.GetProperty("imag_colmajor")), label);
                }
                else
                {
                    numeric.IsComplex.Should().BeFalse(label);
                    AssertExactValues(numeric, truth.GetProperty("values_colmajor"), label);
                }

                break;
        }
    }

    private static void AssertExactValues(MatNumeric numeric, JsonElement values, string label)
    {
        var expected = values.EnumerateArray().ToArray();
        numeric.Real.Length.Should().Be(expected.Length, label);
        for (var i = 0; i < expected.Length; i++)
        {
            var actual = numeric.Real.GetValue(i);
            object want = numeric.Real switch
            {
                _ when numeric.Real.GetType() == typeof(ulong[]) => expected[i].GetUInt64(),
                _ when numeric.Real.GetType() == typeof(long[]) => expected[i].GetInt64(),
                _ when numeric.Real.GetType() == typeof(bool[]) => expected[i].GetInt32() != 0,
                _ => expected[i].GetDouble(),
            };
            (actual is ulong or long or bool ? actual : Convert.ToDouble(actual)).Should().Be(want, $"{label}[{i}]");
        }
    }

    private static MatClass ExpectedClass(string name) => name switch
    {
        "double" => MatClass.Double,
        "single" => MatClass.Single,
        "logical" => MatClass.Logical,
        _ => Enum.Parse<MatClass>(name.Replace("uint", "UInt").Replace("int", "Int")),
    };

    private static IEnumerable<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!);

    private static IEnumerable<double> Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble());
}
