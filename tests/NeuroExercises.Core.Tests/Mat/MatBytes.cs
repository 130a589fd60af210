using System.Buffers.Binary;
using System.Text;

namespace NeuroExercises.Core.Tests.Mat;

/// <summary>Writes Level 5 MAT-file bytes by hand (either byte order), for byte-level tests.</summary>
internal sealed class MatBytes
{
    private readonly bool _bigEndian;
    private readonly MemoryStream _stream = new();

    public MatBytes(bool bigEndian, ushort version = 0x0100)
    {
        _bigEndian = bigEndian;
        var header = new byte[128];
        Encoding.ASCII.GetBytes("MATLAB 5.0 MAT-file, hand-made for tests").CopyTo(header, 0);
        header.AsSpan(41, 75).Fill((byte)' ');
        WriteUInt16(header.AsSpan(124), version);
        Encoding.ASCII.GetBytes(bigEndian ? "MI" : "IM").CopyTo(header, 126);
        _stream.Write(header);
    }

    public byte[] ToArray() => _stream.ToArray();

    /// <summary>Appends raw bytes (e.g. a matrix element from <see cref="Matrix"/>).</summary>
    public MatBytes Add(byte[] bytes)
    {
        _stream.Write(bytes);
        return this;
    }

    /// <summary>An miMATRIX element: flags, dimensions, name (small element when ≤ 4 bytes), then the given sub-elements.</summary>
    public byte[] Matrix(int classId, uint flagBits, int[] dims, string name, params byte[][] data)
    {
        var body = new MemoryStream();
        body.Write(Element(6, Words32([(uint)classId | flagBits, 0])));
        body.Write(Element(5, Words32([.. dims.Select(d => (uint)d)])));
        body.Write(Element(1, Encoding.ASCII.GetBytes(name), small: name.Length <= 4));
        foreach (var d in data)
        {
            body.Write(d);
        }

        return Element(14, body.ToArray());
    }

    /// <summary>One data element, normal or small format, padded to 8 bytes.</summary>
    public byte[] Element(int type, byte[] data, bool small = false)
    {
        if (small)
        {
            var tag = new byte[8];
            WriteUInt32(tag, ((uint)data.Length << 16) | (uint)type);
            data.CopyTo(tag, 4);
            return tag;
        }

        var result = new byte[8 + ((data.Length + 7) & ~7)];
        WriteUInt32(result, (uint)type);
        WriteUInt32(result.AsSpan(4), (uint)data.Length);
        data.CopyTo(result, 8);
        return result;
    }

    public byte[] Doubles(params double[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++)
        {
            if (_bigEndian)
            {
                BinaryPrimitives.WriteDoubleBigEndian(bytes.AsSpan(i * 8), values[i]);
            }
            else
            {
                BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
            }
        }

        return bytes;
    }

    public byte[] Words16(params ushort[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
        {
            WriteUInt16(bytes.AsSpan(i * 2), values[i]);
        }

        return bytes;
    }

    public byte[] Words32(params uint[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            WriteUInt32(bytes.AsSpan(i * 4), values[i]);
        }

        return bytes;
    }

    private void WriteUInt16(Span<byte> target, ushort value)
    {
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(target, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(target, value);
        }
    }

    private void WriteUInt32(Span<byte> target, uint value)
    {
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(target, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(target, value);
        }
    }
}
