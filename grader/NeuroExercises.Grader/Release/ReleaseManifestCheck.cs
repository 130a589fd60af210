using System.Text.Json.Serialization;

namespace NeuroExercises.Grader.Release;

/// <summary>A visible check that is graded after submission (it has a trusted derive step).</summary>
/// <param name="Name">Class.Method.</param>
/// <param name="Points">Its points.</param>
internal sealed record ReleaseManifestCheck(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("points")] double Points);
