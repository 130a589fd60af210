namespace NeuroExercises.Grader.Release;

/// <summary>One single-purpose step of the release pipeline (see <see cref="ReleasePipeline"/> for the order).</summary>
internal interface IReleaseStep
{
    /// <summary>A short name for logs and errors.</summary>
    string Name { get; }

    /// <summary>Does the step's work in <paramref name="context"/>'s staging folder.</summary>
    /// <param name="context">The release being built.</param>
    void Run(ReleaseContext context);
}
