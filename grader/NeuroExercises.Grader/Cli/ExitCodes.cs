namespace NeuroExercises.Grader.Cli;

/// <summary>The grader's exit codes (a grade with a low score still exits <see cref="Ok"/>: the score is in the results).</summary>
internal static class ExitCodes
{
    /// <summary>Done; results written.</summary>
    public const int Ok = 0;

    /// <summary>Bad command line (System.CommandLine's own parse errors also use 1).</summary>
    public const int Usage = 1;

    /// <summary>The grade could not run (missing folder, unknown week, grader fault); a 0-point results file was written.</summary>
    public const int GradeFailed = 3;

    /// <summary>snapshot update/verify found problems.</summary>
    public const int SnapshotProblems = 4;

    /// <summary>The runner child failed before it could answer.</summary>
    public const int ChildFailed = 5;

    /// <summary>author: stale generated files or bad authoring input (markers, recipe, mutants.json); mutants: a mutant not caught or a check without mutant or reason.</summary>
    public const int AuthoringProblems = 6;

    /// <summary>grade-batch / merge / gradescope-package: the input cannot be used (missing or empty folder, duplicate ids, a file that is not a submission, unknown week, output folder not writable, bad --shard, missing, duplicate or mixed shards); nothing was graded or merged, nothing existing was changed.</summary>
    public const int BatchInput = 7;

    /// <summary>grade-batch: every submission has a row, but the grader could not grade some (status error); run the same command again to retry only those.</summary>
    public const int BatchIncomplete = 8;
}
