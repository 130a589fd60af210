using System.Text;
using FluentAssertions;
using NeuroExercises.Core.Mat;

namespace NeuroExercises.Core.Tests.Mat;

/// <summary>Hand-made Level 5 files: byte order, small data elements, storage-type conversion, refusals.</summary>
public sealed class MatByteLevelTests
{
    private const int MxCell = 1;
    private const int MxChar = 4;
    private const int MxDouble = 6;
    private const int MxInt64 = 14;
    private const int MxFunction = 16;
    private const uint FlagComplex = 0x0800;
    private const int MiInt8 = 1;
    private const int MiUInt8 = 2;
    private const int MiInt16 = 3;
    private const int MiUInt16 = 4;
    private const int MiDouble = 9;
    private const int MiUtf8 = 16;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadsBothByteOrders(bool bigEndian)
    {
        var w = new MatBytes(bigEndian);
        var bytes = w.Add(w.Matrix(MxDouble, FlagComplex, [2, 1], "z", w.Element(MiDouble, w.Doubles(1.5, -2)), w.Element(MiDouble, w.Doubles(0.25, 8)))).ToArray();

        var z = MatFile.Read(bytes, "hand.mat").Get<MatNumeric>("z");

        z.Dimensions.Should().Equal(2, 1);
        z.Real.Should().BeOfType<double[]>().Which.Should().Equal(1.5, -2);
        z.Imaginary.Should().BeOfType<double[]>().Which.Should().Equal(0.25, 8);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadsSmallDataElementAndConvertsStorageType(bool bigEndian)
    {
        // MATLAB stores a double array of small integers as miINT16; two values fit a small element (4 bytes in the tag).
        var w = new MatBytes(bigEndian);
        var bytes = w.Add(w.Matrix(MxDouble, 0, [1, 2], "v", w.Element(MiInt16, w.Words16(unchecked((ushort)-300), 7), small: true))).ToArray();

        var v = MatFile.Read(bytes, "small.mat").Get<MatNumeric>("v");

        v.Class.Should().Be(MatClass.Double);
        v.Real.Should().BeOfType<double[]>().Which.Should().Equal(-300, 7);
    }

    [Fact]
    public void ConvertsSmallStorageIntoInt64WithoutLoss()
    {
        var w = new MatBytes(bigEndian: false);
        var bytes = w.Add(w.Matrix(MxInt64, 0, [1, 3], "n", w.Element(MiInt8, [0x80, 0x00, 0x7F], small: true))).ToArray();

        MatFile.Read(bytes, "i64.mat").Get<MatNumeric>("n").Real.Should().BeOfType<long[]>().Which.Should().Equal(-128, 0, 127);
    }

    [Fact]
    public void ReadsMultiRowUtf8CharColumnMajor()
    {
        // ["aé"; "bc"] is stored column-major: a, b, é, c.
        var w = new MatBytes(bigEndian: false);
        var bytes = w.Add(w.Matrix(MxChar, 0, [2, 2], "t", w.Element(MiUtf8, Encoding.UTF8.GetBytes("abéc")))).ToArray();

        var t = MatFile.Read(bytes, "char.mat").Get<MatChar>("t");

        t.Rows().Should().Equal("aé", "bc");
        t.Text.Should().Be("aé\nbc");
    }

    [Fact]
    public void ReadsUInt16CharBigEndian()
    {
        var w = new MatBytes(bigEndian: true);
        var bytes = w.Add(w.Matrix(MxChar, 0, [1, 3], "t", w.Element(MiUInt16, w.Words16('µ', 'm', 'Ω')))).ToArray();

        MatFile.Read(bytes, "be_char.mat").Get<MatChar>("t").Text.Should().Be("µmΩ");
    }

    [Fact]
    public void RefusesFunctionHandleWhoseContentIsNotAMatrixNamingTheVariable()
    {
        // A function handle holds one nested miMATRIX (see MatV5QuirksTests for one read); raw bytes there are corrupt.
        var w = new MatBytes(bigEndian: false);
        var bytes = w.Add(w.Matrix(MxFunction, 0, [1, 1], "fh", w.Element(MiUInt8, [1, 2, 3]))).ToArray();

        var act = () => MatFile.Read(bytes, "handle.mat");

        act.Should().Throw<DataFormatException>().WithMessage("handle.mat: byte offset *: fh (function handle) should be an miMATRIX element (type 14) but is miUINT8 (type 2): the file is corrupt.");
    }

    [Theory]
    [InlineData(1000, 1000, "huge.mat: byte offset *: c declares 1000000 elements but only 0 bytes remain*")]
    [InlineData(100000, 100000, "huge.mat: byte offset *: c has dimensions 100000×100000, more than 2147483647 elements*")]
    public void RefusesHugeCellDimensionsWithoutAllocating(int rows, int columns, string message)
    {
        var w = new MatBytes(bigEndian: false);
        var bytes = w.Add(w.Matrix(MxCell, 0, [rows, columns], "c")).ToArray();

        var act = () => MatFile.Read(bytes, "huge.mat");

        act.Should().Throw<DataFormatException>().WithMessage(message);
    }

    [Fact]
    public void RefusesValueCountThatDisagreesWithDimensions()
    {
        var w = new MatBytes(bigEndian: false);
        var bytes = w.Add(w.Matrix(MxDouble, 0, [2, 2], "x", w.Element(MiDouble, w.Doubles(1, 2, 3)))).ToArray();

        var act = () => MatFile.Read(bytes, "count.mat");

        act.Should().Throw<DataFormatException>().WithMessage("count.mat: byte offset *: the real part of x holds 3 values but its dimensions need 4*");
    }

    [Fact]
    public void RefusesUnknownVersion()
    {
        var bytes = new MatBytes(bigEndian: false, version: 0x0300).ToArray();

        var act = () => MatFile.Read(bytes, "v3.mat");

        act.Should().Throw<DataFormatException>().WithMessage("v3.mat: byte offset 124: the header version is 0x0300*");
    }

    [Fact]
    public void ReadsHeaderOnlyFileAsEmpty()
    {
        var mat = MatFile.Read(new MatBytes(bigEndian: true).ToArray(), "empty.mat");

        mat.Variables.Should().BeEmpty();
        mat.HeaderText.Should().Be("MATLAB 5.0 MAT-file, hand-made for tests");
    }
}
