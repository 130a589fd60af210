namespace NeuroExercises.Core;

/// <summary>
/// How much memory a reader may spend on a file it decompresses (MAT v7 miCOMPRESSED elements, NPZ and .pth zip
/// members, gzip IDX files, chunked HDF5 datasets of MAT v7.3). Uncompressed data needs no option: every reader
/// refuses an allocation larger than the bytes that remain in the file can fill.
/// </summary>
/// <remarks>
/// Bounds a reader keeps for a file of <c>n</c> bytes, which the tests check on mutated files:
/// <list type="bullet">
/// <item>no array is allocated for more elements than the remaining (or decompressed) bytes can hold;</item>
/// <item>a compressed stream is inflated to at most
/// <c>min(<see cref="MaxDecompressedBytes"/>, <see cref="MaxCompressionRatio"/> × its compressed size)</c> bytes,
/// and a zip member whose declared size is over that is refused before it is inflated;</item>
/// <item>so the managed memory a read allocates is at most a small multiple (the tests use 32) of the file size plus
/// the decompressed size, plus a constant; no loop runs more times than the remaining bytes allow.</item>
/// </list>
/// A file over a limit is refused with a <see cref="DataFormatException"/> that names the limit and how to raise it.
/// </remarks>
public sealed record DataReadLimits
{
    /// <summary>The limits used when none are given: 1 GiB of decompressed data, ratio 1100:1.</summary>
    public static DataReadLimits Default { get; } = new();

    /// <summary>Most bytes one compressed stream (or all of a file's) may inflate to. Default 1 GiB.</summary>
    public long MaxDecompressedBytes { get; init; } = 1L << 30;

    /// <summary>
    /// Most bytes one compressed byte may inflate to. Default 1100: deflate itself cannot exceed about 1032:1, so the
    /// default refuses no file that zlib wrote honestly, while still bounding memory by the input size; lower it when
    /// reading untrusted uploads.
    /// </summary>
    public double MaxCompressionRatio { get; init; } = 1100;

    /// <summary>The most bytes <paramref name="compressedBytes"/> of compressed input may inflate to under these limits.</summary>
    /// <param name="compressedBytes">Size of the compressed stream.</param>
    /// <returns>min(<see cref="MaxDecompressedBytes"/>, ratio × size, <see cref="Array.MaxLength"/>).</returns>
    public long DecompressedBudget(long compressedBytes)
    {
        var byRatio = MaxCompressionRatio * Math.Max(compressedBytes, 1);
        var budget = byRatio >= long.MaxValue ? long.MaxValue : (long)byRatio;
        return Math.Min(Math.Min(budget, MaxDecompressedBytes), Array.MaxLength);
    }

    /// <summary>The hint that ends a refusal over these limits.</summary>
    internal string RaiseHint =>
        $"if the file is genuine, read it with larger limits (new DataReadLimits {{ MaxDecompressedBytes = …, MaxCompressionRatio = … }}; now {MaxDecompressedBytes} bytes and {MaxCompressionRatio}:1)";
}
