using System.Globalization;
using System.IO.Compression;

namespace NeuroExercises.Grader.Batch;

/// <summary>Limits on a zipped submission (a course project is a few dozen small .cs files).</summary>
internal sealed record ZipLimits
{
    /// <summary>Entries in the archive.</summary>
    public int MaxEntries { get; init; } = 2000;

    /// <summary>Bytes of all entries once extracted (counted while inflating, not taken from the headers).</summary>
    public long MaxTotalBytes { get; init; } = 64L << 20;

    /// <summary>Bytes of one entry once extracted.</summary>
    public long MaxEntryBytes { get; init; } = 16L << 20;

    /// <summary>Extracted bytes per compressed byte of the whole archive (deflate of text is below 20:1).</summary>
    public double MaxRatio { get; init; } = 200;
}

/// <summary>
/// Extracts a zipped submission into a fresh folder, or refuses it as a whole with the reason: an entry whose path is
/// absolute, has a drive or a '..' segment (zip-slip), a symbolic link, more entries or bytes than <see cref="ZipLimits"/>
/// (a zip bomb: bytes are counted while inflating, so a lying header does not help), or an archive that cannot be read.
/// </summary>
internal static class SafeZip
{
    /// <summary>Extracts <paramref name="zip"/> into <paramref name="destination"/> (created); returns null, or why it was refused (then the folder is removed).</summary>
    public static string? Extract(string zip, string destination, ZipLimits? limits = null)
    {
        limits ??= new ZipLimits();
        var name = Path.GetFileName(zip);
        var root = Path.GetFullPath(destination);
        Directory.CreateDirectory(root);
        try
        {
            var reason = ExtractInto(zip, name, root, limits);
            if (reason is not null)
            {
                Directory.Delete(root, recursive: true);
            }

            return reason;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException or UnauthorizedAccessException)
        {
            Directory.Delete(root, recursive: true);
            return $"'{name}' is not a readable zip archive ({e.Message}); make the zip again from the project folder.";
        }
    }

    private static string? ExtractInto(string zip, string name, string root, ZipLimits limits)
    {
        var compressed = new FileInfo(zip).Length;
        using var archive = ZipFile.OpenRead(zip);
        if (archive.Entries.Count > limits.MaxEntries)
        {
            return string.Create(CultureInfo.InvariantCulture, $"'{name}' holds {archive.Entries.Count} entries, over the limit of {limits.MaxEntries}; zip only the project's source files.");
        }

        long total = 0;
        var budget = (long)Math.Min(limits.MaxTotalBytes, Math.Max(1 << 20, limits.MaxRatio * compressed));
        var buffer = new byte[81920];
        foreach (var entry in archive.Entries)
        {
            var path = entry.FullName;
            if (path.Length == 0 || path.StartsWith('/') || path.StartsWith('\\') || (path.Length > 1 && path[1] == ':'))
            {
                return $"'{name}': entry '{path}' has an absolute path; make the zip from inside the project folder (relative paths only).";
            }

            var segments = path.Split('/', '\\');
            if (segments.Any(s => s == ".."))
            {
                return $"'{name}': entry '{path}' climbs out of the archive ('..'); make the zip again from the project folder.";
            }

            var unixMode = (entry.ExternalAttributes >> 16) & 0xF000;
            if (unixMode == 0xA000)
            {
                return $"'{name}': entry '{path}' is a symbolic link; the grader takes files only: zip the files themselves (zip without -y).";
            }

            if (unixMode is not 0 and not 0x8000 and not 0x4000)
            {
                return $"'{name}': entry '{path}' is not a regular file or folder; zip the project's source files only.";
            }

            var target = Path.GetFullPath(Path.Combine(root, path));
            if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                return $"'{name}': entry '{path}' would land outside the submission's folder; make the zip again from the project folder.";
            }

            if (path.EndsWith('/') || path.EndsWith('\\'))
            {
                Directory.CreateDirectory(target);
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var input = entry.Open();
            using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write);
            long written = 0;
            int read;
            while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
            {
                written += read;
                total += read;
                if (written > limits.MaxEntryBytes)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"'{name}': entry '{path}' inflates past {limits.MaxEntryBytes >> 20} MB (a zip bomb?); zip only the project's source files.");
                }

                if (total > budget)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"'{name}' inflates past {budget >> 20} MB from {compressed} compressed bytes (a zip bomb?); zip only the project's source files.");
                }

                output.Write(buffer, 0, read);
            }
        }

        return null;
    }
}
