using NeuroExercises.Core;
using NeuroExercises.Core.Npy;
using NeuroExercises.Grader.Discovery;
using NeuroExercises.Grader.Records;

namespace NeuroExercises.Grader.Judge;

/// <summary>
/// Compares the runner's records with the snapshots and alone computes the score. It never loads student code:
/// its inputs are arrays, statuses and the committed expected files.
/// </summary>
/// <param name="snapshots">The week's snapshots.</param>
/// <param name="device">"cpu" or "cuda": picks the tolerances.</param>
/// <param name="receivedDirectory">Where <c>&lt;id&gt;.received.npz</c> goes on a miss (null: nowhere).</param>
internal sealed class SubmissionJudge(SnapshotStore snapshots, string device, string? receivedDirectory)
{
    private long receivedBytes;

    /// <summary>Judges every check; a check without a record scores 0.</summary>
    public IReadOnlyList<CheckResult> JudgeAll(IReadOnlyList<CheckSpec> checks, IReadOnlyList<CheckRun> runs)
    {
        var byId = runs.ToDictionary(r => r.Id, StringComparer.Ordinal);
        return [.. checks.OrderBy(c => c.Id, StringComparer.Ordinal).Select(c => JudgeOne(c, byId.GetValueOrDefault(c.Id) ?? CheckRun.NotRun(c.Id, $"check {c.Id}: the runner returned no record.")))];
    }

    /// <summary>Judges one check.</summary>
    public CheckResult JudgeOne(CheckSpec spec, CheckRun run)
    {
        var result = Judge(spec, run);
        return result with { Output = Caps.Text(result.Output, Caps.MessageChars), Tolerance = spec.Tolerances.Describe(device) };
    }

    private CheckResult Judge(CheckSpec spec, CheckRun run)
    {
        var seconds = run.Elapsed.TotalSeconds;
        var startup = run.ChildStartup?.TotalSeconds;
        var feedback = new CheckFeedback(spec.Hint, spec.Plots, [], new Dictionary<string, NpyArray>(), new Dictionary<string, NpyArray>(), null);
        CheckResult Fail(string outcome, string message) => new(spec.Id, spec.Description, 0, spec.Points, false, spec.Visibility, outcome, message, seconds, startup) { Feedback = feedback };

        switch (run.Status)
        {
            case RunStatus.NotRun:
                return Fail("not-run", run.Detail);
            case RunStatus.TimedOut:
                return Fail("timeout", run.Detail);
            case RunStatus.OutputCapped:
                return Fail("output-capped", run.Detail);
            case RunStatus.NoResult:
                return Fail("no-result", run.Detail + Tail(run));
            case RunStatus.LoadFailed:
                return Fail("load-failed", run.Detail);
            case RunStatus.BudgetExhausted:
                return Fail("budget", run.Detail);
            case RunStatus.DeriveFailed:
                return Fail("derive-failed", run.Detail);
            case RunStatus.Threw:
                return Fail("threw", $"check {spec.Id}: your code threw {run.Detail}" + Tail(run));
            case RunStatus.Completed:
                break;
            default:
                return Fail("no-result", $"check {spec.Id}: unknown run status {run.Status}.");
        }

        var path = snapshots.PathOf(spec.ShortName);
        IReadOnlyDictionary<string, NpyArray> expected;
        try
        {
            expected = Npz.Read(path);
        }
        catch (Exception e) when (e is IOException or DataFormatException or InvalidDataException)
        {
            return Fail("no-snapshot", $"check {spec.Id}: the snapshot {path} cannot be read ({e.Message}); the course staff must run 'snapshot update --week {spec.Week}'.");
        }

        var comparisons = ArrayComparer.CompareAll(expected, run.Outputs, name => spec.Tolerances.For(name, device));
        var plotted = spec.Plots.Select(p => p.Output).ToHashSet(StringComparer.Ordinal);
        feedback = feedback with
        {
            Comparisons = comparisons,
            Expected = expected.Where(kv => plotted.Contains(kv.Key)).ToDictionary(StringComparer.Ordinal),
            Received = run.Outputs.Where(kv => plotted.Contains(kv.Key)).ToDictionary(StringComparer.Ordinal),
        };
        if (comparisons.All(c => c.Passed))
        {
            return new CheckResult(spec.Id, spec.Description, spec.Points, spec.Points, true, spec.Visibility, "passed", "", seconds, startup) { Feedback = feedback };
        }

        var message = $"check {spec.Id}: " + string.Join("\n", comparisons.Where(c => !c.Passed).Select(c => c.Message));
        if (receivedDirectory is not null)
        {
            var received = Path.Combine(receivedDirectory, spec.Id + SnapshotStore.ReceivedSuffix);
            Directory.CreateDirectory(Path.GetDirectoryName(received)!);
            var (kept, cut) = Caps.Received(run.Outputs, ref receivedBytes);
            if (kept.Count > 0)
            {
                Npz.Write(received, kept);
                feedback = feedback with { ReceivedFile = spec.Id + SnapshotStore.ReceivedSuffix };
                message += $"\nYour outputs are in {spec.Id}{SnapshotStore.ReceivedSuffix}, under the results file's folder (numpy.load, or NeuroExercises.Core.Npy.Npz.Read without NumPy).";
            }

            if (cut.Length > 0)
            {
                message += $"\nNot saved (over {Caps.ReceivedPerCheckBytes >> 20} MB per check or {Caps.ReceivedPerSubmissionBytes >> 20} MB per submission): {cut}.";
            }
        }

        return Fail("mismatch", message);
    }

    private static string Tail(CheckRun run) =>
        string.IsNullOrWhiteSpace(run.OutputTail) ? "" : "\n--- output (tail) ---\n" + run.OutputTail;
}
