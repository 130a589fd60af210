using System.IO.Compression;

namespace NeuroExercises.Core.Npy;

/// <summary>NumPy .npz archives (zip of .npy members, stored or deflated).</summary>
public static class Npz
{
    /// <summary>Reads every member; names lose only their final ".npy".</summary>
    /// <param name="path">The archive.</param>
    /// <returns>Member name → array, in archive order.</returns>
    public static IReadOnlyDictionary<string, NpyArray> Read(string path)
    {
        using var file = File.OpenRead(path);
        return Read(file, path);
    }

    /// <summary>Reads every member of an archive held in a stream; <paramref name="sourceName"/> names it in errors.</summary>
    /// <param name="stream">The archive bytes (seekable).</param>
    /// <param name="sourceName">File name for messages.</param>
    /// <returns>Member name → array, in archive order.</returns>
    public static IReadOnlyDictionary<string, NpyArray> Read(Stream stream, string sourceName)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex)
        {
            throw new DataFormatException(sourceName, $"not a zip archive ({ex.Message}); an .npz is written by numpy.savez or numpy.savez_compressed", ex);
        }

        using (zip)
        {
            var result = new OrderedDictionary<string, NpyArray>(StringComparer.Ordinal);
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/'))
                {
                    continue;
                }

                var name = MemberName(entry.FullName);
                var source = $"{sourceName} (member {entry.FullName})";
                if (result.ContainsKey(name))
                {
                    throw new DataFormatException(source, $"member name '{name}' occurs twice in the archive");
                }

                using var buffer = new MemoryStream();
                try
                {
                    using var member = entry.Open();
                    member.CopyTo(buffer);
                }
                catch (InvalidDataException ex)
                {
                    throw new DataFormatException(source, $"member cannot be decompressed ({ex.Message}): the archive is corrupted", ex);
                }

                buffer.Position = 0;
                result.Add(name, Npy.Read(buffer, source));
            }

            return result;
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
