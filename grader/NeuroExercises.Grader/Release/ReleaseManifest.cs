using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeuroExercises.Grader.Release;

/// <summary>
/// release.json at a release's root: every file with its SHA-256, and per week what ships and what is graded after
/// submission — counts and points of the hidden checks, never their names. <c>check</c> reads it inside a release; the
/// leak scan refuses any file that is not on it.
/// </summary>
/// <param name="Format">The manifest format (1).</param>
/// <param name="Weeks">The weeks released.</param>
/// <param name="Files">Every file of the release but release.json itself, sorted by path.</param>
internal sealed record ReleaseManifest(
    [property: JsonPropertyName("format")] int Format,
    [property: JsonPropertyName("weeks")] IReadOnlyList<ReleaseManifestWeek> Weeks,
    [property: JsonPropertyName("files")] IReadOnlyList<ReleaseManifestFile> Files)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The manifest of the files under <paramref name="root"/> (build outputs and release.json excluded).</summary>
    public static ReleaseManifest Describe(string root, IReadOnlyList<ReleaseManifestWeek> weeks) =>
        new(1, weeks, [.. ReleaseContext.Files(root)
            .Where(rel => rel != ReleasePolicy.ManifestFileName)
            .Select(rel => new ReleaseManifestFile(rel, Sha256(Path.Combine(root, rel)), new FileInfo(Path.Combine(root, rel)).Length))]);

    /// <summary>Reads release.json of the release at <paramref name="root"/>; null when there is none.</summary>
    /// <exception cref="InvalidDataException">The file is not a release manifest.</exception>
    public static ReleaseManifest? TryRead(string root)
    {
        var path = Path.Combine(root, ReleasePolicy.ManifestFileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ReleaseManifest>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"{path} is empty; restore the release's release.json.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a release manifest ({e.Message}); restore the release's release.json.", e);
        }
    }

    /// <summary>Writes the manifest as release.json under <paramref name="root"/>.</summary>
    public void Write(string root) =>
        File.WriteAllText(Path.Combine(root, ReleasePolicy.ManifestFileName), JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>The lowercase hex SHA-256 of a file.</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
