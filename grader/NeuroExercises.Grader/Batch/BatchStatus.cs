namespace NeuroExercises.Grader.Batch;

/// <summary>The status column of the gradebook.</summary>
internal static class BatchStatus
{
    /// <summary>Compiled and every check judged (whatever the score).</summary>
    public const string Graded = "graded";

    /// <summary>Did not compile: every check 0, the compiler's messages in its results.json.</summary>
    public const string CompileError = "compile-error";

    /// <summary>Refused before grading (unsafe zip, symbolic link, a file the compile step refuses): 0, the reason in the gradebook.</summary>
    public const string Refused = "refused";

    /// <summary>The grader could not grade it (a fault of the grader or the machine): graded again by a rerun.</summary>
    public const string Error = "error";
}
