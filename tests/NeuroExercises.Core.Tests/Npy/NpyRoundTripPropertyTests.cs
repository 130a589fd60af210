using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using CsCheck;
using FluentAssertions;
using NeuroExercises.Core.Npy;

namespace NeuroExercises.Core.Tests.Npy;

/// <summary>
/// Property tests (CsCheck): what Core writes it reads back bit for bit, for every dtype, any shape (0-d, empty, up to
/// 4 axes) and both orders; NPZ stored and deflated.
/// </summary>
public sealed class NpyRoundTripPropertyTests
{
    private const long Iterations = 300;

    private static readonly Gen<long[]> Shapes = Gen.Long[0, 4].Array[0, 4];

    /// <summary>An array of any supported dtype and shape, with any values (NaN, ±∞, −0 included for floats).</summary>
    private static readonly Gen<NpyArray> Arrays = Gen.OneOf(
        Of(NpyDType.Float32, Gen.Float),
        Of(NpyDType.Float64, Gen.Double),
        Of(NpyDType.Int32, Gen.Int),
        Of(NpyDType.Int64, Gen.Long),
        Of(NpyDType.UInt8, Gen.Byte),
        Of(NpyDType.Bool, Gen.Bool));

    private static Gen<NpyArray> Of<T>(NpyDType dtype, Gen<T> values) =>
        from shape in Shapes
        from data in values.Array[(int)shape.Aggregate(1L, (p, d) => p * d)]
        select new NpyArray(dtype, shape, data);

    [Fact]
    public void NpyWrittenByCoreReadsBackIdentically() =>
        Arrays.Sample(
            array =>
            {
                using var stream = new MemoryStream();
                Core.Npy.Npy.Write(stream, array);
                stream.Position = 0;
                var back = Core.Npy.Npy.Read(stream, "roundtrip.npy");
                AssertSame(back, array);
                stream.Position.Should().Be(stream.Length, "the reader consumes exactly the bytes the writer wrote");
            },
            iter: Iterations,
            threads: 1);

    [Fact]
    public void FortranOrderFileReadsBackInCOrder() =>
        Arrays.Sample(
            array =>
            {
                using var stream = new MemoryStream(FortranNpy(array));
                var back = Core.Npy.Npy.Read(stream, "fortran.npy");
                AssertSame(back, array);
            },
            iter: Iterations,
            threads: 1);

    [Fact]
    public void NpzWrittenByCoreReadsBackIdentically() =>
        Gen.Select(Arrays.Array[0, 4], Gen.Bool).Sample(
            t =>
            {
                var (arrays, compress) = t;
                var members = arrays.Select((a, i) => new KeyValuePair<string, NpyArray>($"a{i}.v", a)).ToList();
                using var stream = new MemoryStream();
                Npz.Write(stream, members, compress);
                stream.Position = 0;
                var back = Npz.Read(stream, "roundtrip.npz");
                back.Keys.Should().Equal(members.Select(m => m.Key));
                foreach (var (name, array) in members)
                {
                    AssertSame(back[name], array);
                }
            },
            iter: Iterations / 3,
            threads: 1);

    private static void AssertSame(NpyArray actual, NpyArray expected)
    {
        actual.DType.Should().Be(expected.DType);
        actual.Shape.Should().Equal(expected.Shape);
        Bytes(actual).Should().Equal(Bytes(expected), "values round-trip bit for bit (NaN payloads and −0 included)");
    }

    private static byte[] Bytes(NpyArray array) => array.Data switch
    {
        float[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        double[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        int[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        long[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        byte[] a => a,
        bool[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        _ => throw new InvalidOperationException("unknown data type"),
    };

    /// <summary>The array as NumPy writes it with fortran_order True: the same header, data in column-major order.</summary>
    private static byte[] FortranNpy(NpyArray array)
    {
        var shape = array.Shape;
        var header = $"{{'descr': '{Core.Npy.Npy.DescrOf(array.DType)}', 'fortran_order': True, 'shape': {Core.Npy.Npy.FormatShape(shape)}, }}";
        var total = 10 + header.Length + 1;
        header = header.PadRight(header.Length + ((64 - (total % 64)) % 64)) + "\n";
        var prefix = new byte[10];
        prefix[0] = 0x93;
        "NUMPY"u8.CopyTo(prefix.AsSpan(1));
        prefix[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(prefix.AsSpan(8), (ushort)header.Length);

        var c = Bytes(array);
        var itemSize = c.Length / Math.Max(1, (int)array.Count);
        var f = new byte[c.Length];
        var count = (int)array.Count;
        for (var i = 0; i < count; i++)
        {
            // C index i → multi-index → Fortran offset.
            var rest = (long)i;
            long offset = 0, stride = 1;
            var index = new long[shape.Length];
            for (var k = shape.Length - 1; k >= 0; k--)
            {
                index[k] = rest % shape[k];
                rest /= shape[k];
            }

            for (var k = 0; k < shape.Length; k++)
            {
                offset += index[k] * stride;
                stride *= shape[k];
            }

            Array.Copy(c, i * itemSize, f, offset * itemSize, itemSize);
        }

        return [.. prefix, .. Encoding.Latin1.GetBytes(header), .. f];
    }

    [Fact]
    public void FortranHelperMatchesAKnownLayout()
    {
        // [[1, 2, 3], [4, 5, 6]] in Fortran order is 1 4 2 5 3 6: the helper itself must be right for the property to mean anything.
        var array = new NpyArray(NpyDType.Int32, [2, 3], new[] { 1, 2, 3, 4, 5, 6 });
        var bytes = FortranNpy(array);
        var data = MemoryMarshal.Cast<byte, int>(bytes.AsSpan(bytes.Length - 24)).ToArray();
        data.Should().Equal(1, 4, 2, 5, 3, 6);
        Encoding.Latin1.GetString(bytes, 10, bytes.Length - 34).Should().Contain("'fortran_order': True").And.Contain("(2, 3)");
        ((bytes.Length - 24) % 64).Should().Be(0);
    }
}
