namespace NeuroExercises.Grader.Checks;

/// <summary>When a student sees a check's result (Gradescope's visibility values).</summary>
public enum Visibility
{
    /// <summary>Always shown.</summary>
    Visible,

    /// <summary>Never shown to the student (counted in the score).</summary>
    Hidden,

    /// <summary>Shown once the due date has passed.</summary>
    AfterDueDate,

    /// <summary>Shown once the grades are published.</summary>
    AfterPublished,
}
