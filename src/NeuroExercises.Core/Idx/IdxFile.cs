using System.Buffers.Binary;
using System.IO.Compression;
using NeuroExercises.Core.Npy;

namespace NeuroExercises.Core.Idx;

/// <summary>
/// Reads IDX files, the format of MNIST and Fashion-MNIST (train-images-idx3-ubyte, …), plain or gzip-compressed.
/// </summary>
/// <remarks>
/// Layout: bytes 0–1 are zero; byte 2 is the element type (0x08 unsigned byte, 0x09 signed byte, 0x0B int16,
/// 0x0C int32, 0x0D float32, 0x0E float64); byte 3 is the number of dimensions n; then n big-endian int32 sizes;
/// then the elements, big-endian, in C order. Elements come back as <see cref="NpyDType.UInt8"/> (0x08),
/// <see cref="NpyDType.Int32"/> (0x09, 0x0B and 0x0C, widened), <see cref="NpyDType.Float32"/> or
/// <see cref="NpyDType.Float64"/>. Named IdxFile, not Idx, so that it does not clash with its namespace.
/// </remarks>
public static class IdxFile
{
    private static readonly byte[] GzipMagic = [0x1F, 0x8B];

    /// <summary>Reads an IDX file; gzip compression (MNIST's .gz downloads) is detected from the content.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The array, in C order.</returns>
    /// <exception cref="DataFormatException">The file is not a complete, well-formed IDX file.</exception>
    public static NpyArray Read(string path)
    {
        using var stream = DataFileAccess.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads IDX bytes (plain or gzip) from a stream; <paramref name="sourceName"/> names it in errors.</summary>
    /// <param name="stream">The bytes.</param>
    /// <param name="sourceName">File name for messages.</param>
    /// <returns>The array, in C order.</returns>
    /// <exception cref="DataFormatException">The bytes are not a complete, well-formed IDX file.</exception>
    public static NpyArray Read(Stream stream, string sourceName) => Read(stream, sourceName, DataReadLimits.Default);

    /// <summary>Reads IDX bytes (plain or gzip) with explicit decompression limits.</summary>
    /// <param name="stream">The bytes.</param>
    /// <param name="sourceName">File name for messages.</param>
    /// <param name="limits">A gzip file may inflate to at most <see cref="DataReadLimits.DecompressedBudget"/> of its size.</param>
    /// <returns>The array, in C order.</returns>
    /// <exception cref="DataFormatException">The bytes are not a complete, well-formed IDX file, or inflate past a limit.</exception>
    public static NpyArray Read(Stream stream, string sourceName, DataReadLimits limits)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(limits);
        var bytes = ReadAll(stream);
        if (bytes.AsSpan().StartsWith(GzipMagic))
        {
            bytes = Gunzip(bytes, sourceName, limits);
            sourceName += " (after gunzip)";
        }

        return Parse(bytes, sourceName);
    }

    private static NpyArray Parse(byte[] bytes, string source)
    {
        if (bytes.Length < 4)
        {
            throw new DataFormatException(source,
                $"{bytes.Length} bytes; an IDX file starts with a 4-byte magic number (00 00 type dims). The file is truncated or not IDX.");
        }

        if (bytes[0] != 0 || bytes[1] != 0)
        {
            throw new DataFormatException(source,
                $"bytes 0–1 are {bytes[0]:X2} {bytes[1]:X2}, expected 00 00: not an IDX file (MNIST format). "
                + "If it is a download, check that it is the idx file itself and not an HTML error page.");
        }

        var (dtype, itemSize) = bytes[2] switch
        {
            0x08 => (NpyDType.UInt8, 1),
            0x09 => (NpyDType.Int32, 1),
            0x0B => (NpyDType.Int32, 2),
            0x0C => (NpyDType.Int32, 4),
            0x0D => (NpyDType.Float32, 4),
            0x0E => (NpyDType.Float64, 8),
            _ => throw new DataFormatException(source,
                $"byte 2 (element type) is 0x{bytes[2]:X2}; IDX types are 0x08 u8, 0x09 i8, 0x0B i16, 0x0C i32, 0x0D f32, 0x0E f64."),
        };

        var ndim = bytes[3];
        var dataOffset = 4 + 4 * ndim;
        if (bytes.Length < dataOffset)
        {
            throw new DataFormatException(source,
                $"byte 3 says {ndim} dimensions, whose sizes need bytes 4–{dataOffset - 1}, but the file has {bytes.Length} bytes: truncated header.");
        }

        var shape = new long[ndim];
        long count = 1;
        for (var d = 0; d < ndim; d++)
        {
            var offset = 4 + 4 * d;
            var size = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset, 4));
            if (size < 0)
            {
                throw new DataFormatException(source, $"byte {offset}: dimension {d} has size {size}; sizes must be non-negative.");
            }

            shape[d] = size;
            count = count * size is var product && product <= Array.MaxLength ? product
                : throw new DataFormatException(source,
                    $"byte {offset}: dimensions [{string.Join(", ", shape[..(d + 1)])}…] hold more than {Array.MaxLength} elements; too large to read.");
        }

        var expected = count * itemSize;
        var available = (long)bytes.Length - dataOffset;
        if (available != expected)
        {
            var what = available < expected ? "truncated" : "has trailing bytes";
            throw new DataFormatException(source,
                $"byte {dataOffset}: shape [{string.Join(", ", shape)}] of {itemSize}-byte elements needs {expected} data bytes, "
                + $"found {available}: the file {what}. Download it again.");
        }

        var data = Decode(bytes.AsSpan(dataOffset), bytes[2], (int)count);
        return new NpyArray(dtype, shape, data);
    }

    private static Array Decode(ReadOnlySpan<byte> raw, byte type, int count)
    {
        switch (type)
        {
            case 0x08:
                return raw.ToArray();
            case 0x09:
            {
                var result = new int[count];
                for (var i = 0; i < count; i++)
                {
                    result[i] = (sbyte)raw[i];
                }

                return result;
            }

            case 0x0B:
            {
                var result = new int[count];
                for (var i = 0; i < count; i++)
                {
                    result[i] = BinaryPrimitives.ReadInt16BigEndian(raw[(2 * i)..]);
                }

                return result;
            }

            case 0x0C:
            {
                var result = new int[count];
                for (var i = 0; i < count; i++)
                {
                    result[i] = BinaryPrimitives.ReadInt32BigEndian(raw[(4 * i)..]);
                }

                return result;
            }

            case 0x0D:
            {
                var result = new float[count];
                for (var i = 0; i < count; i++)
                {
                    result[i] = BinaryPrimitives.ReadSingleBigEndian(raw[(4 * i)..]);
                }

                return result;
            }

            default:
            {
                var result = new double[count];
                for (var i = 0; i < count; i++)
                {
                    result[i] = BinaryPrimitives.ReadDoubleBigEndian(raw[(8 * i)..]);
                }

                return result;
            }
        }
    }

    private static byte[] ReadAll(Stream stream)
    {
        if (stream is MemoryStream memory && memory.Position == 0)
        {
            return memory.ToArray();
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static byte[] Gunzip(byte[] compressed, string source, DataReadLimits limits)
    {
        using var gzip = new GZipStream(new MemoryStream(compressed, writable: false), CompressionMode.Decompress);
        return BoundedInflate.ToArray(gzip, limits.DecompressedBudget(compressed.Length), source, "the file (gzip, 1F 8B at byte offset 0)", limits, "gzip");
    }
}
