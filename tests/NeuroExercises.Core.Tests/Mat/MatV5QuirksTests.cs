using System.Text.Json;
using FluentAssertions;
using NeuroExercises.Core.Mat;
using NeuroExercises.Tests.Shared;

namespace NeuroExercises.Core.Tests.Mat;

/// <summary>
/// Level 5 files that scipy.io.loadmat reads and Core used to refuse (Mat/Data/make_v5_quirks.py writes them and
/// records what scipy reads in v5_quirks_truth.json): each value is compared with scipy's.
/// </summary>
public sealed class MatV5QuirksTests
{
    private static string Data(string name) => Path.Combine(RepoPaths.Root, "tests", "NeuroExercises.Core.Tests", "Mat", "Data", name);

    private static readonly JsonElement Truth = JsonDocument.Parse(File.ReadAllText(Data("v5_quirks_truth.json"))).RootElement;

    private static JsonElement Scipy(string file, string variable) => Truth.GetProperty(file).GetProperty(variable);

    private static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];

    [Fact]
    public void ReadsLogicalSparseWithOneByteValuesUnderADoubleTag()
    {
        var mat = MatFile.Read(Data("v5_logical_sparse_bytes.mat"));
        var sparse = mat.Get<MatSparse>("L");
        var expected = Scipy("v5_logical_sparse_bytes.mat", "L");
        expected.GetProperty("dtype").GetString().Should().Be("bool");
        sparse.IsLogical.Should().BeTrue();
        var dense = sparse.ToDense();
        var rows = expected.GetProperty("dense").EnumerateArray().Select(Doubles).ToArray();
        for (var r = 0; r < rows.Length; r++)
        {
            Enumerable.Range(0, rows[r].Length).Select(c => dense[r, c]).Should().Equal(rows[r]);
        }

        mat.Get<MatNumeric>("after").ToDoubleArray().Should().Equal(Doubles(Scipy("v5_logical_sparse_bytes.mat", "after").GetProperty("values")));
    }

    [Fact]
    public void ReadsA1x1CharWithAnEmptyUtf16ElementAsABlank()
    {
        var mat = MatFile.Read(Data("v5_char_empty_utf16.mat"));
        var expected = Scipy("v5_char_empty_utf16.mat", "c").GetProperty("value")[0].GetString();
        expected.Should().Be(" ");
        mat.Get<MatChar>("c").Text.Should().Be(expected);
        mat.Get<MatNumeric>("after").ToScalar().Should().Be(3.0);
    }

    [Fact]
    public void ReadsAMatlabObjectAsOpaqueWithItsClassAndFieldsAndKeepsTheRest()
    {
        var mat = MatFile.Read(Data("v5_object.mat"));
        var expected = Scipy("v5_object.mat", "obj");
        var obj = mat.Get<MatOpaque>("obj");
        obj.Class.Should().Be(MatClass.Object);
        obj.ClassName.Should().Be(expected.GetProperty("classname").GetString());
        obj.Fields!.FieldNames.Should().Equal(expected.GetProperty("fields").EnumerateArray().Select(e => e.GetString()));
        foreach (var field in expected.GetProperty("values").EnumerateObject())
        {
            ((MatNumeric)obj.Fields[field.Name]).ToDoubleArray().Should().Equal(Doubles(field.Value), field.Name);
        }

        mat.Get<MatNumeric>("x").ToDoubleArray().Should().Equal(Doubles(Scipy("v5_object.mat", "x").GetProperty("values")));
    }

    [Fact]
    public void ReadsAFunctionHandleAsOpaqueAndKeepsTheRest()
    {
        var mat = MatFile.Read(Data("v5_function_handle.mat"));
        Scipy("v5_function_handle.mat", "f").GetProperty("kind").GetString().Should().Be("function");
        var handle = mat.Get<MatOpaque>("f");
        handle.Class.Should().Be(MatClass.FunctionHandle);
        handle.ClassName.Should().Be("function_handle");
        var content = handle.Content.Should().BeOfType<MatStruct>().Subject;
        content.FieldNames.Should().Equal("type", "nargs");
        ((MatChar)content["type"]).Text.Should().Be("simple");
        ((MatNumeric)content["nargs"]).ToScalar().Should().Be(1.0);
        mat.Get<MatNumeric>("x").ToScalar().Should().Be(Scipy("v5_function_handle.mat", "x").GetProperty("values")[0].GetDouble());
    }

    [Fact]
    public void ReadsAnOpaqueObjectWithItsClassAndKeepsTheRest()
    {
        var mat = MatFile.Read(Data("v5_opaque.mat"));

        // scipy keys it "None" (it reads the variable name into s0): Core keys it by that name, "s".
        var expected = Scipy("v5_opaque.mat", "None");
        expected.GetProperty("s0").GetString().Should().Be("b's'");
        var opaque = mat.Get<MatOpaque>("s");
        opaque.Class.Should().Be(MatClass.Opaque);
        opaque.TypeSystem.Should().Be("MCOS");
        opaque.ClassName.Should().Be("string");
        ((MatNumeric)opaque.Content!).ToDoubleArray().Should().Equal(0xDD000000, 2);
        mat.Get<MatNumeric>("x").ToScalar().Should().Be(7.0);
    }

    [Fact]
    public void DecodesANonAsciiNameAsScipyDoesNeverAsQuestionMarks()
    {
        var mat = MatFile.Read(Data("v5_latin1_name.mat"));
        var names = Truth.GetProperty("v5_latin1_name.mat").EnumerateObject().Select(p => p.Name).ToList();
        names.Should().Contain("café");
        mat.Variables.Keys.Should().BeEquivalentTo(names);
        mat.Get<MatNumeric>("café").ToScalar().Should().Be(8.0);
    }
}
