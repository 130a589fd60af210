using System.Net;
using System.Security.Cryptography;

namespace NeuroExercises.Core.Data;

/// <summary>
/// Provides course data files as the course's <c>retrieve_file</c> does: a cached copy with the right MD5 is used
/// without touching the network; otherwise the file is downloaded to a temporary file in the cache folder, its MD5
/// is checked, and only then is it moved into place (an atomic rename), so a failed or corrupt download leaves nothing.
/// </summary>
public static class CourseData
{
    /// <summary>The environment variable that overrides the default cache folder.</summary>
    public const string CacheDirectoryVariable = "NEURO_DATA_DIR";

    private static readonly Lazy<HttpClient> SharedHttp = new(() => new HttpClient { Timeout = TimeSpan.FromMinutes(10) });

    /// <summary>The default cache folder: <c>$NEURO_DATA_DIR</c> when set, else <c>~/.cache/neuroexercises</c>.</summary>
    /// <returns>The absolute folder path (it may not exist yet).</returns>
    public static string DefaultCacheDirectory() => DefaultCacheDirectory(Environment.GetEnvironmentVariable);

    /// <summary>As <see cref="DefaultCacheDirectory()"/>, with the environment injectable for tests.</summary>
    internal static string DefaultCacheDirectory(Func<string, string?> environment)
    {
        var fromEnvironment = environment(CacheDirectoryVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".cache", "neuroexercises");
    }

    /// <summary>Where <paramref name="fileName"/> is (or would be) cached.</summary>
    /// <param name="fileName">A catalogue file name.</param>
    /// <param name="options">Cache folder and catalogue; null for the defaults.</param>
    /// <returns>The absolute path.</returns>
    /// <exception cref="CourseDataException">The name is not in the catalogue.</exception>
    public static string CachePath(string fileName, CourseDataOptions? options = null)
    {
        var file = Find(fileName, options);
        return Path.Combine(CacheDirectory(options), file.FileName);
    }

    /// <summary>Returns the path of a verified local copy of a course file, downloading it if needed.</summary>
    /// <param name="fileName">A catalogue file name, e.g. "condsForSimJ2moMuscles.mat".</param>
    /// <param name="options">Cache folder, HTTP client, base URL and catalogue; null for the defaults.</param>
    /// <returns>The absolute path of the file in the cache folder.</returns>
    /// <exception cref="CourseDataException">Unknown name, download failure or MD5 mismatch.</exception>
    public static string Retrieve(string fileName, CourseDataOptions? options = null) =>
        RetrieveAsync(fileName, options).GetAwaiter().GetResult();

    /// <summary>Returns the path of a verified local copy of a course file, downloading it if needed.</summary>
    /// <param name="fileName">A catalogue file name, e.g. "condsForSimJ2moMuscles.mat".</param>
    /// <param name="options">Cache folder, HTTP client, base URL and catalogue; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The absolute path of the file in the cache folder.</returns>
    /// <exception cref="CourseDataException">Unknown name, download failure or MD5 mismatch.</exception>
    public static async Task<string> RetrieveAsync(
        string fileName, CourseDataOptions? options = null, CancellationToken cancellationToken = default)
    {
        var file = Find(fileName, options);
        var directory = CacheDirectory(options);
        var target = Path.Combine(directory, file.FileName);
        var url = ResolveUrl(file.Url, options?.BaseUrl);

        string? staleMd5 = null;
        if (File.Exists(target))
        {
            staleMd5 = await Md5OfFileAsync(target, cancellationToken).ConfigureAwait(false);
            if (string.Equals(staleMd5, file.Md5, StringComparison.OrdinalIgnoreCase))
            {
                return target;
            }
        }

        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CourseDataException(file.FileName,
                $"{file.FileName}: cannot create the cache folder {directory} ({e.Message}). "
                + $"Set {CacheDirectoryVariable} to a writable folder.", e);
        }

        var temporary = Path.Combine(directory, $".{file.FileName}.{Guid.NewGuid():N}.part");
        try
        {
            var actualMd5 = await DownloadAsync(file, url, target, staleMd5, temporary, options?.Http ?? SharedHttp.Value, cancellationToken)
                .ConfigureAwait(false);
            if (!string.Equals(actualMd5, file.Md5, StringComparison.OrdinalIgnoreCase))
            {
                throw new CourseDataException(file.FileName,
                    $"{file.FileName}: the download from {url} has MD5 {actualMd5}, expected {file.Md5}; nothing was saved. "
                    + $"Try again; if it persists, download it by hand from {url}, check its MD5 and put it at {target}.");
            }

            File.Move(temporary, target, overwrite: true);
            return target;
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    private static async Task<string> DownloadAsync(
        CourseFile file, Uri url, string target, string? staleMd5, string temporary, HttpClient http, CancellationToken cancellationToken)
    {
        var byHand = $"Download it by hand from {url} and put it at {target} (MD5 {file.Md5})"
            + (staleMd5 is null ? "." : $"; the file there now has MD5 {staleMd5} and is not the right one.");
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new CourseDataException(file.FileName,
                    $"{file.FileName}: downloading {url} failed with HTTP {(int)response.StatusCode} {response.ReasonPhrase}. {byHand}");
            }

            using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (source.ConfigureAwait(false))
            {
                var sink = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                await using (sink.ConfigureAwait(false))
                {
                    var buffer = new byte[1 << 16];
                    int read;
                    while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        md5.AppendData(buffer, 0, read);
                        await sink.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    }

                    await sink.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            return Convert.ToHexStringLower(md5.GetHashAndReset());
        }
        catch (HttpRequestException e)
        {
            var status = e.StatusCode is HttpStatusCode code ? $"HTTP {(int)code}" : e.HttpRequestError.ToString();
            throw new CourseDataException(file.FileName,
                $"{file.FileName}: cannot download {url} ({status}: {e.Message}). No network? {byHand}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CourseDataException(file.FileName,
                $"{file.FileName}: downloading {url} timed out. {byHand}", e);
        }
        catch (IOException e)
        {
            throw new CourseDataException(file.FileName,
                $"{file.FileName}: downloading {url} to {temporary} failed ({e.Message}). {byHand}", e);
        }
    }

    private static CourseFile Find(string fileName, CourseDataOptions? options)
    {
        var catalog = options?.Catalog ?? CourseFiles.All;
        return catalog.FirstOrDefault(f => string.Equals(f.FileName, fileName, StringComparison.Ordinal))
            ?? throw new CourseDataException(fileName,
                $"{fileName}: not a course data file. Known files: {string.Join(", ", catalog.Select(f => f.FileName))}.");
    }

    private static string CacheDirectory(CourseDataOptions? options) =>
        options?.CacheDirectory is { } directory ? Path.GetFullPath(directory) : DefaultCacheDirectory();

    private static Uri ResolveUrl(Uri url, Uri? baseUrl)
    {
        if (baseUrl is null)
        {
            return url;
        }

        // Keep a base path such as http://mirror/osf/: resolve against a base that ends in '/'.
        var withSlash = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        return new Uri(withSlash, url.PathAndQuery.TrimStart('/'));
    }

    private static async Task<string> Md5OfFileAsync(string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            return Convert.ToHexStringLower(await MD5.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover .part file is hidden and harmless; the next retrieval uses a new name.
        }
    }
}
