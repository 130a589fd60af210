using System.Buffers.Binary;
using System.IO.Compression;
using FluentAssertions;
using NeuroExercises.Core.Idx;
using NeuroExercises.Core.Npy;

namespace NeuroExercises.Core.Tests.Idx;

public sealed class IdxFileTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "neuro-idx-" + Guid.NewGuid().ToString("N"));

    public IdxFileTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void ReadsUBytesImagesInCOrder()
    {
        // 2 images of 3×4, value = 100·image + 10·row + col: the MNIST layout (idx3-ubyte).
        var values = new byte[24];
        for (var i = 0; i < 2; i++)
        {
            for (var r = 0; r < 3; r++)
            {
                for (var c = 0; c < 4; c++)
                {
                    values[(i * 12) + (r * 4) + c] = (byte)((100 * i) + (10 * r) + c);
                }
            }
        }

        var path = Write("images-idx3-ubyte", Idx(0x08, [2, 3, 4], values));

        var array = IdxFile.Read(path);

        array.DType.Should().Be(NpyDType.UInt8);
        array.Shape.Should().Equal(2, 3, 4);
        ((byte[])array.Data).Should().Equal(values);
        ((byte[])array.Data)[(1 * 12) + (2 * 4) + 3].Should().Be(123);
    }

    [Fact]
    public void ConvertsToAUInt8Tensor()
    {
        var array = IdxFile.Read(Write("t", Idx(0x08, [2, 2], [0, 128, 255, 7])));

        using var tensor = array.ToTensor();

        tensor.dtype.Should().Be(TorchSharp.torch.ScalarType.Byte);
        tensor.shape.Should().Equal(2, 2);
        tensor.data<byte>().ToArray().Should().Equal(0, 128, 255, 7);
    }

    [Fact]
    public void ReadsGzippedFilesByContent()
    {
        var plain = Idx(0x08, [5], [9, 2, 1, 1, 6]);
        var path = Write("labels-idx1-ubyte.gz", Gzip(plain));

        var array = IdxFile.Read(path);

        array.Shape.Should().Equal(5);
        ((byte[])array.Data).Should().Equal(9, 2, 1, 1, 6);
    }

    [Fact]
    public void ReadsBigEndianWiderTypes()
    {
        var i16 = new byte[] { 0xFF, 0xFE, 0x01, 0x00 };                  // -2, 256
        var i32 = new byte[] { 0x80, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01 }; // int.MinValue, 65537
        var f32 = new byte[8];
        BinaryPrimitives.WriteSingleBigEndian(f32, 1.5f);
        BinaryPrimitives.WriteSingleBigEndian(f32.AsSpan(4), -0.25f);
        var f64 = new byte[16];
        BinaryPrimitives.WriteDoubleBigEndian(f64, Math.PI);
        BinaryPrimitives.WriteDoubleBigEndian(f64.AsSpan(8), -1e300);

        ((int[])IdxFile.Read(Write("i8", Idx(0x09, [3], [0x80, 0x7F, 0xFF]))).Data).Should().Equal(-128, 127, -1);
        ((int[])IdxFile.Read(Write("i16", Idx(0x0B, [2], i16))).Data).Should().Equal(-2, 256);
        ((int[])IdxFile.Read(Write("i32", Idx(0x0C, [1, 2], i32))).Data).Should().Equal(int.MinValue, 65537);
        var f = IdxFile.Read(Write("f32", Idx(0x0D, [2, 1], f32)));
        f.DType.Should().Be(NpyDType.Float32);
        f.Shape.Should().Equal(2, 1);
        ((float[])f.Data).Should().Equal(1.5f, -0.25f);
        var d = IdxFile.Read(Write("f64", Idx(0x0E, [2], f64)));
        d.DType.Should().Be(NpyDType.Float64);
        ((double[])d.Data).Should().Equal(Math.PI, -1e300);
    }

    [Fact]
    public void ReadsAnEmptyArray()
    {
        var array = IdxFile.Read(Write("empty", Idx(0x08, [0, 28, 28], [])));

        array.Shape.Should().Equal(0, 28, 28);
        array.Data.Length.Should().Be(0);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0 }, "2 bytes; an IDX file starts with a 4-byte magic number*")]
    [InlineData(new byte[] { 0x3C, 0x68, 0x74, 0x6D, 0x6C }, "bytes 0–1 are 3C 68, expected 00 00: not an IDX file*")]
    [InlineData(new byte[] { 0, 0, 0x0A, 1, 0, 0, 0, 1, 5 }, "byte 2 (element type) is 0x0A; IDX types are*")]
    [InlineData(new byte[] { 0, 0, 8, 3, 0, 0, 0, 2, 0, 0 }, "byte 3 says 3 dimensions, whose sizes need bytes 4–15, but the file has 10 bytes: truncated header.")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0xFF, 0xFF, 0xFF, 0xFF }, "byte 4: dimension 0 has size -1; sizes must be non-negative.")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 3, 1, 2 }, "byte 8: shape [3] of 1-byte elements needs 3 data bytes, found 2: the file truncated. Download it again.")]
    [InlineData(new byte[] { 0, 0, 0x0C, 1, 0, 0, 0, 1, 0, 0, 0, 1, 7 }, "byte 8: shape [1] of 4-byte elements needs 4 data bytes, found 5: the file has trailing bytes.*")]
    [InlineData(new byte[] { 0, 0, 8, 2, 0, 1, 0, 0, 0, 1, 0, 0 }, "byte 8: dimensions [65536, 65536…] hold more than 2147483591 elements; too large to read.")]
    public void CorruptFilesAreRefusedNamingFileAndOffset(byte[] bytes, string problem)
    {
        var path = Write("bad-idx", bytes);

        var act = () => IdxFile.Read(path);

        var error = act.Should().Throw<DataFormatException>().Which;
        error.File.Should().Be(path);
        error.Problem.Should().Match(problem);
    }

    [Fact]
    public void BrokenGzipIsRefused()
    {
        var gz = Gzip(Idx(0x08, [4], [1, 2, 3, 4]));
        gz[12] ^= 0xFF;
        gz[13] ^= 0xFF;
        var path = Write("broken.gz", gz);

        var act = () => IdxFile.Read(path);

        act.Should().Throw<DataFormatException>().Which.File.Should().StartWith(path);
    }

    [Fact]
    public void ReadsDebianFashionMnistWhenInstalled()
    {
        // Debian's dataset-fashion-mnist installs here; NEURO_FASHION_MNIST_DIR points elsewhere (e.g. an unpacked .deb).
        var dir = Environment.GetEnvironmentVariable("NEURO_FASHION_MNIST_DIR") ?? "/usr/share/datasets/fashion-mnist";
        var labelsPath = Path.Combine(dir, "t10k-labels-idx1-ubyte.gz");
        Assert.SkipUnless(File.Exists(labelsPath), $"{labelsPath} is absent (apt-get install dataset-fashion-mnist)");

        var labels = IdxFile.Read(labelsPath);
        var images = IdxFile.Read(Path.Combine(dir, "t10k-images-idx3-ubyte.gz"));

        labels.Shape.Should().Equal(10000);
        ((byte[])labels.Data).Take(10).Should().Equal(9, 2, 1, 1, 6, 1, 4, 6, 5, 7);
        ((byte[])labels.Data).GroupBy(l => l).Select(g => (g.Key, g.Count())).OrderBy(g => g.Key)
            .Should().Equal(Enumerable.Range(0, 10).Select(k => ((byte)k, 1000)));
        images.DType.Should().Be(NpyDType.UInt8);
        images.Shape.Should().Equal(10000, 28, 28);
        var first = ((byte[])images.Data)[..784];
        first.Max().Should().Be(255);
        first.Count(p => p == 0).Should().BeInRange(300, 700, "an ankle boot on a black background");
    }

    private static byte[] Idx(byte type, int[] dims, byte[] data)
    {
        var bytes = new byte[4 + (4 * dims.Length) + data.Length];
        bytes[2] = type;
        bytes[3] = (byte)dims.Length;
        for (var d = 0; d < dims.Length; d++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + (4 * d)), dims[d]);
        }

        data.CopyTo(bytes, 4 + (4 * dims.Length));
        return bytes;
    }

    private static byte[] Gzip(byte[] plain)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(plain);
        }

        return buffer.ToArray();
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
