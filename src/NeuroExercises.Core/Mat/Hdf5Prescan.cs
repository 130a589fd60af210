using System.Buffers.Binary;

namespace NeuroExercises.Core.Mat;

/// <summary>
/// Checks the size fields of the HDF5 structures that PureHDF allocates for in one piece, before PureHDF sees the
/// file: the data segment of every local heap ("HEAP") and every global heap collection ("GCOL") and its objects
/// must lie inside the file. PureHDF would otherwise allocate what a corrupt size field says (up to 2 GB for a
/// 5 KB file) before it finds the file too short. Likewise the messages of every version-1 object header reachable from
/// the root group and the symbol table nodes ("SNOD"): an attribute's data and a fill value must fit in their message.
/// </summary>
internal static class Hdf5Prescan
{
    private static readonly byte[] Superblock = [0x89, (byte)'H', (byte)'D', (byte)'F', (byte)'\r', (byte)'\n', 0x1A, (byte)'\n'];

    /// <summary>Throws <see cref="DataFormatException"/> at the first size field that points past the end of the file.</summary>
    /// <param name="bytes">The whole MAT-file.</param>
    /// <param name="file">File name for messages.</param>
    public static void Check(byte[] bytes, string file)
    {
        var lengthSize = LengthSize(bytes);
        Scan(bytes, "HEAP"u8, (at) =>
        {
            // "HEAP", version, 3 reserved, data segment size, free-list offset, data segment address.
            var size = ReadLength(bytes, at + 8, lengthSize);
            if (size is { } s && (s > (ulong)bytes.Length))
            {
                throw Error(file, at, $"the local heap declares a {s}-byte data segment in a {bytes.Length}-byte file");
            }
        });
        CheckObjectHeaders(bytes, file, lengthSize);
        Scan(bytes, "GCOL"u8, (at) =>
        {
            // "GCOL", version, 3 reserved, collection size (including this header), then objects.
            if (ReadLength(bytes, at + 8, lengthSize) is not { } size)
            {
                return;
            }

            if (size > (ulong)(bytes.Length - at))
            {
                throw Error(file, at, $"the global heap collection declares {size} bytes but only {bytes.Length - at} remain in the file");
            }

            var end = at + (long)size;
            var pos = (long)at + 8 + lengthSize;
            while (pos + 8 + lengthSize <= end)
            {
                // Object: index (2), reference count (2), reserved (4), size, data padded to 8.
                var index = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan((int)pos));
                var objectSize = ReadLength(bytes, (int)pos + 8, lengthSize) ?? 0;
                if (objectSize > (ulong)(end - pos))
                {
                    throw Error(file, (int)pos, $"global heap object {index} declares {objectSize} bytes but only {end - pos} remain in its collection");
                }

                if (index == 0)
                {
                    break; // The free space object ends the collection.
                }

                pos += 8 + lengthSize + (long)((objectSize + 7) & ~7UL);
            }
        });
    }

    private static void CheckObjectHeaders(byte[] bytes, string file, int lengthSize)
    {
        if (FindSuperblock(bytes) is not { } super || bytes[super + 8] > 1 || super + 24 + (5 * 8) > bytes.Length)
        {
            return; // Superblock version 2/3 (v2 object headers only) or none: nothing to walk here.
        }

        var offsetSize = bytes[super + 13] is 2 or 4 or 8 ? bytes[super + 13] : 8;
        var headers = new Queue<long>();
        var seen = new HashSet<long>();

        // Root group symbol table entry after base, free-space, end-of-file and driver addresses (version 0; version 1 has 4 more bytes).
        var root = super + 24 + (bytes[super + 8] == 1 ? 4 : 0) + (4 * offsetSize);
        if (ReadLength(bytes, root + offsetSize, offsetSize) is { } rootHeader)
        {
            headers.Enqueue(super + (long)rootHeader);
        }

        Scan(bytes, "SNOD"u8, at =>
        {
            var count = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(Math.Min(at + 6, bytes.Length - 2)));
            var entrySize = (2 * offsetSize) + 24;
            for (var i = 0; i < count && at + 8 + ((i + 1) * entrySize) <= bytes.Length; i++)
            {
                if (ReadLength(bytes, at + 8 + (i * entrySize) + offsetSize, offsetSize) is { } header)
                {
                    headers.Enqueue(super + (long)header);
                }
            }
        });

        var budget = bytes.Length; // blocks visited: never more than the file has bytes
        while (headers.Count > 0 && budget-- > 0)
        {
            var at = headers.Dequeue();
            if (!seen.Add(at) || at < 0 || at + 16 > bytes.Length || bytes[at] != 1)
            {
                continue; // Not a version-1 object header: PureHDF's own checks refuse or read it.
            }

            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)at + 8));
            var blocks = new Queue<(long Start, long End)>();
            blocks.Enqueue((at + 16, at + 16 + size));
            while (blocks.Count > 0 && budget-- > 0)
            {
                var (start, end) = blocks.Dequeue();

                // As PureHDF does: decode messages while the block's remaining size is above 0; a message that runs past
                // the block's end makes that (unsigned) remainder wrap, and decoding goes on to the end of the file.
                for (var m = start; m < end && m + 8 <= bytes.Length && m >= 0;)
                {
                    var type = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan((int)m));
                    var messageSize = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan((int)m + 2));
                    var data = (int)m + 8;
                    var dataEnd = Math.Min(data + messageSize, bytes.Length);
                    CheckMessage(bytes, file, type, data, dataEnd, lengthSize);
                    if (HardLink(bytes, type, data, offsetSize) is { } linked)
                    {
                        headers.Enqueue(super + (long)linked);
                    }

                    if (type == 0x10 && ReadLength(bytes, data, offsetSize) is { } next && ReadLength(bytes, data + offsetSize, lengthSize) is { } length)
                    {
                        blocks.Enqueue((super + (long)next, super + (long)next + (long)Math.Min(length, (ulong)bytes.Length)));
                    }

                    m = data + messageSize;
                    if (m > end)
                    {
                        end = bytes.Length;
                    }
                }
            }
        }
    }

    /// <summary>The object header address of a hard link message (0x06), which new-style groups use instead of symbol tables.</summary>
    private static ulong? HardLink(byte[] bytes, int type, int data, int offsetSize)
    {
        if (type != 0x06 || data + 2 > bytes.Length)
        {
            return null;
        }

        var flags = bytes[data + 1];
        var hard = (flags & 0x08) == 0 || (data + 2 < bytes.Length && bytes[data + 2] == 0);
        var lengthAt = data + 2 + ((flags & 0x08) != 0 ? 1 : 0) + ((flags & 0x04) != 0 ? 8 : 0) + ((flags & 0x10) != 0 ? 1 : 0);
        var width = 1 << (flags & 3);
        var nameLength = ReadLength(bytes, lengthAt, width) ?? ulong.MaxValue;
        return hard && nameLength < (ulong)bytes.Length ? ReadLength(bytes, lengthAt + width + (int)nameLength, offsetSize) : null;
    }

    private static void CheckMessage(byte[] bytes, string file, int type, int data, int end, int lengthSize)
    {
        // PureHDF decodes a message's fields whatever size the message declares: check them even in a 0-byte message.
        var room = Math.Max(0, (long)end - data);
        if (data >= bytes.Length)
        {
            return;
        }

        switch (type)
        {
            case 0x04: // Old fill value: size (4), value.
                Require(bytes, file, data, ReadUInt32(bytes, data), room - 4, "fill value");
                break;
            case 0x05: // Fill value: version 1/2 have size (4) after 3 bytes (version 2 only when defined); version 3 after flags when bit 5 is set.
                var version = bytes[data];
                if (version is 1 or 2 && (version == 1 || bytes[Math.Min(data + 3, end - 1)] != 0))
                {
                    Require(bytes, file, data, ReadUInt32(bytes, data + 4), room - 8, "fill value");
                }
                else if (version == 3 && (bytes[Math.Min(data + 1, end - 1)] & 0x20) != 0)
                {
                    Require(bytes, file, data, ReadUInt32(bytes, data + 2), room - 6, "fill value");
                }

                break;
            case 0x08 when bytes[data] is 1 or 2 && data + 3 <= bytes.Length && bytes[data + 2] == 0:
                // Data layout version 1/2, compact: 8 bytes, rank × 4 dimension bytes, size (4), the data.
                var sizeAt = data + 8 + (bytes[data + 1] * 4);
                Require(bytes, file, data, ReadUInt32(bytes, sizeAt), room - (sizeAt + 4 - data), "compact dataset");
                break;
            case 0x06 when data + 2 <= bytes.Length: // Link: version, flags, optional fields, name length (1/2/4/8 bytes), name.
                var flags = bytes[data + 1];
                var lengthAt = data + 2 + ((flags & 0x08) != 0 ? 1 : 0) + ((flags & 0x04) != 0 ? 8 : 0) + ((flags & 0x10) != 0 ? 1 : 0);
                var nameLength = ReadLength(bytes, lengthAt, 1 << (flags & 3)) ?? 0;
                Require(bytes, file, data, nameLength, room - (lengthAt + (1 << (flags & 3)) - data), "link name");
                break;
            case 0x0C: // Attribute: name, datatype and dataspace sizes, then the data, Π dims × element size bytes.
                CheckAttribute(bytes, file, data, end, lengthSize);
                break;
        }
    }

    private static void CheckAttribute(byte[] bytes, string file, int data, int end, int lengthSize)
    {
        if (data + 8 > end)
        {
            return;
        }

        var version = bytes[data];
        long nameSize = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(data + 2));
        long typeSize = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(data + 4));
        long spaceSize = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(data + 6));
        long Pad(long n) => version == 1 ? (n + 7) & ~7L : n;
        var typeAt = data + 8 + (version == 3 ? 1 : 0) + Pad(nameSize);
        var spaceAt = typeAt + Pad(typeSize);
        var valueAt = spaceAt + Pad(spaceSize);
        if (valueAt > end)
        {
            throw Error(file, data, $"an attribute message declares a {nameSize}-byte name, {typeSize}-byte datatype and {spaceSize}-byte dataspace, more than its {end - data} bytes");
        }

        var elementSize = (double)ReadUInt32(bytes, (int)typeAt + 4);
        var rank = bytes[spaceAt + 1];
        var dimsAt = spaceAt + (bytes[spaceAt] == 1 ? 8 : 4);
        var elements = 1.0;
        for (var d = 0; d < rank; d++)
        {
            elements *= ReadLength(bytes, (int)(dimsAt + (d * lengthSize)), lengthSize) ?? 0;
        }

        Require(bytes, file, data, elements * elementSize, end - valueAt, "attribute value");
    }

    private static long ReadUInt32(byte[] bytes, int at) =>
        at >= 0 && at + 4 <= bytes.Length ? BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at)) : 0;

    private static void Require(byte[] bytes, string file, int at, double declared, long room, string what)
    {
        if (declared > Math.Max(room, 0))
        {
            throw Error(file, at, $"a header message declares a {declared:0}-byte {what} but holds only {Math.Max(room, 0)} bytes (file of {bytes.Length} bytes)");
        }
    }

    private static int? FindSuperblock(byte[] bytes)
    {
        foreach (var at in new[] { 512, 0, 1024, 2048 })
        {
            if (at + 16 <= bytes.Length && bytes.AsSpan(at, 8).SequenceEqual(Superblock))
            {
                return at;
            }
        }

        return null;
    }

    private static void Scan(byte[] bytes, ReadOnlySpan<byte> signature, Action<int> check)
    {
        for (var from = 0; from < bytes.Length;)
        {
            var hit = bytes.AsSpan(from).IndexOf(signature);
            if (hit < 0)
            {
                return;
            }

            check(from + hit);
            from += hit + 1;
        }
    }

    private static int LengthSize(byte[] bytes)
    {
        // MATLAB puts the superblock after its 512-byte header; HDF5 also allows 0, 1024, 2048, ….
        foreach (var at in new[] { 512, 0, 1024, 2048 })
        {
            if (at + 16 <= bytes.Length && bytes.AsSpan(at, 8).SequenceEqual(Superblock))
            {
                var size = bytes[at + 8] <= 1 ? bytes[at + 14] : bytes[at + 10];
                return size is 2 or 4 or 8 ? size : 8;
            }
        }

        return 8;
    }

    private static ulong? ReadLength(ReadOnlySpan<byte> bytes, int at, int size)
    {
        if (at < 0 || at + size > bytes.Length)
        {
            return null;
        }

        return size switch
        {
            1 => bytes[at],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(bytes[at..]),
            4 => BinaryPrimitives.ReadUInt32LittleEndian(bytes[at..]),
            _ => BinaryPrimitives.ReadUInt64LittleEndian(bytes[at..]),
        };
    }

    private static DataFormatException Error(string file, int offset, string problem) =>
        new(file, $"byte offset {offset} (HDF5 part of a v7.3 file): {problem}: the file is corrupt or truncated; copy it again, or re-save it with save -v7.");
}
