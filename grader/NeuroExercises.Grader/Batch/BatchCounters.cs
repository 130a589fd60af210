using System.Diagnostics;
using System.Globalization;

namespace NeuroExercises.Grader.Batch;

/// <summary>Done / running / failed counts, rate and ETA of a batch, shared by both displays (thread-safe).</summary>
internal sealed class BatchCounters
{
    private readonly Lock gate = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private int total;
    private int reused;
    private int done;
    private int running;
    private int failed;

    /// <summary>Sets the totals.</summary>
    public void Start(int total, int reused)
    {
        lock (gate)
        {
            this.total = total;
            this.reused = reused;
            done = reused;
            clock.Restart();
        }
    }

    /// <summary>One more running.</summary>
    public void Began()
    {
        lock (gate)
        {
            running++;
        }
    }

    /// <summary>One done (failed when not graded or compile error).</summary>
    public void Ended(BatchRecord record)
    {
        lock (gate)
        {
            running = Math.Max(0, running - 1);
            done++;
            if (record.Status is BatchStatus.Error or BatchStatus.Refused)
            {
                failed++;
            }
        }
    }

    /// <summary>Submissions done (reused included).</summary>
    public int Done
    {
        get
        {
            lock (gate)
            {
                return done;
            }
        }
    }

    /// <summary>Submissions in the batch.</summary>
    public int Total
    {
        get
        {
            lock (gate)
            {
                return total;
            }
        }
    }

    /// <summary>One line: "12/100 done, 2 running, 1 failed, 4.1/min, ETA 21m30s".</summary>
    public string Line()
    {
        lock (gate)
        {
            var minutes = clock.Elapsed.TotalMinutes;
            var gradedHere = done - reused;
            var rate = minutes > 0 ? gradedHere / minutes : 0;
            var eta = rate > 0 ? TimeSpan.FromMinutes((total - done) / rate) : (TimeSpan?)null;
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{done}/{total} done ({reused} reused), {running} running, {failed} failed, {rate:0.0}/min, ETA {(eta is { } e ? Format(e) : "?")}");
        }
    }

    private static string Format(TimeSpan t) =>
        t.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}h{t.Minutes:00}m") : string.Create(CultureInfo.InvariantCulture, $"{t.Minutes}m{t.Seconds:00}s");
}
