namespace NeuroExercises.Grader.Batch;

/// <summary>What a batch tells its display: calls come from several workers at once.</summary>
internal interface IBatchProgress
{
    /// <summary>The batch starts: <paramref name="total"/> submissions in this shard, <paramref name="reused"/> of them already graded.</summary>
    void Start(int total, int reused);

    /// <summary>A worker starts grading <paramref name="id"/>.</summary>
    void Began(string id);

    /// <summary>A submission is done.</summary>
    void Ended(BatchRecord record);
}
