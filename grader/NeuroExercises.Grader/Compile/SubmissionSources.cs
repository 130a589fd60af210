using System.Buffers;
using System.Globalization;
using System.Text;
using NeuroExercises.Grader.Sandbox;

namespace NeuroExercises.Grader.Compile;

/// <summary>Caps on what a submission may hold.</summary>
internal sealed record SourceLimits
{
    /// <summary>Largest .cs file (a bigger one is refused from its size alone, never read).</summary>
    public long MaxFileBytes { get; init; } = 1L << 20;

    /// <summary>All .cs files together.</summary>
    public long MaxTotalBytes { get; init; } = 8L << 20;

    /// <summary>Number of .cs files.</summary>
    public int MaxFiles { get; init; } = 500;

    /// <summary>Folder depth.</summary>
    public int MaxDepth { get; init; } = 32;
}

/// <summary>One source file as read: its path relative to the submission folder ('/' separated) and its decoded text.</summary>
/// <param name="Path">Relative path (any legal name: spaces, unicode, a leading dash, a newline).</param>
/// <param name="Text">The decoded text.</param>
internal sealed record SourceFile(string Path, string Text);

/// <summary>What was found in a submission folder.</summary>
/// <param name="Files">The .cs files, read once, sorted by path.</param>
/// <param name="Refusals">Why the submission is refused (empty when it is not), one per offending entry.</param>
/// <param name="Ignored">Project and build files present but never read (csproj, Directory.Build.*, NuGet.config, global.json …).</param>
internal sealed record SourceScan(IReadOnlyList<SourceFile> Files, IReadOnlyList<CompileDiagnostic> Refusals, IReadOnlyList<string> Ignored);

/// <summary>
/// Reads a submission folder without following anything: every entry is examined with statx(AT_SYMLINK_NOFOLLOW);
/// symbolic links (to files or folders), hard-linked files, FIFOs, sockets and devices named *.cs, and files over the
/// size caps are refused with a message naming the file and the fix; each .cs file is opened with O_NOFOLLOW|O_NONBLOCK,
/// checked again on the open file (same inode, regular, one link) and read once. bin/, obj/ and hidden folders are skipped.
/// Project files (csproj, props, targets, NuGet.config, global.json) are listed as ignored and never opened.
/// </summary>
internal static class SubmissionSources
{
    private static readonly string[] ProjectFileSuffixes = [".csproj", ".props", ".targets", ".sln", ".slnx", ".rsp", ".editorconfig", ".globalconfig"];
    private static readonly string[] ProjectFileNames = ["nuget.config", "global.json", "directory.build.props", "directory.build.targets", "directory.packages.props", "directory.build.rsp"];

    /// <summary>Scans <paramref name="folder"/> under <paramref name="limits"/>.</summary>
    public static SourceScan Read(string folder, SourceLimits? limits = null)
    {
        limits ??= new SourceLimits();
        var root = Path.GetFullPath(folder);
        var files = new List<SourceFile>();
        var refusals = new List<CompileDiagnostic>();
        var ignored = new List<string>();
        long total = 0;
        var count = 0;

        void Refuse(string rel, string id, string message) => refusals.Add(new CompileDiagnostic(id, rel, 0, 0, message));

        void Walk(string dir, string relDir, int depth)
        {
            IEnumerable<string> entries;
            try
            {
                entries = Directory.EnumerateFileSystemEntries(dir).Order(StringComparer.Ordinal).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Refuse(relDir, "unreadable", $"the folder cannot be listed ({e.Message}); make it readable.");
                return;
            }

            foreach (var full in entries)
            {
                var name = Path.GetFileName(full);
                var rel = relDir.Length == 0 ? name : relDir + "/" + name;
                var st = Native.LStat(full, out var error);
                if (st is not { } s)
                {
                    Refuse(rel, "unreadable", $"cannot be examined ({error}); rename it to a plain UTF-8 name or remove it.");
                    continue;
                }

                if (s.IsSymlink)
                {
                    string target;
                    try
                    {
                        target = new FileInfo(full).LinkTarget ?? "?";
                    }
                    catch (IOException)
                    {
                        target = "?";
                    }

                    Refuse(rel, "symlink", $"is a symbolic link (to '{target}'); a submission is read, never followed: replace the link with a copy of the file or folder itself (cp --remove-destination, or cp -rL).");
                    continue;
                }

                if (s.IsDirectory)
                {
                    if (name is "bin" or "obj" || name.StartsWith('.'))
                    {
                        continue;
                    }

                    if (depth >= limits.MaxDepth)
                    {
                        Refuse(rel, "too-deep", $"is nested more than {limits.MaxDepth} folders deep; flatten the submission.");
                        continue;
                    }

                    Walk(full, rel, depth + 1);
                    continue;
                }

                if (!name.EndsWith(".cs", StringComparison.Ordinal))
                {
                    var lower = name.ToLowerInvariant();
                    if (ProjectFileNames.Contains(lower) || ProjectFileSuffixes.Any(x => lower.EndsWith(x, StringComparison.Ordinal)))
                    {
                        ignored.Add(rel);
                    }

                    continue;
                }

                if (!s.IsRegular)
                {
                    Refuse(rel, "special-file", $"is a {s.TypeName}, not a regular file; a .cs file must be a plain file: replace it with the source itself.");
                    continue;
                }

                if (s.Links > 1)
                {
                    Refuse(rel, "hardlink", $"has {s.Links} hard links (it shares its content with another file, maybe outside the submission); submit a copy of its own (cp '{name}' tmp && mv tmp '{name}').");
                    continue;
                }

                if (s.Size > limits.MaxFileBytes)
                {
                    Refuse(rel, "too-large", $"is {s.Size} bytes, over the limit of {limits.MaxFileBytes} bytes for one source file; submit only your source code (no generated or data files named .cs).");
                    continue;
                }

                if (++count > limits.MaxFiles)
                {
                    Refuse(rel, "too-many-files", $"is one .cs file more than the limit of {limits.MaxFiles}; submit only your week's project.");
                    return;
                }

                total += s.Size;
                if (total > limits.MaxTotalBytes)
                {
                    Refuse(rel, "too-large", $"brings the .cs files to more than {limits.MaxTotalBytes} bytes in all; submit only your source code.");
                    return;
                }

                if (ReadOnce(full, s, limits.MaxFileBytes, out var bytes, out var problem) is false)
                {
                    Refuse(rel, "unreadable", problem);
                    continue;
                }

                if (Decode(bytes, out var text) is { } bad)
                {
                    Refuse(rel, "encoding", bad);
                    continue;
                }

                files.Add(new SourceFile(rel, text));
            }
        }

        var rootStat = Native.LStat(root, out var rootError);
        if (rootStat is not { IsDirectory: true } && !Directory.Exists(root))
        {
            Refuse("", "submission", $"the submission folder '{folder}' does not exist or is not a folder ({rootError}); pass the folder that holds your .cs files.");
        }
        else
        {
            Walk(root, "", 0);
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new SourceScan(files, refusals, ignored);
    }

    /// <summary>Opens without following, checks the open file is the one examined, reads it once (at most <paramref name="cap"/> bytes).</summary>
    private static bool ReadOnce(string path, Native.FileStat seen, long cap, out byte[] bytes, out string problem)
    {
        bytes = [];
        using var handle = Native.OpenNoFollow(path, out var error);
        if (handle is null)
        {
            problem = $"cannot be opened without following links ({error}); make it a plain readable file.";
            return false;
        }

        if (Native.FStat(handle, out error) is not { } open || !open.IsRegular || open.Links != 1 || open.Inode != seen.Inode || open.Device != seen.Device)
        {
            problem = $"changed while it was read ({error}); submit a folder nothing else is writing to.";
            return false;
        }

        var buffer = new byte[Math.Min(open.Size, cap) + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = RandomAccess.Read(handle, buffer.AsSpan(read), read)) > 0)
        {
            read += n;
        }

        if (read > cap)
        {
            problem = $"grew past the limit of {cap} bytes while it was read; submit only source code.";
            return false;
        }

        bytes = buffer[..read];
        problem = "";
        return true;
    }

    /// <summary>Decodes UTF-8 (BOM or not) or UTF-16 with a BOM; null when fine, else the message (line, column, byte, fix).</summary>
    internal static string? Decode(byte[] bytes, out string text)
    {
        text = "";
        try
        {
            if (bytes is [0xFF, 0xFE, ..])
            {
                text = new UnicodeEncoding(bigEndian: false, byteOrderMark: true, throwOnInvalidBytes: true).GetString(bytes, 2, bytes.Length - 2);
                return null;
            }

            if (bytes is [0xFE, 0xFF, ..])
            {
                text = new UnicodeEncoding(bigEndian: true, byteOrderMark: true, throwOnInvalidBytes: true).GetString(bytes, 2, bytes.Length - 2);
                return null;
            }
        }
        catch (DecoderFallbackException)
        {
            return "is not valid UTF-16 although it starts with a UTF-16 byte order mark; save it as UTF-8.";
        }

        var span = bytes.AsSpan(bytes is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0);
        var offset = 0;
        while (offset < span.Length)
        {
            if (Rune.DecodeFromUtf8(span[offset..], out _, out var consumed) == OperationStatus.Done)
            {
                offset += consumed;
                continue;
            }

            var before = span[..offset];
            var line = before.Count((byte)'\n') + 1;
            var column = offset - (before.LastIndexOf((byte)'\n') + 1) + 1;
            return string.Create(CultureInfo.InvariantCulture, $"is not valid UTF-8: byte 0x{span[offset]:X2} at line {line}, byte {column} (Latin-1 or Windows-1252 text?); save the file as UTF-8 (VS Code: 'Save with Encoding' → UTF-8; iconv -f latin1 -t utf-8).");
        }

        text = Encoding.UTF8.GetString(span);
        return null;
    }
}
