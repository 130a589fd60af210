namespace NeuroExercises.Core.Npy;

/// <summary>NumPy .npy files (format 1.0–3.0).</summary>
public static class Npy
{
    /// <summary>Reads an .npy file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The array.</returns>
    public static NpyArray Read(string path) => throw new NotImplementedException("being written");

    /// <summary>Reads .npy bytes from a stream; <paramref name="sourceName"/> names it in errors.</summary>
    /// <param name="stream">The bytes.</param>
    /// <param name="sourceName">File or member name for messages.</param>
    /// <returns>The array.</returns>
    public static NpyArray Read(Stream stream, string sourceName) => throw new NotImplementedException("being written");

    /// <summary>Writes an .npy file (format 1.0, little-endian, C order).</summary>
    /// <param name="path">The file.</param>
    /// <param name="array">The array.</param>
    public static void Write(string path, NpyArray array) => throw new NotImplementedException("being written");

    /// <summary>Writes .npy bytes to a stream.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="array">The array.</param>
    public static void Write(Stream stream, NpyArray array) => throw new NotImplementedException("being written");
}
