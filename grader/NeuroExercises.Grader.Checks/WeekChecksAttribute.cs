namespace NeuroExercises.Grader.Checks;

/// <summary>Marks a static class whose <see cref="CheckAttribute"/> methods belong to week <see cref="Week"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class WeekChecksAttribute : Attribute
{
    /// <summary>Marks the class as checks of <paramref name="week"/>.</summary>
    /// <param name="week">The week id, e.g. <c>task-driven-rnn</c>.</param>
    public WeekChecksAttribute(string week) => Week = week;

    /// <summary>The week id.</summary>
    public string Week { get; }
}
