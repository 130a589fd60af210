using System.Text.Json;

namespace NeuroExercises.Grader.Batch;

/// <summary>
/// <c>batch.json</c> in a batch's output folder: what it graded, with what, and which shard; <c>merge</c> reads it to
/// refuse missing or duplicate shards and mixed grader or manifest versions.
/// </summary>
/// <param name="Week">The week id.</param>
/// <param name="Grader">The grader's version.</param>
/// <param name="Manifest">The manifest hash.</param>
/// <param name="Shard">K/N (1/1 when not sharded).</param>
/// <param name="CheckIds">The check ids, in the gradebook's column order.</param>
/// <param name="Submissions">The ids this batch holds.</param>
/// <param name="Complete">True when every submission has a record (no error left).</param>
internal sealed record BatchManifest(string Week, string Grader, string Manifest, string Shard, IReadOnlyList<string> CheckIds, IReadOnlyList<string> Submissions, bool Complete)
{
    /// <summary>The file name.</summary>
    public const string FileName = "batch.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Writes it atomically into <paramref name="folder"/>.</summary>
    public void Write(string folder) => AtomicFile.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json));

    /// <summary>Reads the batch.json of <paramref name="folder"/>; throws <see cref="BatchInputException"/> naming the folder and the fix.</summary>
    public static BatchManifest Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            throw new BatchInputException($"merge: '{folder}' has no {FileName}, so it is not a grade-batch output folder; pass the --out folders of the shards' grade-batch runs.");
        }

        try
        {
            return JsonSerializer.Deserialize<BatchManifest>(File.ReadAllText(path), Json)
                ?? throw new BatchInputException($"merge: '{path}' is empty; run that shard's grade-batch again.");
        }
        catch (JsonException e)
        {
            throw new BatchInputException($"merge: '{path}' cannot be read ({e.Message}); run that shard's grade-batch again.", e);
        }
    }
}
