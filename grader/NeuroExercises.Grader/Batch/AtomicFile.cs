using System.Text;

namespace NeuroExercises.Grader.Batch;

/// <summary>Writes a file as a whole or not at all: a temp file beside it (flushed to disk), then a rename over the target.</summary>
internal static class AtomicFile
{
    /// <summary>Suffix of the temp files (ignored when reading a batch folder; left only by a killed process).</summary>
    public const string TempSuffix = ".tmp";

    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM) to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text));

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, byte[] bytes)
    {
        var tmp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}{TempSuffix}";
        try
        {
            using (var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(tmp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp))
            {
                File.Delete(tmp);
            }
        }
    }
}
