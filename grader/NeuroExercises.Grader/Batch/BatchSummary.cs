namespace NeuroExercises.Grader.Batch;

/// <summary>What a batch did.</summary>
/// <param name="Records">Every submission's record in this shard, by id.</param>
/// <param name="Reused">Submissions not graded again (same key).</param>
/// <param name="WallSeconds">Wall time of the batch.</param>
/// <param name="BusySeconds">Sum over submissions graded in this run of their grade's wall time.</param>
/// <param name="Workers">Workers used.</param>
/// <param name="GradebookPath">The gradebook written.</param>
internal sealed record BatchSummary(IReadOnlyList<BatchRecord> Records, int Reused, double WallSeconds, double BusySeconds, int Workers, string GradebookPath)
{
    /// <summary>Submissions the grader could not grade (a rerun retries them).</summary>
    public int Errors => Records.Count(r => r.Status == BatchStatus.Error);

    /// <summary>Share of the workers' time spent grading (1 = every worker busy all the time).</summary>
    public double Utilisation => WallSeconds > 0 && Workers > 0 ? BusySeconds / (Workers * WallSeconds) : 0;
}
