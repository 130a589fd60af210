using System.Globalization;

namespace NeuroExercises.Grader.Batch;

/// <summary>The display when output is not a terminal (logs, CI): one line per finished submission with the counters.</summary>
internal sealed class PlainBatchProgress(TextWriter writer) : IBatchProgress
{
    private readonly BatchCounters counters = new();
    private readonly Lock gate = new();

    /// <inheritdoc/>
    public void Start(int total, int reused)
    {
        counters.Start(total, reused);
        lock (gate)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"grade-batch: {total} submissions, {reused} already graded (same content, grader and manifest), {total - reused} to grade"));
        }
    }

    /// <inheritdoc/>
    public void Began(string id) => counters.Began();

    /// <inheritdoc/>
    public void Ended(BatchRecord record)
    {
        counters.Ended(record);
        lock (gate)
        {
            writer.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"[{counters.Done}/{counters.Total}] {record.Id}: {record.Score:0.##}/{record.MaxScore:0.##} {record.Status} in {record.Seconds:0.0} s — {counters.Line()}"));
            writer.Flush();
        }
    }
}
