using System.Buffers.Binary;

namespace NeuroExercises.Core.Tests.Hardening;

/// <summary>
/// Deterministic mutations of a file, as a hostile or damaged copy would differ: bit flips, random bytes, truncation,
/// large integers written over header-like fields, a run of bytes deleted or duplicated.
/// </summary>
public static class Mutator
{
    private static readonly ulong[] LargeValues =
    [
        0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0x40000000, 0x10000, 0xFFFF, 0,
        0x7FFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF, 0x8000000000000000, 0x100000000,
    ];

    /// <summary>The <paramref name="caseIndex"/>-th mutation of <paramref name="original"/> (same inputs, same bytes).</summary>
    /// <param name="original">The fixture.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="caseIndex">Which case.</param>
    /// <returns>The mutated bytes and a description of the mutation.</returns>
    public static (byte[] Bytes, string How) Mutate(byte[] original, int seed, int caseIndex)
    {
        // Not HashCode.Combine: its seed changes with every process, and the cases must not.
        var random = new Random(unchecked((seed * 1_000_003) + (caseIndex * 7919) + original.Length));
        var bytes = (byte[])original.Clone();
        var kind = random.Next(7);
        if (bytes.Length == 0)
        {
            return ([(byte)random.Next(256)], "one random byte");
        }

        switch (kind)
        {
            case 0:
            {
                var flips = 1 + random.Next(4);
                var at = new List<int>();
                for (var i = 0; i < flips; i++)
                {
                    var bit = random.NextInt64(bytes.Length * 8L);
                    bytes[bit / 8] ^= (byte)(1 << (int)(bit % 8));
                    at.Add((int)(bit / 8));
                }

                return (bytes, $"bit flips at byte offsets {string.Join(",", at)}");
            }

            case 1:
            {
                var count = 1 + random.Next(8);
                var start = random.Next(bytes.Length);
                for (var i = start; i < Math.Min(bytes.Length, start + count); i++)
                {
                    bytes[i] = (byte)random.Next(256);
                }

                return (bytes, $"{count} random bytes at byte offset {start}");
            }

            case 2:
            {
                var length = random.Next(bytes.Length);
                return (bytes[..length], $"truncated to {length} bytes");
            }

            case 3:
            case 4:
            {
                // Header fields (sizes, counts, offsets, dimensions) sit at aligned offsets, mostly near the start.
                var width = random.Next(2) == 0 ? 4 : 8;
                var span = Math.Min(bytes.Length, kind == 3 ? 512 : bytes.Length);
                var at = random.Next(Math.Max(1, span / width)) * width;
                if (at + width > bytes.Length)
                {
                    at = Math.Max(0, bytes.Length - width);
                }

                var value = LargeValues[random.Next(LargeValues.Length)];
                var bigEndian = random.Next(2) == 0;
                var field = bytes.AsSpan(at, Math.Min(width, bytes.Length - at));
                Span<byte> raw = stackalloc byte[8];
                if (bigEndian)
                {
                    BinaryPrimitives.WriteUInt64BigEndian(raw, value);
                    raw[(8 - field.Length)..].CopyTo(field);
                }
                else
                {
                    BinaryPrimitives.WriteUInt64LittleEndian(raw, value);
                    raw[..field.Length].CopyTo(field);
                }

                return (bytes, $"0x{value:X} written {(bigEndian ? "big" : "little")}-endian over {field.Length} bytes at byte offset {at}");
            }

            case 5:
            {
                var start = random.Next(bytes.Length);
                var count = 1 + random.Next(Math.Min(64, bytes.Length - start));
                return ([.. bytes[..start], .. bytes[(start + count)..]], $"{count} bytes deleted at byte offset {start}");
            }

            default:
            {
                var start = random.Next(bytes.Length);
                var count = 1 + random.Next(Math.Min(64, bytes.Length - start));
                return ([.. bytes[..(start + count)], .. bytes[start..]], $"{count} bytes duplicated at byte offset {start}");
            }
        }
    }
}
