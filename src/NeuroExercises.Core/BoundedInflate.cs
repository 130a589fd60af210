using System.IO.Compression;

namespace NeuroExercises.Core;

/// <summary>Inflates a compressed stream into memory, never past a byte budget, turning every decoder error into <see cref="DataFormatException"/>.</summary>
internal static class BoundedInflate
{
    /// <summary>Copies <paramref name="decompressor"/> to a byte array of at most <paramref name="budget"/> bytes.</summary>
    /// <param name="decompressor">A zlib, gzip, deflate or zip-member stream.</param>
    /// <param name="budget">Most bytes allowed (from <see cref="DataReadLimits.DecompressedBudget"/>).</param>
    /// <param name="file">File name for messages.</param>
    /// <param name="what">What is being inflated and where, e.g. "the miCOMPRESSED element at byte offset 128".</param>
    /// <param name="limits">The limits, for the hint.</param>
    /// <param name="kind">The compression, for the message ("zlib", "gzip", "deflate").</param>
    /// <returns>The inflated bytes.</returns>
    public static byte[] ToArray(Stream decompressor, long budget, string file, string what, DataReadLimits limits, string kind = "deflate")
    {
        using var output = new MemoryStream();
        var chunk = new byte[81920];
        try
        {
            int read;
            while ((read = decompressor.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (output.Length + read > budget)
                {
                    throw new DataFormatException(file, $"{what} inflates to more than {budget} bytes, the limit for its compressed size: it is corrupt or a decompression bomb; {limits.RaiseHint}.");
                }

                output.Write(chunk, 0, read);
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            throw new DataFormatException(file, $"{what}: its {kind} stream is corrupt ({e.GetType().Name}: {e.Message}); the file is damaged, copy, download or save it again.", e);
        }

        return output.ToArray();
    }
}
