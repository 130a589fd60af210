namespace NeuroExercises.Grader.Checks;

/// <summary>Every gradable week, in course order.</summary>
public static class WeekCatalog
{
    /// <summary>The weeks.</summary>
    public static IReadOnlyList<WeekInfo> All { get; } =
    [
        new(
            Id: "task-driven-rnn",
            Number: 1,
            Title: "Task-driven RNNs of motor cortex (Sussillo et al. 2015)",
            ExerciseFolder: "exercises/NeuroExercises.Week01.TaskDrivenRnn",
            SolutionFolder: "solutions/NeuroExercises.Week01.TaskDrivenRnn",
            AssemblyName: "NeuroExercises.Week01.TaskDrivenRnn",
            InputsFolder: "TaskDrivenRnn"),
    ];

    /// <summary>Finds a week by id.</summary>
    /// <param name="id">The week id.</param>
    /// <returns>The week, or null.</returns>
    public static WeekInfo? Find(string id) => All.FirstOrDefault(w => string.Equals(w.Id, id, StringComparison.Ordinal));
}
