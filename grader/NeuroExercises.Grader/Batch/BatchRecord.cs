using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeuroExercises.Grader.Batch;

/// <summary>
/// The batch's record of one submission (<c>submissions/&lt;id&gt;/record.json</c>), written last and atomically after its
/// reports, so its presence means the submission is done. <see cref="Key"/> decides whether a rerun grades it again.
/// </summary>
/// <param name="Id">The submission id.</param>
/// <param name="Key">SHA-256 of content hash, grader version and manifest hash (<see cref="BatchKey"/>).</param>
/// <param name="ContentSha256">SHA-256 of the submission: the zip's bytes, or the folder's .cs files (names and bytes).</param>
/// <param name="Status">graded, compile-error, refused or error (see <see cref="BatchStatus"/>).</param>
/// <param name="Score">Points earned.</param>
/// <param name="MaxScore">Points available.</param>
/// <param name="Checks">Check id → points earned.</param>
/// <param name="Grader">The grader's version.</param>
/// <param name="Manifest">The manifest hash of the checks and snapshots.</param>
/// <param name="Reason">Why it was refused, did not compile or could not be graded (first line); empty when graded.</param>
/// <param name="Seconds">Wall time of its grade.</param>
internal sealed record BatchRecord(
    string Id,
    string Key,
    string ContentSha256,
    string Status,
    double Score,
    double MaxScore,
    IReadOnlyDictionary<string, double> Checks,
    string Grader,
    string Manifest,
    string Reason,
    double Seconds)
{
    /// <summary>The record's file name in a submission's folder.</summary>
    public const string FileName = "record.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>Writes the record atomically into <paramref name="folder"/>.</summary>
    public void Write(string folder) => AtomicFile.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json));

    /// <summary>The record in <paramref name="folder"/>, or null when there is none or it cannot be read (then the submission is graded again).</summary>
    public static BatchRecord? TryRead(string folder)
    {
        var path = Path.Combine(folder, FileName);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<BatchRecord>(File.ReadAllText(path), Json) : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }
}
