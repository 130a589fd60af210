namespace NeuroExercises.Grader.Batch;

/// <summary>The batch's input (folder, week, output folder, shard, shard folders to merge) cannot be used: nothing was graded or merged. The message names the thing and the fix.</summary>
internal sealed class BatchInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BatchInputException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public BatchInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public BatchInputException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
