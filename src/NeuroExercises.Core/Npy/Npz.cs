using System.IO.Compression;

namespace NeuroExercises.Core.Npy;

/// <summary>NumPy .npz archives (zip of .npy members, stored or deflated).</summary>
public static class Npz
{
    /// <summary>Reads every member; names lose only their final ".npy".</summary>
    /// <param name="path">The archive.</param>
    /// <returns>Member name → array, in archive order.</returns>
    /// <exception cref="DataFormatException">The archive or a member is corrupt, or a member is over <see cref="DataReadLimits.Default"/>.</exception>
    public static IReadOnlyDictionary<string, NpyArray> Read(string path)
    {
        using var file = DataFileAccess.OpenRead(path);
        return Read(file, path);
    }

    /// <summary>Reads every member of an archive held in a stream; <paramref name="sourceName"/> names it in errors.</summary>
    /// <param name="stream">The archive bytes (seekable).</param>
    /// <param name="sourceName">File name for messages.</param>
    /// <returns>Member name → array, in archive order.</returns>
    /// <exception cref="DataFormatException">The archive or a member is corrupt, or a member is over <see cref="DataReadLimits.Default"/>.</exception>
    public static IReadOnlyDictionary<string, NpyArray> Read(Stream stream, string sourceName) => Read(stream, sourceName, DataReadLimits.Default);

    /// <summary>Reads every member of an archive with explicit decompression limits.</summary>
    /// <param name="stream">The archive bytes (seekable).</param>
    /// <param name="sourceName">File name for messages.</param>
    /// <param name="limits">A member may inflate to at most <see cref="DataReadLimits.DecompressedBudget"/> of its compressed size; a stored member must fit in the archive.</param>
    /// <returns>Member name → array, in archive order.</returns>
    /// <exception cref="DataFormatException">The archive or a member is corrupt, or a member is over a limit.</exception>
    public static IReadOnlyDictionary<string, NpyArray> Read(Stream stream, string sourceName, DataReadLimits limits)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(limits);
        const string hint = "an .npz is written by numpy.savez or numpy.savez_compressed; copy or save it again";
        ZipArchive zip;
        IReadOnlyList<ZipArchiveEntry> entries;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            entries = zip.Entries;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException or ArgumentException)
        {
            throw new DataFormatException(sourceName, $"not a zip archive, or a corrupt one: its end-of-central-directory record or central directory is corrupt ({ex.Message}); {hint}", ex);
        }

        using (zip)
        {
            var archiveLength = stream.CanSeek ? stream.Length : long.MaxValue;
            var result = new OrderedDictionary<string, NpyArray>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                if (entry.FullName.EndsWith('/'))
                {
                    continue;
                }

                var name = MemberName(entry.FullName);
                var source = $"{sourceName} (member {entry.FullName})";
                if (result.ContainsKey(name))
                {
                    throw new DataFormatException(source, $"member name '{name}' occurs twice in the archive; {hint}");
                }

                var bytes = ReadMember(entry, Math.Min(entry.CompressedLength, archiveLength), sourceName, limits);
                using var buffer = new MemoryStream(bytes, writable: false);
                result.Add(name, Npy.Read(buffer, source));
            }

            return result;
        }
    }

    /// <summary>Inflates one member within the limits; every zip or deflate error becomes <see cref="DataFormatException"/>.</summary>
    internal static byte[] ReadMember(ZipArchiveEntry entry, long compressedLength, string sourceName, DataReadLimits limits)
    {
        var what = $"member {entry.FullName}";
        var budget = limits.DecompressedBudget(compressedLength);
        if (entry.Length > budget)
        {
            throw new DataFormatException(sourceName, $"{what} declares {entry.Length} bytes uncompressed, more than the {budget} bytes its {compressedLength} compressed bytes may inflate to: the archive is corrupt or a decompression bomb; {limits.RaiseHint}.");
        }

        Stream member;
        try
        {
            member = entry.Open();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException or ArgumentException)
        {
            throw new DataFormatException(sourceName, $"{what} cannot be opened ({ex.Message}): its local header or compression method is corrupt; copy or save the archive again", ex);
        }

        using (member)
        {
            return BoundedInflate.ToArray(member, budget, sourceName, what, limits);
        }
    }

    /// <summary>Writes an archive (zip-stored, as np.savez).</summary>
    /// <param name="path">The archive to write.</param>
    /// <param name="arrays">Member name → array.</param>
    public static void Write(string path, IEnumerable<KeyValuePair<string, NpyArray>> arrays)
    {
        ArgumentNullException.ThrowIfNull(arrays);
        using var file = File.Create(path);
        Write(file, arrays, compress: false);
    }

    /// <summary>Writes an archive to a stream, stored (np.savez) or deflated (np.savez_compressed).</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="arrays">Member name → array; each is written as "name.npy".</param>
    /// <param name="compress">True to deflate the members.</param>
    public static void Write(Stream stream, IEnumerable<KeyValuePair<string, NpyArray>> arrays, bool compress)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(arrays);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (name, array) in arrays)
        {
            if (!seen.Add(name))
            {
                throw new ArgumentException($"member name '{name}' is given twice; npz member names must be unique", nameof(arrays));
            }

            var entry = zip.CreateEntry(name + ".npy", compress ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
            entry.LastWriteTime = FixedTimestamp; // same arrays → same bytes (snapshots and their manifest hash are reproducible)
            using var member = entry.Open();
            Npy.Write(member, array);
        }
    }

    /// <summary>The zip time stamp of every member we write (the earliest a zip can hold).</summary>
    private static readonly DateTimeOffset FixedTimestamp = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>"perturbed_J_0.01.npy" → "perturbed_J_0.01": only a final ".npy" is removed.</summary>
    internal static string MemberName(string entryName) =>
        entryName.EndsWith(".npy", StringComparison.Ordinal) ? entryName[..^4] : entryName;
}
