namespace NeuroExercises.Core.Data;

/// <summary>
/// A course data file that could not be provided: unknown name, download failure or checksum mismatch.
/// The message names the file, then the problem, then what to do (for downloads: the URL and the exact cache path
/// to place the file at by hand).
/// </summary>
public sealed class CourseDataException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="fileName">The course file asked for.</param>
    /// <param name="message">The whole message (starting with the file name).</param>
    /// <param name="inner">The underlying error, if any.</param>
    public CourseDataException(string fileName, string message, Exception? inner = null)
        : base(message, inner)
    {
        FileName = fileName;
    }

    /// <summary>The course file asked for.</summary>
    public string FileName { get; }
}
