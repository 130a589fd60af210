using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace NeuroExercises.Core.Npy;

/// <summary>NumPy .npy files (format 1.0–3.0).</summary>
public static class Npy
{
    private const int ArrayAlign = 64;
    private const int GrowthAxisMaxDigits = 21;

    /// <summary>Reads an .npy file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The array.</returns>
    public static NpyArray Read(string path)
    {
        using var stream = DataFileAccess.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads .npy bytes from a stream; <paramref name="sourceName"/> names it in errors.</summary>
    /// <param name="stream">The bytes.</param>
    /// <param name="sourceName">File or member name for messages.</param>
    /// <returns>The array.</returns>
    public static NpyArray Read(Stream stream, string sourceName)
    {
        var header = NpyHeaderParser.Read(stream, sourceName);
        var descr = NpyDescr.TryParse(header.Descr, out var reason)
            ?? throw new DataFormatException(sourceName, reason);

        long count = 1;
        long byteCount;
        try
        {
            foreach (var d in header.Shape)
            {
                count = checked(count * d);
            }

            byteCount = checked(count * descr.ItemSize);
        }
        catch (OverflowException)
        {
            // afl-fuzz: shape (1, 3, 4888888888888888888) overflowed the element count.
            throw new DataFormatException(sourceName, $"array of shape {FormatShape(header.Shape)} and dtype '{header.Descr}' has more elements than a 64-bit count holds: the header is corrupt");
        }

        if (byteCount > Array.MaxLength)
        {
            throw new DataFormatException(sourceName, $"array of shape {FormatShape(header.Shape)} and dtype '{header.Descr}' is {byteCount} bytes; arrays over {Array.MaxLength} bytes are not supported");
        }

        if (stream.CanSeek && stream.Length - stream.Position < byteCount)
        {
            throw Truncated(sourceName, header, descr, count, stream.Length);
        }

        byte[] bytes;
        if (stream.CanSeek)
        {
            bytes = new byte[byteCount];
            var got = NpyHeaderParser.ReadFully(stream, bytes);
            if (got < byteCount)
            {
                throw Truncated(sourceName, header, descr, count, header.DataOffset + got);
            }
        }
        else
        {
            // A stream of unknown length: grow with the data that arrives, never to what the header claims up front.
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while (buffer.Length < byteCount && (read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, byteCount - buffer.Length))) > 0)
            {
                buffer.Write(chunk, 0, read);
            }

            if (buffer.Length < byteCount)
            {
                throw Truncated(sourceName, header, descr, count, header.DataOffset + buffer.Length);
            }

            bytes = buffer.ToArray();
        }

        if (descr.BigEndian && descr.ItemSize > 1)
        {
            for (var i = 0; i < bytes.Length; i += descr.ItemSize)
            {
                bytes.AsSpan(i, descr.ItemSize).Reverse();
            }
        }

        Array data = descr switch
        {
            { IsHalf: true } => HalvesToSingles(bytes),
            { Target: NpyDType.Float32 } => MemoryMarshal.Cast<byte, float>(bytes).ToArray(),
            { Target: NpyDType.Float64 } => MemoryMarshal.Cast<byte, double>(bytes).ToArray(),
            { Target: NpyDType.Int32 } => MemoryMarshal.Cast<byte, int>(bytes).ToArray(),
            { Target: NpyDType.Int64 } => MemoryMarshal.Cast<byte, long>(bytes).ToArray(),
            { Target: NpyDType.UInt8 } => bytes,
            _ => Array.ConvertAll(bytes, b => b != 0),
        };

        if (header.FortranOrder && header.Shape.Length > 1)
        {
            data = data switch
            {
                float[] a => FortranToC(a, header.Shape),
                double[] a => FortranToC(a, header.Shape),
                int[] a => FortranToC(a, header.Shape),
                long[] a => FortranToC(a, header.Shape),
                byte[] a => FortranToC(a, header.Shape),
                bool[] a => FortranToC(a, header.Shape),
                _ => throw new InvalidOperationException("unreachable"),
            };
        }

        return new NpyArray(descr.Target, header.Shape, data);
    }

    /// <summary>Writes an .npy file (format 1.0, little-endian, C order).</summary>
    /// <param name="path">The file.</param>
    /// <param name="array">The array.</param>
    public static void Write(string path, NpyArray array)
    {
        using var stream = File.Create(path);
        Write(stream, array);
    }

    /// <summary>Writes .npy bytes to a stream.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="array">The array.</param>
    public static void Write(Stream stream, NpyArray array)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(array);
        stream.Write(HeaderBytes(array.DType, array.Shape));
        ReadOnlySpan<byte> payload = array.Data switch
        {
            float[] a => MemoryMarshal.AsBytes(a.AsSpan()),
            double[] a => MemoryMarshal.AsBytes(a.AsSpan()),
            int[] a => MemoryMarshal.AsBytes(a.AsSpan()),
            long[] a => MemoryMarshal.AsBytes(a.AsSpan()),
            byte[] a => a,
            bool[] a => MemoryMarshal.AsBytes(a.AsSpan()),
            _ => throw new InvalidOperationException("unreachable: NpyArray checks its data type"),
        };
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The NPY writer supports little-endian machines only.");
        }

        stream.Write(payload);
    }

    /// <summary>The dtype string NumPy writes for <paramref name="dtype"/>.</summary>
    /// <param name="dtype">The element type.</param>
    /// <returns>E.g. "&lt;f4".</returns>
    public static string DescrOf(NpyDType dtype) => dtype switch
    {
        NpyDType.Float32 => "<f4",
        NpyDType.Float64 => "<f8",
        NpyDType.Int32 => "<i4",
        NpyDType.Int64 => "<i8",
        NpyDType.UInt8 => "|u1",
        NpyDType.Bool => "|b1",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown NpyDType"),
    };

    /// <summary>Magic, version 1.0, length and the dict, padded as NumPy 1.24 pads it (room to grow the first axis, total a multiple of 64).</summary>
    internal static byte[] HeaderBytes(NpyDType dtype, long[] shape)
    {
        var sb = new StringBuilder();
        sb.Append("{'descr': '").Append(DescrOf(dtype)).Append("', 'fortran_order': False, 'shape': ")
            .Append(FormatShape(shape)).Append(", }");
        if (shape.Length > 0)
        {
            sb.Append(' ', GrowthAxisMaxDigits - shape[0].ToString(CultureInfo.InvariantCulture).Length);
        }

        var hlen = sb.Length + 1;
        var padlen = ArrayAlign - ((6 + 2 + 2 + hlen) % ArrayAlign);
        sb.Append(' ', padlen).Append('\n');
        var dict = Encoding.Latin1.GetBytes(sb.ToString());
        var result = new byte[10 + dict.Length];
        result[0] = 0x93;
        "NUMPY"u8.CopyTo(result.AsSpan(1));
        result[6] = 1;
        result[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(8), checked((ushort)dict.Length));
        dict.CopyTo(result, 10);
        return result;
    }

    /// <summary>A shape as Python prints a tuple: (), (5,), (3, 4).</summary>
    internal static string FormatShape(long[] shape) => shape.Length switch
    {
        0 => "()",
        1 => $"({shape[0].ToString(CultureInfo.InvariantCulture)},)",
        _ => "(" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")",
    };

    private static DataFormatException Truncated(string source, NpyHeader header, NpyDescr descr, long count, long fileEnd) =>
        new(source, $"data is truncated: shape {FormatShape(header.Shape)} of dtype '{header.Descr}' needs {count * descr.ItemSize} bytes from byte offset {header.DataOffset}, but the file ends at byte offset {fileEnd}; the file was cut short, copy or save it again");

    private static float[] HalvesToSingles(byte[] bytes)
    {
        var halves = MemoryMarshal.Cast<byte, ushort>(bytes);
        var result = new float[halves.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (float)BitConverter.UInt16BitsToHalf(halves[i]);
        }

        return result;
    }

    /// <summary>Reorders column-major data into row-major order.</summary>
    private static T[] FortranToC<T>(T[] source, long[] shape)
    {
        var rank = shape.Length;
        var fStrides = new long[rank];
        long stride = 1;
        for (var k = 0; k < rank; k++)
        {
            fStrides[k] = stride;
            stride *= shape[k];
        }

        var result = new T[source.Length];
        var index = new long[rank];
        long offset = 0;
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = source[offset];

            // Advance the C-order odometer (last axis fastest), keeping the Fortran offset in step.
            for (var k = rank - 1; k >= 0; k--)
            {
                index[k]++;
                offset += fStrides[k];
                if (index[k] < shape[k])
                {
                    break;
                }

                offset -= fStrides[k] * shape[k];
                index[k] = 0;
            }
        }

        return result;
    }
}
