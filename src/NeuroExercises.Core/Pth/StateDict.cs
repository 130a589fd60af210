using System.IO.Compression;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroExercises.Core.Pth;

/// <summary>
/// Reads PyTorch state dicts saved by <c>torch.save(model.state_dict(), path)</c> (the zip format of PyTorch ≥ 1.6,
/// and the legacy pre-1.6 format) without running Python's unpickler: a whitelist-only interpreter accepts the handful of opcodes and globals a
/// dict of tensors needs and refuses everything else.
/// </summary>
public static class StateDict
{
    // torch.serialization's MAGIC_NUMBER, the first pickle of a legacy file.
    private static readonly System.Numerics.BigInteger LegacyMagic =
        System.Numerics.BigInteger.Parse("01950a86a20f9469cfc6c", System.Globalization.NumberStyles.HexNumber);

    /// <summary>Reads the tensors of a state dict.</summary>
    /// <param name="path">The .pth/.pt file.</param>
    /// <returns>Key → contiguous CPU tensor, in saved order. The caller owns (and disposes) the tensors.</returns>
    /// <exception cref="DataFormatException">The file is not a state dict of tensors in either format, is corrupted, or
    /// its pickle uses anything beyond plain tensors (refused because unpickling it could run code).</exception>
    public static IReadOnlyDictionary<string, Tensor> Read(string path) => Read(DataFileAccess.ReadAllBytes(path), path, DataReadLimits.Default);

    /// <summary>Reads the tensors of a state dict held in a stream, with explicit decompression limits.</summary>
    /// <param name="stream">The file's bytes (read to the end).</param>
    /// <param name="sourceName">File name for messages.</param>
    /// <param name="limits">A zip member may inflate to at most <see cref="DataReadLimits.DecompressedBudget"/> of its compressed size.</param>
    /// <returns>Key → contiguous CPU tensor, in saved order. The caller owns (and disposes) the tensors.</returns>
    /// <exception cref="DataFormatException">As <see cref="Read(string)"/>, or a member is over a limit.</exception>
    public static IReadOnlyDictionary<string, Tensor> Read(Stream stream, string sourceName, DataReadLimits limits)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Read(copy.ToArray(), sourceName, limits);
    }

    private static IReadOnlyDictionary<string, Tensor> Read(byte[] bytes, string path, DataReadLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (bytes.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K')
        {
            return ReadZip(bytes, path, limits);
        }

        if (IsLegacy(bytes))
        {
            return ReadLegacy(bytes, path, limits);
        }

        throw new DataFormatException(path, "neither a PyTorch zip archive (no zip signature at byte offset 0) nor PyTorch's legacy format; save the state dict with torch.save(model.state_dict(), path)");
    }

    private static IReadOnlyDictionary<string, Tensor> ReadZip(byte[] bytes, string path, DataReadLimits limits)
    {
        ZipArchive zip;
        IReadOnlyList<ZipArchiveEntry> entries;
        try
        {
            zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            entries = zip.Entries;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException or ArgumentException)
        {
            throw new DataFormatException(path, $"zip archive is corrupted: its end-of-central-directory record or central directory cannot be read ({ex.Message}); save the state dict again with torch.save(model.state_dict(), path)", ex);
        }

        using (zip)
        {
            byte[] ReadEntry(ZipArchiveEntry entry) => Npy.Npz.ReadMember(entry, Math.Min(entry.CompressedLength, bytes.Length), path, limits);
            var pickles = entries.Where(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal) && e.FullName.Count(c => c == '/') == 1).ToList();
            if (pickles.Count != 1)
            {
                throw new DataFormatException(path, $"expected one <folder>/data.pkl in the archive, found {pickles.Count}; not a torch.save zip file");
            }

            var prefix = pickles[0].FullName[..^"data.pkl".Length];
            var pickleSource = $"{path} (member {pickles[0].FullName})";
            var dict = AsDict(RestrictedUnpickler.Load(ReadEntry(pickles[0]), pickleSource), pickleSource);
            var bigEndian = entries.FirstOrDefault(e => e.FullName == prefix + "byteorder") is { } order
                && System.Text.Encoding.ASCII.GetString(ReadEntry(order)).Trim() == "big";
            return BuildAll(dict, pickleSource, path, storage => ReadStorage(entries, prefix, storage, path, bigEndian, ReadEntry), limits.DecompressedBudget(bytes.Length));
        }
    }

    /// <summary>
    /// The pre-1.6 format: pickles of the magic number, protocol version and sys info, the object (storages as
    /// persistent ids), the list of storage keys; then per key an int64 element count and the raw elements.
    /// </summary>
    private static IReadOnlyDictionary<string, Tensor> ReadLegacy(byte[] bytes, string path, DataReadLimits limits)
    {
        const string resave = "Re-save it with PyTorch ≥ 1.6: torch.save(torch.load(path), path) (the zip format, _use_new_zipfile_serialization=True, is the default)";
        var magic = RestrictedUnpickler.Load(bytes, 0, path, out var pos);
        var version = RestrictedUnpickler.Load(bytes, pos, path, out pos);
        if (magic is not System.Numerics.BigInteger m || m != LegacyMagic || version is not 1001L)
        {
            throw new DataFormatException(path, $"looks like PyTorch's legacy (pre-1.6, non-zip) serialization but its magic number or protocol version (expected 1001) is not the one this reader knows. {resave}");
        }

        var sysInfo = RestrictedUnpickler.Load(bytes, pos, path, out pos) as Dictionary<object, object?>;
        var bigEndian = sysInfo is not null && sysInfo.TryGetValue("little_endian", out var little) && little is false;
        var pickleSource = $"{path} (legacy format, pickle at byte offset {pos})";
        var dict = AsDict(RestrictedUnpickler.Load(bytes, pos, pickleSource, out pos), pickleSource);
        var keys = RestrictedUnpickler.Load(bytes, pos, path, out pos) as List<object?>
            ?? throw new DataFormatException(path, $"legacy format: the storage key list expected at byte offset {pos} is missing. {resave}");

        var types = dict.Values.OfType<TensorRef>().GroupBy(t => t.Storage.Key).ToDictionary(g => g.Key, g => g.First().Storage, StringComparer.Ordinal);
        var storages = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var keyObj in keys)
        {
            if (keyObj is not string key || !types.TryGetValue(key, out var storage))
            {
                throw new DataFormatException(path, $"legacy format: storage key {keyObj} at byte offset {pos} belongs to no tensor of the dict. {resave}");
            }

            var count = bytes.Length - pos >= 8 ? BitConverter.ToInt64(bytes, pos) : -1;
            if (count != storage.Count)
            {
                throw new DataFormatException(path, count < 0
                    ? $"legacy format: the file ends at byte offset {bytes.Length} before storage '{key}': truncated. {resave}"
                    : $"legacy format: storage '{key}' at byte offset {pos} says {count} elements, the pickle {storage.Count}: corrupted. {resave}");
            }

            var needed = count * storage.Type.ItemSize;
            if (count > (bytes.Length - pos - 8) / storage.Type.ItemSize)
            {
                throw new DataFormatException(path, $"legacy format: storage '{key}' needs {needed} bytes from byte offset {pos + 8}, but the file ends at byte offset {bytes.Length}: truncated. {resave}");
            }

            var raw = bytes.AsSpan(pos + 8, (int)needed).ToArray();
            SwapIfBigEndian(raw, storage.Type.ItemSize, bigEndian);
            storages[key] = raw;
            pos += 8 + (int)needed;
        }

        return BuildAll(dict, pickleSource, path, storage => storages.TryGetValue(storage.Key, out var raw)
            ? raw
            : throw new DataFormatException(path, $"legacy format: storage '{storage.Key}' used by a tensor is not in the storage key list: corrupted. {resave}"), limits.DecompressedBudget(bytes.Length));
    }

    private static Dictionary<object, object?> AsDict(object? top, string pickleSource) =>
        top as Dictionary<object, object?>
            ?? throw new DataFormatException(pickleSource, $"the pickled object is {Describe(top)}, not a dict of tensors; save model.state_dict()");

    private static OrderedDictionary<string, Tensor> BuildAll(Dictionary<object, object?> dict, string pickleSource, string path, Func<StorageRef, byte[]> readStorage, long maxTensorBytes)
    {
        var storages = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var (keyObj, valueObj) in dict)
            {
                if (keyObj is not string key || valueObj is not TensorRef tensor)
                {
                    throw new DataFormatException(pickleSource, $"entry {Describe(keyObj)} holds {Describe(valueObj)}; only string keys with tensor values are read");
                }

                if (!storages.TryGetValue(tensor.Storage.Key, out var raw))
                {
                    raw = readStorage(tensor.Storage);
                    storages.Add(tensor.Storage.Key, raw);
                }

                result.Add(key, Build(tensor, raw, $"{path} (tensor '{key}')", maxTensorBytes));
            }
        }
        catch
        {
            foreach (var t in result.Values)
            {
                t.Dispose();
            }

            throw;
        }

        return result;
    }

    private static bool IsLegacy(byte[] bytes) =>
        // Legacy files start with a pickled magic number: PROTO 2, LONG1 of 10 bytes 0x1950a86a20f9469cfc6c.
        bytes.Length > 4 && bytes[0] == 0x80 && bytes[2] == 0x8a && bytes[3] == 10;

    private static byte[] ReadStorage(IReadOnlyList<ZipArchiveEntry> entries, string prefix, StorageRef storage, string path, bool bigEndian, Func<ZipArchiveEntry, byte[]> readEntry)
    {
        var name = $"{prefix}data/{storage.Key}";
        var entry = entries.FirstOrDefault(e => e.FullName == name)
            ?? throw new DataFormatException(path, $"storage member {name} named in data.pkl is missing from the archive; save the state dict again");
        var raw = readEntry(entry);
        var needed = storage.Count * storage.Type.ItemSize;
        if (raw.Length < needed)
        {
            throw new DataFormatException($"{path} (member {name})", $"storage of {storage.Count} {storage.Type.ClassName} elements needs {needed} bytes but has {raw.Length}: the archive is truncated");
        }

        SwapIfBigEndian(raw, storage.Type.ItemSize, bigEndian);
        return raw;
    }

    private static void SwapIfBigEndian(byte[] raw, int itemSize, bool bigEndian)
    {
        if (bigEndian && itemSize > 1)
        {
            for (var i = 0; i + itemSize <= raw.Length; i += itemSize)
            {
                raw.AsSpan(i, itemSize).Reverse();
            }
        }
    }

    private static Tensor Build(TensorRef tensor, byte[] raw, string source, long maxTensorBytes)
    {
        var count = tensor.Storage.Count;
        if (tensor.Offset < 0 || tensor.Size.Any(s => s < 0) || tensor.Stride.Any(s => s < 0))
        {
            throw new DataFormatException(source, "negative storage offset, size or stride in the pickle: the file is corrupted; save the state dict again");
        }

        if (tensor.Size.Length != tensor.Stride.Length)
        {
            throw new DataFormatException(source, $"size ({string.Join(", ", tensor.Size)}) and stride ({string.Join(", ", tensor.Stride)}) have different lengths in the pickle: the file is corrupted; save the state dict again");
        }

        // The result is allocated with Π size elements: bound it by what the file can justify (a stride-0 view could
        // otherwise declare any size over a one-element storage).
        var isEmpty = tensor.Size.Any(s => s == 0);
        var elements = isEmpty ? 0 : tensor.Size.Aggregate(1.0, (p, s) => p * s);
        if (elements * tensor.Storage.Type.ItemSize > maxTensorBytes)
        {
            throw new DataFormatException(source, $"size ({string.Join(", ", tensor.Size)}) declares {elements:0} elements, more than the file can justify ({maxTensorBytes} bytes under its DataReadLimits): the file is corrupted; save the state dict again");
        }

        // The last element a view touches must lie inside the storage (computed without overflow: every term is ≤ count).
        var last = (double)tensor.Offset + tensor.Size.Zip(tensor.Stride, (s, st) => (s - 1) * (double)st).Sum();
        if (!isEmpty && last >= count)
        {
            throw new DataFormatException(source, $"view (offset {tensor.Offset}, size ({string.Join(", ", tensor.Size)}), stride ({string.Join(", ", tensor.Stride)})) reaches element {last:0} of a {count}-element storage: the file is corrupted; save the state dict again");
        }

        using var scope = NewDisposeScope();
        var bytes = raw.AsSpan(0, checked((int)(count * tensor.Storage.Type.ItemSize)));
        var flat = tensor.Storage.Type.DType switch
        {
            ScalarType.Float32 => torch.tensor(MemoryMarshal.Cast<byte, float>(bytes).ToArray()),
            ScalarType.Float64 => torch.tensor(MemoryMarshal.Cast<byte, double>(bytes).ToArray()),
            ScalarType.Int64 => torch.tensor(MemoryMarshal.Cast<byte, long>(bytes).ToArray()),
            ScalarType.Int32 => torch.tensor(MemoryMarshal.Cast<byte, int>(bytes).ToArray()),
            ScalarType.Byte => torch.tensor(bytes.ToArray()),
            ScalarType.Bool => torch.tensor(Array.ConvertAll(bytes.ToArray(), b => b != 0)),
            // half → float → half is exact.
            ScalarType.Float16 => torch.tensor(HalvesToSingles(bytes)).to(ScalarType.Float16),
            var other => throw new InvalidOperationException($"unreachable: storage type {other}"),
        };
        var result = empty(tensor.Size, dtype: tensor.Storage.Type.DType);
        if (!isEmpty)
        {
            result.copy_(flat.as_strided(tensor.Size, tensor.Stride, tensor.Offset));
        }

        return result.MoveToOuterDisposeScope();
    }

    private static float[] HalvesToSingles(ReadOnlySpan<byte> bytes)
    {
        var halves = MemoryMarshal.Cast<byte, Half>(bytes);
        var result = new float[halves.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (float)halves[i];
        }

        return result;
    }

    private static string Describe(object? value) => value switch
    {
        null => "None",
        string s => $"'{s}'",
        TensorRef => "a tensor",
        _ => $"a {value.GetType().Name}",
    };
}
