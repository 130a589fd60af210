namespace NeuroExercises.Core;

/// <summary>Opens a data file for a reader, turning "not found" and "cannot open" into <see cref="DataFormatException"/>.</summary>
internal static class DataFileAccess
{
    /// <summary>Reads the whole file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>Its bytes.</returns>
    public static byte[] ReadAllBytes(string path) => Guard(path, () => File.ReadAllBytes(path));

    /// <summary>Opens the file for reading.</summary>
    /// <param name="path">The file.</param>
    /// <returns>A read-only stream the caller disposes.</returns>
    public static FileStream OpenRead(string path) => Guard(path, () => File.OpenRead(path));

    private static T Guard<T>(string path, Func<T> open)
    {
        try
        {
            return open();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataFormatException(path, "file not found: check the path (course data is fetched into the data folder).", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(path, $"the file cannot be opened ({e.Message}): check its permissions and that no other program holds it.", e);
        }
    }
}
