using System.Text.Json;

namespace NeuroExercises.Grader.Authoring;

/// <summary>Reading the per-week JSON files (sample.json, mutants.json) with messages that name the file and the fix.</summary>
internal static class AuthoringJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = false,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads <paramref name="path"/> as <typeparamref name="T"/>; <paramref name="shown"/> names it in messages.</summary>
    public static T Read<T>(string path, string shown, string whatItIs)
        where T : class
    {
        if (!File.Exists(path))
        {
            throw new AuthoringException($"{shown}: not found; write {whatItIs} there (see docs/adding-a-week.md).");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options)
                ?? throw new AuthoringException($"{shown}: the file is 'null'; write {whatItIs} (see docs/adding-a-week.md).");
        }
        catch (JsonException e)
        {
            throw new AuthoringException($"{shown}: not valid ({e.Message}); fix it as docs/adding-a-week.md shows.");
        }
    }
}
