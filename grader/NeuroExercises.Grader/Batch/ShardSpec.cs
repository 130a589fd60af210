using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NeuroExercises.Grader.Batch;

/// <summary>
/// <c>--shard K/N</c>: shard K (1 to N) of N holds the submissions whose id hashes to K - 1 modulo N (first 8 bytes of
/// SHA-256 of the id's UTF-8 bytes): stable whatever else is in the folder, the same on every machine.
/// </summary>
/// <param name="Index">K, 1-based.</param>
/// <param name="Count">N.</param>
internal sealed record ShardSpec(int Index, int Count)
{
    /// <summary>The whole batch (1/1).</summary>
    public static ShardSpec All { get; } = new(1, 1);

    /// <summary>Parses <c>K/N</c>; throws <see cref="BatchInputException"/> naming the fix.</summary>
    public static ShardSpec Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return All;
        }

        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var k)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n >= 1 && k >= 1 && k <= n)
        {
            return new ShardSpec(k, n);
        }

        throw new BatchInputException($"--shard: '{text}' is not K/N with 1 ≤ K ≤ N (e.g. --shard 2/3 for the second of three shards).");
    }

    /// <summary>True when submission <paramref name="id"/> belongs to this shard.</summary>
    public bool Contains(string id) => Count == 1 || ShardOf(id, Count) == Index;

    /// <summary>The shard (1-based) of <paramref name="id"/> among <paramref name="count"/>.</summary>
    public static int ShardOf(string id, int count)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(id));
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % (ulong)count) + 1;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
