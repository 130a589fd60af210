using System.Formats.Tar;
using System.IO.Compression;

namespace NeuroExercises.Core.Cifar;

/// <summary>Which half of CIFAR-10.</summary>
public enum Cifar10Split
{
    /// <summary>The 50 000 training images: data_batch_1.bin … data_batch_5.bin, in that order.</summary>
    Train,

    /// <summary>The 10 000 test images: test_batch.bin.</summary>
    Test,
}

/// <summary>CIFAR-10 images as stored: one label byte and 3 072 pixel bytes per image.</summary>
/// <param name="Labels">[N] class indices 0–9 (<see cref="Cifar10Binary.ClassNames"/>).</param>
/// <param name="Pixels">[N, 3, 32, 32] in C order: per image the 1 024 red, then green, then blue values, each plane row by row.</param>
public sealed record Cifar10Images(byte[] Labels, byte[] Pixels)
{
    /// <summary>Number of images N.</summary>
    public int Count => Labels.Length;
}

/// <summary>
/// Reads the "binary version" of CIFAR-10 (Krizhevsky 2009, https://www.cs.toronto.edu/~kriz/cifar.html): the archive
/// cifar-10-binary.tar.gz as downloaded (its folder cifar-10-batches-bin/ with data_batch_1–5.bin and test_batch.bin), the
/// same archive un-gzipped, or one extracted batch file. Each batch is 10 000 records of 3 073 bytes: the label (0–9), then
/// the 32×32 red, green and blue planes. The course's loaders (torchvision, keras) read the Python "pickle" version of the
/// same images; this layout is read without running pickle.
/// </summary>
/// <remarks>
/// Bounds, as for the other readers (<see cref="DataReadLimits"/>): the gzip stream inflates to at most the budget for the
/// file's size; a batch larger than the bytes that remain is never allocated; a batch whose size is not a whole number of
/// records, a label above 9, or a missing batch is refused with a <see cref="DataFormatException"/> naming the file, the
/// member and the record.
/// </remarks>
public static class Cifar10Binary
{
    /// <summary>Bytes per record: 1 label + 3 × 32 × 32 pixels.</summary>
    public const int RecordBytes = 1 + PixelBytes;

    /// <summary>Pixel bytes per image (3 × 32 × 32).</summary>
    public const int PixelBytes = 3 * 32 * 32;

    /// <summary>The folder inside the archive.</summary>
    public const string Folder = "cifar-10-batches-bin";

    /// <summary>The ten classes, in label order (batches.meta.txt).</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    /// <summary>The batch files of a split, in reading order.</summary>
    /// <param name="split">Train or test.</param>
    /// <returns>File names inside <see cref="Folder"/>.</returns>
    public static IReadOnlyList<string> BatchFiles(Cifar10Split split) => split == Cifar10Split.Train
        ? ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"]
        : ["test_batch.bin"];

    /// <summary>Reads a split from the archive (tar.gz or tar) or, for a path ending in .bin, that one batch file.</summary>
    /// <param name="path">cifar-10-binary.tar.gz, its .tar, or a batch .bin.</param>
    /// <param name="split">Which split (ignored for a single .bin).</param>
    /// <param name="limits">Decompression limits; null for <see cref="DataReadLimits.Default"/>.</param>
    /// <returns>The images.</returns>
    public static Cifar10Images Read(string path, Cifar10Split split = Cifar10Split.Test, DataReadLimits? limits = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = DataFileAccess.OpenRead(path);
        return path.EndsWith(".bin", StringComparison.OrdinalIgnoreCase)
            ? ReadBatch(stream, path)
            : Read(stream, path, split, limits ?? DataReadLimits.Default);
    }

    /// <summary>Reads a split from archive bytes (gzip detected from the content, else a plain tar).</summary>
    /// <param name="stream">The archive.</param>
    /// <param name="sourceName">Names the file in errors.</param>
    /// <param name="split">Which split.</param>
    /// <param name="limits">Decompression limits.</param>
    /// <returns>The images of the split's batches, concatenated in order.</returns>
    public static Cifar10Images Read(Stream stream, string sourceName, Cifar10Split split, DataReadLimits limits)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(limits);
        var bytes = ReadAll(stream);
        Stream tar;
        if (bytes.Length >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B)
        {
            using var gzip = new GZipStream(new MemoryStream(bytes, writable: false), CompressionMode.Decompress);
            var inflated = BoundedInflate.ToArray(gzip, limits.DecompressedBudget(bytes.Length), sourceName, "the archive (gzip, 1F 8B at byte offset 0)", limits, "gzip");
            tar = new MemoryStream(inflated, writable: false);
        }
        else
        {
            tar = new MemoryStream(bytes, writable: false);
        }

        var wanted = BatchFiles(split);
        var found = new Dictionary<string, Cifar10Images>(StringComparer.Ordinal);
        try
        {
            using var reader = new TarReader(tar);
            TarEntry? entry;
            while ((entry = reader.GetNextEntry()) is not null)
            {
                var name = entry.Name.Replace('\\', '/');
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                {
                    continue;
                }

                var file = wanted.FirstOrDefault(w => name == $"{Folder}/{w}" || name == $"./{Folder}/{w}");
                if (file is null)
                {
                    continue;
                }

                if (found.ContainsKey(file))
                {
                    throw new DataFormatException(sourceName, $"the archive holds {Folder}/{file} twice; it is not the CIFAR-10 binary archive, download it again.");
                }

                found[file] = ReadBatch(entry.DataStream, $"{sourceName}: {Folder}/{file}");
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or ArgumentException or IOException or InvalidOperationException or OverflowException or NotSupportedException)
        {
            throw new DataFormatException(sourceName, $"not a readable tar archive ({e.GetType().Name}: {e.Message}); expected cifar-10-binary.tar.gz as downloaded from {Data.CourseFiles.Cifar10.Url}.", e);
        }

        var missing = wanted.Where(w => !found.ContainsKey(w)).ToArray();
        if (missing.Length > 0)
        {
            throw new DataFormatException(sourceName, $"the archive has no {string.Join(", ", missing.Select(m => $"{Folder}/{m}"))}; expected the CIFAR-10 binary archive (cifar-10-binary.tar.gz, not the python or matlab version).");
        }

        return Concatenate([.. wanted.Select(w => found[w])]);
    }

    /// <summary>Reads one batch file (records of <see cref="RecordBytes"/> bytes).</summary>
    /// <param name="stream">The batch's bytes.</param>
    /// <param name="sourceName">Names the batch in errors.</param>
    /// <returns>Its images.</returns>
    public static Cifar10Images ReadBatch(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var bytes = ReadAll(stream);
        if (bytes.Length == 0 || bytes.Length % RecordBytes != 0)
        {
            throw new DataFormatException(sourceName, $"{bytes.Length} bytes is not a whole number of {RecordBytes}-byte records (1 label + 3×32×32 pixels); the batch is truncated or not CIFAR-10's binary version.");
        }

        var n = bytes.Length / RecordBytes;
        var labels = new byte[n];
        var pixels = new byte[(long)n * PixelBytes];
        for (var i = 0; i < n; i++)
        {
            var label = bytes[i * RecordBytes];
            if (label > 9)
            {
                throw new DataFormatException(sourceName, $"record {i} (byte offset {(long)i * RecordBytes}) has label {label}; CIFAR-10 labels are 0–9 (is this CIFAR-100's binary version?).");
            }

            labels[i] = label;
            Buffer.BlockCopy(bytes, (i * RecordBytes) + 1, pixels, i * PixelBytes, PixelBytes);
        }

        return new Cifar10Images(labels, pixels);
    }

    private static Cifar10Images Concatenate(Cifar10Images[] parts)
    {
        if (parts.Length == 1)
        {
            return parts[0];
        }

        var labels = new byte[parts.Sum(p => p.Labels.Length)];
        var pixels = new byte[parts.Sum(p => (long)p.Pixels.Length)];
        long at = 0;
        var n = 0;
        foreach (var part in parts)
        {
            part.Labels.CopyTo(labels, n);
            n += part.Labels.Length;
            Buffer.BlockCopy(part.Pixels, 0, pixels, (int)at, part.Pixels.Length);
            at += part.Pixels.Length;
        }

        return new Cifar10Images(labels, pixels);
    }

    private static byte[] ReadAll(Stream stream)
    {
        if (stream is MemoryStream memory && memory.Position == 0 && memory.TryGetBuffer(out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length)
        {
            return segment.Array;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
