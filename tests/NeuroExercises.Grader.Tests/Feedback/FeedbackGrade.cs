using NeuroExercises.Core.Npy;
using NeuroExercises.Grader.Discovery;
using NeuroExercises.Grader.Judge;
using NeuroExercises.Grader.Records;

namespace NeuroExercises.Grader.Tests.Feedback;

/// <summary>
/// A grade of <see cref="FeedbackProbeChecks"/> made by the real judge from hand-made runs and snapshots in a temporary
/// folder: a trajectory that drifts away in condition 0 after step 30, a matching matrix, a check whose exception
/// message holds a script tag and 10 000 characters of output, and a hidden miss with marked values.
/// </summary>
internal sealed class FeedbackGrade : IDisposable
{
    /// <summary>A value only the hidden check's snapshot holds (as float32 it prints 98765.43).</summary>
    public const float HiddenExpected = 98765.4321f;

    /// <summary>What the throwing check's exception message says.</summary>
    public const string ScriptMessage = "System.InvalidOperationException: <script>window.pwned = 1</script> & <img src=x onerror=\"window.pwned = 2\">";

    public const int Steps = 50;

    public FeedbackGrade()
    {
        var snapshots = Path.Combine(Folder, "Snapshots");
        var store = new SnapshotStore(Path.Combine(snapshots, FeedbackProbeChecks.Week));
        Directory.CreateDirectory(store.Directory);
        var specs = CheckDiscovery.Discover(typeof(FeedbackProbeChecks).Assembly, FeedbackProbeChecks.Week);
        var expectedTraj = Trajectory(drift: 0);
        var receivedTraj = Trajectory(drift: 0.01f);
        var matrix = new NpyArray(NpyDType.Float64, [3, 4], Enumerable.Range(0, 12).Select(i => (i * 0.37) - 2).ToArray());
        Npz.Write(store.PathOf("FeedbackProbeChecks.Trajectory"), [new("other", F32([3], 1, 2, 3)), new("traj", expectedTraj)]);
        Npz.Write(store.PathOf("FeedbackProbeChecks.Matrix"), [new("m", matrix)]);
        Npz.Write(store.PathOf("FeedbackProbeChecks.Throws"), [new("y", F32([1], 1))]);
        Npz.Write(store.PathOf("FeedbackProbeChecks.Hidden"), [new(FeedbackProbeChecks.HiddenOutput, F32([2], HiddenExpected, 1))]);

        var runs = new[]
        {
            Completed("Trajectory", ("other", F32([3], 1, 2, 3)), ("traj", receivedTraj)),
            Completed("Matrix", ("m", matrix)),
            new CheckRun(
                Id("Throws"), RunStatus.Threw, new Dictionary<string, NpyArray>(), TimeSpan.FromSeconds(1), null,
                ScriptMessage + "\n   at Calc.Throws()", new string('x', 10_000)),
            Completed("Hidden", (FeedbackProbeChecks.HiddenOutput, F32([2], 0, 1))),
        };
        var judge = new SubmissionJudge(store, "cpu", Path.Combine(Folder, "results"));
        var checks = judge.JudgeAll(specs, runs);
        Grade = new GradeResult(FeedbackProbeChecks.Week, "cpu", "none", checks.Sum(c => c.Score), checks.Sum(c => c.MaxScore), checks, new string('a', 64), 4.2, "");
    }

    /// <summary>A fresh temporary folder, deleted on dispose.</summary>
    public string Folder { get; } = Directory.CreateTempSubdirectory("neuro-feedback-").FullName;

    public GradeResult Grade { get; }

    public static DateTimeOffset Date { get; } = new(2026, 12, 3, 18, 40, 0, TimeSpan.Zero);

    public static string Id(string method) => $"{FeedbackProbeChecks.Week}/FeedbackProbeChecks.{method}";

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    /// <summary>[2, Steps, 2]: sine and cosine per condition; from step 30 on, condition 0's column 1 drifts by drift·(t − 30).</summary>
    private static NpyArray Trajectory(float drift)
    {
        var v = new float[2 * Steps * 2];
        for (var b = 0; b < 2; b++)
        {
            for (var t = 0; t < Steps; t++)
            {
                v[(b * Steps * 2) + (t * 2)] = MathF.Sin((t + b) / 8f);
                v[(b * Steps * 2) + (t * 2) + 1] = MathF.Cos((t + b) / 8f) + (b == 0 && t >= 30 ? drift * (t - 30) : 0);
            }
        }

        return new NpyArray(NpyDType.Float32, [2, Steps, 2], v);
    }

    private static NpyArray F32(long[] shape, params float[] v) => new(NpyDType.Float32, shape, v);

    private static CheckRun Completed(string method, params (string Name, NpyArray Value)[] outputs) =>
        new(Id(method), RunStatus.Completed, outputs.ToDictionary(o => o.Name, o => o.Value), TimeSpan.FromSeconds(1), null, "", "");
}
