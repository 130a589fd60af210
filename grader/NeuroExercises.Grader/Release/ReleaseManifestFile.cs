using System.Text.Json.Serialization;

namespace NeuroExercises.Grader.Release;

/// <summary>One file of a release in release.json.</summary>
/// <param name="Path">Relative to the release root, '/' separators.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of its bytes.</param>
/// <param name="Bytes">Its size.</param>
internal sealed record ReleaseManifestFile(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("bytes")] long Bytes);
