using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NeuroExercises.Core.Mat;

/// <summary>
/// Bounds-checked reading of a window of a MAT-file buffer in the file's byte order. Every read past the window end
/// raises <see cref="DataFormatException"/> naming the file and the byte offset, never an IndexOutOfRangeException.
/// </summary>
internal sealed class MatCursor
{
    private readonly byte[] _buffer;
    private readonly int _end;
    private readonly string _file;
    private readonly string? _container;

    /// <summary>Creates a cursor over <paramref name="buffer"/>[<paramref name="start"/>, <paramref name="end"/>).</summary>
    /// <param name="buffer">The bytes (a whole file, or the output of one miCOMPRESSED element).</param>
    /// <param name="start">First readable byte.</param>
    /// <param name="end">One past the last readable byte.</param>
    /// <param name="bigEndian">True when the file was written big-endian ("MI").</param>
    /// <param name="file">File name for messages.</param>
    /// <param name="container">Null for the file itself; otherwise a description such as "the miCOMPRESSED element at byte offset 128".</param>
    public MatCursor(byte[] buffer, int start, int end, bool bigEndian, string file, string? container)
    {
        _buffer = buffer;
        Position = start;
        _end = end;
        BigEndian = bigEndian;
        _file = file;
        _container = container;
    }

    /// <summary>Current read position within the buffer.</summary>
    public int Position { get; private set; }

    /// <summary>Bytes left in the window.</summary>
    public int Remaining => _end - Position;

    /// <summary>True for a big-endian file.</summary>
    public bool BigEndian { get; }

    /// <summary>The whole buffer (for decompression of a window).</summary>
    public byte[] Buffer => _buffer;

    /// <summary>Describes <paramref name="offset"/> for a message ("byte offset 312", or "byte 40 of the data decompressed from …").</summary>
    /// <param name="offset">Offset within the buffer.</param>
    /// <returns>Location text.</returns>
    public string Where(int offset) => _container is null
        ? $"byte offset {offset}"
        : $"byte {offset} of the data decompressed from {_container}";

    /// <summary>An error naming the file and the location of <paramref name="offset"/>.</summary>
    /// <param name="offset">Offset within the buffer where the problem is.</param>
    /// <param name="problem">What is wrong, and the fix.</param>
    /// <returns>The exception to throw.</returns>
    public DataFormatException Error(int offset, string problem) => new(_file, $"{Where(offset)}: {problem}");

    /// <summary>Takes the next <paramref name="count"/> bytes.</summary>
    /// <param name="count">Number of bytes.</param>
    /// <param name="what">What is being read, for the message.</param>
    /// <returns>The bytes.</returns>
    public ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count < 0 || count > Remaining)
        {
            throw Error(Position, $"{what} needs {count} bytes but only {Remaining} remain: the file is truncated or corrupt; copy or save it again.");
        }

        var span = new ReadOnlySpan<byte>(_buffer, Position, count);
        Position += count;
        return span;
    }

    /// <summary>Reads a uint32 in the file's byte order.</summary>
    /// <param name="what">What is being read, for the message.</param>
    /// <returns>The value.</returns>
    public uint ReadUInt32(string what)
    {
        var bytes = Take(4, what);
        return BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);
    }

    /// <summary>Moves to <paramref name="position"/>, clamped to the window end.</summary>
    /// <param name="position">New position.</param>
    public void Seek(int position) => Position = Math.Min(position, _end);

    /// <summary>A cursor over the next <paramref name="count"/> bytes (which this cursor skips).</summary>
    /// <param name="count">Window length.</param>
    /// <param name="what">What is being read, for the message.</param>
    /// <returns>The sub-cursor.</returns>
    public MatCursor Slice(int count, string what)
    {
        var start = Position;
        _ = Take(count, what);
        return new MatCursor(_buffer, start, start + count, BigEndian, _file, _container);
    }

    /// <summary>A cursor with the same file and byte order over a new buffer (decompressed data).</summary>
    /// <param name="buffer">New buffer.</param>
    /// <param name="container">Description of where the buffer came from.</param>
    /// <returns>The cursor.</returns>
    public MatCursor Over(byte[] buffer, string container) => new(buffer, 0, buffer.Length, BigEndian, _file, container);

    /// <summary>Reads the rest of the window as values of <typeparamref name="T"/> in the file's byte order.</summary>
    /// <typeparam name="T">An unmanaged numeric type.</typeparam>
    /// <param name="what">What is being read, for the message.</param>
    /// <returns>The values.</returns>
    public T[] ReadAll<T>(string what)
        where T : unmanaged
    {
        var size = Unsafe.SizeOf<T>();
        var start = Position;
        if (Remaining % size != 0)
        {
            throw Error(start, $"{what} holds {Remaining} bytes, not a multiple of the {size}-byte element size: the file is corrupt.");
        }

        var values = MemoryMarshal.Cast<byte, T>(Take(Remaining, what)).ToArray();
        if (size > 1 && BigEndian == BitConverter.IsLittleEndian)
        {
            var raw = MemoryMarshal.AsBytes(values.AsSpan());
            for (var i = 0; i < raw.Length; i += size)
            {
                raw.Slice(i, size).Reverse();
            }
        }

        return values;
    }
}
