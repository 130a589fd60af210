namespace NeuroExercises.Core.Data;

/// <summary>Where <see cref="CourseData"/> keeps files and how it downloads them; every member is optional.</summary>
public sealed record CourseDataOptions
{
    /// <summary>
    /// The cache folder. Default: the environment variable <c>NEURO_DATA_DIR</c> when set, else
    /// <c>~/.cache/neuroexercises</c>.
    /// </summary>
    public string? CacheDirectory { get; init; }

    /// <summary>The client to download with (tests, proxies). Default: one shared client with a 10-minute timeout.</summary>
    public HttpClient? Http { get; init; }

    /// <summary>
    /// Replaces the scheme, host and port of every catalogue URL, keeping its path and query
    /// (https://osf.io/wak7e/download with base http://mirror:8080/ → http://mirror:8080/wak7e/download).
    /// For mirrors and tests.
    /// </summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>The files that may be retrieved. Default: <see cref="CourseFiles.All"/>.</summary>
    public IReadOnlyList<CourseFile>? Catalog { get; init; }
}
