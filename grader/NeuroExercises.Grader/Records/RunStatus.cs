namespace NeuroExercises.Grader.Records;

/// <summary>How a check's run in the child ended.</summary>
internal enum RunStatus
{
    /// <summary>The check returned and its outputs were read back.</summary>
    Completed,

    /// <summary>The check threw; the record carries the exception.</summary>
    Threw,

    /// <summary>The child exceeded the check's time limit and was killed.</summary>
    TimedOut,

    /// <summary>The child wrote more output than allowed and was killed.</summary>
    OutputCapped,

    /// <summary>The child exited without a readable result (Environment.Exit, crash, malformed files).</summary>
    NoResult,

    /// <summary>The check was not run (the submission did not compile).</summary>
    NotRun,

    /// <summary>
    /// The check completed in the child, but the grader's trusted derive step could not use its raw outputs (a missing
    /// output, a wrong shape); the record carries why.
    /// </summary>
    DeriveFailed,

    /// <summary>The submission could not be loaded (its handshake hung, or it killed two children in a row at load): not run.</summary>
    LoadFailed,

    /// <summary>The submission's wall budget was used up before this check could run.</summary>
    BudgetExhausted,
}
