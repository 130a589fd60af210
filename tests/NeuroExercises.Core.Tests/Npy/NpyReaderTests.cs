using System.Text.Json;
using FluentAssertions;
using NeuroExercises.Core.Npy;
using NpyFile = NeuroExercises.Core.Npy.Npy;

namespace NeuroExercises.Core.Tests.Npy;

public sealed class NpyReaderTests
{
    private static readonly JsonElement Truth =
        JsonDocument.Parse(File.ReadAllText(SharedFolder.Path("fixtures", "npy", "truth.json"))).RootElement;

    public static TheoryData<string> FixtureNames() =>
        new(JsonDocument.Parse(File.ReadAllText(SharedFolder.Path("fixtures", "npy", "truth.json"))).RootElement
            .EnumerateObject().Select(p => p.Name));

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void ReadsFixtureAsTruthSays(string name)
    {
        var truth = Truth.GetProperty(name);
        var array = NpyFile.Read(Fixture(name + ".npy"));

        array.Shape.Should().Equal(truth.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()));
        array.DType.Should().Be(ExpectedDType(truth.GetProperty("dtype").GetString()!));
        var expected = truth.GetProperty("values_c_order").EnumerateArray().ToArray();
        array.Count.Should().Be(expected.Length);
        switch (array.DType)
        {
            case NpyDType.Float32:
                array.AsSingles().Should().Equal(expected.Select(e => (float)e.GetDouble()));
                break;
            case NpyDType.Float64:
                array.AsDoubles().Should().Equal(expected.Select(e => e.GetDouble()));
                break;
            case NpyDType.Int32:
                array.AsInt32s().Should().Equal(expected.Select(e => e.GetInt32()));
                break;
            case NpyDType.Int64:
                array.AsInt64s().Should().Equal(expected.Select(e => e.GetInt64()));
                break;
            case NpyDType.UInt8:
                array.AsBytes().Should().Equal(expected.Select(e => e.GetByte()));
                break;
            case NpyDType.Bool:
                array.AsBooleans().Should().Equal(expected.Select(e => e.GetBoolean()));
                break;
        }
    }

    [Fact]
    public void ReadsEveryFixtureListedInTruth()
    {
        var onDisk = Directory.GetFiles(SharedFolder.Path("fixtures", "npy"), "*.npy")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(n => !n!.StartsWith("refuse_", StringComparison.Ordinal));
        Truth.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(onDisk);
    }

    [Fact]
    public void PlacesFortranOrderValuesInCOrder()
    {
        var array = NpyFile.Read(Fixture("f64_fortran.npy"));
        var values = Truth.GetProperty("f64_fortran").GetProperty("values_c_order").EnumerateArray().Select(e => e.GetDouble()).ToArray();

        array.Shape.Should().Equal(2, 3, 4);
        // Element [i, j, k] sits at 12 i + 4 j + k in C order; on disk it was at i + 2 j + 6 k.
        array.AsDoubles()[(1 * 12) + (2 * 4) + 3].Should().Be(values[23]);
        array.AsDoubles()[(0 * 12) + (1 * 4) + 2].Should().Be(values[6]);
        var raw = File.ReadAllBytes(Fixture("f64_fortran.npy"));
        var onDisk = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(raw.AsSpan(raw.Length - (24 * 8))).ToArray();
        for (var i = 0; i < 2; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                for (var k = 0; k < 4; k++)
                {
                    array.AsDoubles()[(i * 12) + (j * 4) + k].Should().Be(onDisk[i + (2 * j) + (6 * k)]);
                }
            }
        }
    }

    [Fact]
    public void ConvertsBigEndianAndHalf()
    {
        NpyFile.Read(Fixture("f64_bigendian.npy")).AsDoubles()[0].Should().Be(-1.091328901695709);
        NpyFile.Read(Fixture("f16.npy")).AsSingles().Should().Equal(0.5f, -1.25f, 65504f);
    }

    [Theory]
    [InlineData("refuse_object.npy", "'|O'", "unpickling")]
    [InlineData("refuse_unicode.npy", "'<U2'", "strings")]
    [InlineData("refuse_truncated.npy", "truncated", "48 bytes")]
    [InlineData("refuse_badmagic.npy", "magic", "byte offset 0")]
    public void RefusesBadFileNamingFileAndProblem(string file, string problem, string detail)
    {
        var path = Fixture(file);
        var act = () => NpyFile.Read(path);

        var error = act.Should().Throw<DataFormatException>().Which;
        error.File.Should().Be(path);
        error.Message.Should().StartWith(path).And.Contain(problem).And.Contain(detail);
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(3, 0)]
    public void ReadsFormatVersions2And3(byte major, byte minor)
    {
        // Rewrite f32_c.npy's 1.0 header as a 2.0/3.0 header (4-byte length).
        var v1 = File.ReadAllBytes(Fixture("f32_c.npy"));
        var headerLength = BitConverter.ToUInt16(v1, 8);
        using var v2 = new MemoryStream();
        v2.Write(v1.AsSpan(0, 6));
        v2.WriteByte(major);
        v2.WriteByte(minor);
        v2.Write(BitConverter.GetBytes((uint)headerLength));
        v2.Write(v1.AsSpan(10));
        v2.Position = 0;

        var array = NpyFile.Read(v2, "v2.npy");

        array.AsSingles().Should().Equal(NpyFile.Read(Fixture("f32_c.npy")).AsSingles());
    }

    [Fact]
    public void RefusesStructuredDtype()
    {
        var header = "{'descr': [('a', '<f4'), ('b', '<i4')], 'fortran_order': False, 'shape': (2,), }";
        var act = () => NpyHeaderParser.ParseDictionary(header, "rec.npy", 0);

        act.Should().Throw<DataFormatException>().WithMessage("rec.npy: *structured*");
    }

    [Fact]
    public void ReadsHeaderDictWithDoubleQuotesAndOtherKeyOrder()
    {
        var header = NpyHeaderParser.ParseDictionary("{\"shape\": (3L, 4L), \"fortran_order\": True, \"descr\": \"<f8\"}\n", "py2.npy", 80);

        header.Should().BeEquivalentTo(new NpyHeader("<f8", true, [3, 4], 80));
    }

    internal static string Fixture(string file) => SharedFolder.Path("fixtures", "npy", file);

    private static NpyDType ExpectedDType(string descr) => descr[1..] switch
    {
        "f4" or "f2" => NpyDType.Float32,
        "f8" => NpyDType.Float64,
        "i4" => NpyDType.Int32,
        "i8" => NpyDType.Int64,
        "u1" => NpyDType.UInt8,
        "b1" => NpyDType.Bool,
        _ => throw new InvalidOperationException(descr),
    };
}
