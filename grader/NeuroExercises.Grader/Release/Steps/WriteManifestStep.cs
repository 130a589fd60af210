namespace NeuroExercises.Grader.Release.Steps;

/// <summary>Writes release.json: every file so far with its SHA-256, and per week the counts and points (never the names) of hidden checks.</summary>
internal sealed class WriteManifestStep : IReleaseStep
{
    /// <inheritdoc />
    public string Name => "write the release manifest";

    /// <inheritdoc />
    public void Run(ReleaseContext context)
    {
        var manifest = ReleaseManifest.Describe(context.Staging, [.. context.Weeks.Select(ReleaseManifestWeek.Of)]);
        manifest.Write(context.Staging);
        context.Manifest = manifest;
    }
}
