using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using System.Text;

namespace NeuroExercises.Grader.Compile;

/// <summary>
/// Compiled submissions by content: the key is a SHA-256 over the week's assembly name, every source file's path and
/// bytes, and the module version ids of the reference assemblies (so a new grader, Core or TorchSharp never reuses an old
/// DLL). Only the trusted grader writes here (temp file + rename); a hit skips compilation, which is most of a warm grade.
/// Folder: <c>$NEURO_COMPILE_CACHE</c>, else <c>~/.cache/neuroexercises/compiled</c>; <c>NEURO_COMPILE_CACHE=off</c>
/// disables it.
/// </summary>
/// <param name="Directory">The cache folder.</param>
internal sealed record CompileCache(string Directory)
{
    /// <summary>The cache of this machine, or null when disabled or no home folder is known.</summary>
    public static CompileCache? Default()
    {
        var configured = Environment.GetEnvironmentVariable("NEURO_COMPILE_CACHE");
        if (string.Equals(configured, "off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!string.IsNullOrEmpty(configured))
        {
            return new CompileCache(Path.GetFullPath(configured));
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? null : new CompileCache(Path.Combine(home, ".cache", "neuroexercises", "compiled"));
    }

    /// <summary>SHA-256 (hex) of the sources alone (paths and decoded text): the submission's identity in results files.</summary>
    public static string SourcesHash(IReadOnlyList<SourceFile> sources)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var source in sources.OrderBy(s => s.Path, StringComparer.Ordinal))
        {
            AppendField(sha, Encoding.UTF8.GetBytes(source.Path));
            AppendField(sha, Encoding.UTF8.GetBytes(source.Text));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>The cache key of compiling the sources of <paramref name="sourcesHash"/> to <paramref name="assemblyName"/> against <paramref name="references"/>.</summary>
    public static string Key(string sourcesHash, string assemblyName, IEnumerable<string> references)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendField(sha, Encoding.UTF8.GetBytes(sourcesHash));
        AppendField(sha, Encoding.UTF8.GetBytes(assemblyName));
        AppendField(sha, Encoding.UTF8.GetBytes(typeof(CompileCache).Assembly.ManifestModule.ModuleVersionId.ToString()));
        foreach (var reference in references.Order(StringComparer.Ordinal))
        {
            AppendField(sha, Encoding.UTF8.GetBytes(Path.GetFileName(reference) + ":" + ModuleVersionId(reference)));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>The cached DLL of <paramref name="key"/>, or null.</summary>
    public string? TryGet(string key)
    {
        var path = PathOf(key);
        return File.Exists(path) ? path : null;
    }

    /// <summary>Stores <paramref name="dll"/> under <paramref name="key"/> (atomically; a failure only means no cache).</summary>
    public void Put(string key, string dll)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var tmp = PathOf(key) + $".{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            File.Copy(dll, tmp, overwrite: true);
            File.Move(tmp, PathOf(key), overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only or full disk: grade without the cache.
        }
    }

    private string PathOf(string key) => Path.Combine(Directory, key + ".dll");

    private static string ModuleVersionId(string assembly)
    {
        try
        {
            using var stream = File.OpenRead(assembly);
            using var pe = new PEReader(stream);
            var reader = pe.GetMetadataReader();
            return reader.GetGuid(reader.GetModuleDefinition().Mvid).ToString();
        }
        catch (Exception e) when (e is IOException or BadImageFormatException or InvalidOperationException)
        {
            return "unreadable";
        }
    }

    private static void AppendField(IncrementalHash sha, byte[] bytes)
    {
        sha.AppendData(BitConverter.GetBytes((long)bytes.Length));
        sha.AppendData(bytes);
    }
}
