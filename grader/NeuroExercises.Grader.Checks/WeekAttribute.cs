namespace NeuroExercises.Grader.Checks;

/// <summary>
/// Registers a week: put <c>[assembly: Week("burst-credit-assignment", 2, "Title")]</c> in the week's checks project
/// (grader/weeks/WeekNN.Name/NeuroExercises.WeekNN.Name.Checks.csproj). The id is the week's one spelling; every other
/// name follows from id and number by one rule (<see cref="WeekInfo.FromRegistration"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class WeekAttribute : Attribute
{
    /// <summary>Registers week <paramref name="number"/>, <paramref name="id"/>.</summary>
    /// <param name="id">Lowercase words joined by '-', e.g. <c>task-driven-rnn</c>.</param>
    /// <param name="number">The week's number in the course calendar (1, 2, …).</param>
    /// <param name="title">The title students see.</param>
    public WeekAttribute(string id, int number, string title)
    {
        Id = id;
        Number = number;
        Title = title;
    }

    /// <summary>The week id.</summary>
    public string Id { get; }

    /// <summary>The week number.</summary>
    public int Number { get; }

    /// <summary>The title.</summary>
    public string Title { get; }
}
