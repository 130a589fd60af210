namespace NeuroExercises.Grader.Release.Steps;

/// <summary>Copies Core (as a project) and each week's exercise project, as students get them: stubs only.</summary>
internal sealed class CopyProjectsStep : IReleaseStep
{
    /// <inheritdoc />
    public string Name => "copy Core and the exercise projects";

    /// <inheritdoc />
    public void Run(ReleaseContext context)
    {
        context.CopyTree("src/NeuroExercises.Core", "src/NeuroExercises.Core");
        foreach (var week in context.Weeks)
        {
            context.CopyTree(week.Week.ExerciseFolder, week.Week.ExerciseFolder);
        }
    }
}
