using Spectre.Console;

namespace NeuroExercises.Grader.Batch;

/// <summary>The terminal display: a Spectre.Console progress bar whose description holds done / running / failed, rate and ETA.</summary>
internal sealed class LiveBatchProgress : IBatchProgress
{
    private readonly BatchCounters counters = new();
    private ProgressTask? task;

    /// <summary>Runs <paramref name="batch"/> under a live progress display on <paramref name="console"/>.</summary>
    public static async Task<T> RunAsync<T>(IAnsiConsole console, Func<IBatchProgress, Task<T>> batch)
    {
        var display = new LiveBatchProgress();
        T result = default!;
        await console.Progress()
            .AutoClear(false)
            .Columns(new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new TaskDescriptionColumn { Alignment = Justify.Left })
            .StartAsync(async ctx =>
            {
                display.task = ctx.AddTask("grade-batch", maxValue: 1);
                result = await batch(display).ConfigureAwait(false);
                display.Refresh();
            }).ConfigureAwait(false);
        return result;
    }

    /// <inheritdoc/>
    public void Start(int total, int reused)
    {
        counters.Start(total, reused);
        if (task is not null)
        {
            task.MaxValue = Math.Max(1, total);
        }

        Refresh();
    }

    /// <inheritdoc/>
    public void Began(string id)
    {
        counters.Began();
        Refresh();
    }

    /// <inheritdoc/>
    public void Ended(BatchRecord record)
    {
        counters.Ended(record);
        Refresh();
    }

    private void Refresh()
    {
        if (task is not null)
        {
            task.Value = counters.Done;
            task.Description = Markup.Escape(counters.Line());
        }
    }
}
