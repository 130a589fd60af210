using FluentAssertions;
using NeuroExercises.Core.Npy;
using NeuroExercises.Grader.Checks;
using NeuroExercises.Grader.Discovery;
using NeuroExercises.Grader.Grading;
using NeuroExercises.Grader.Judge;
using NeuroExercises.Grader.Records;
using NeuroExercises.Grader.Tests.Discovery;

namespace NeuroExercises.Grader.Tests.Grading;

/// <summary>
/// The trusted derive step, in this process with hand-made raw outputs (no child, no submission): TrainShort's flags come
/// from the raw weights, not from what the child claims; malformed raw data scores 0 with a message, never a crash.
/// </summary>
public sealed class TrustedDeriveTests
{
    private const string TrainShortId = "task-driven-rnn/TrainerChecks.TrainShort";

    private static readonly WeekInfo Week = WeekCatalog.Find("task-driven-rnn")!;

    /// <summary>The week's checks assembly as the grader loads it (its registered DLL beside the tests).</summary>
    private static System.Reflection.Assembly WeekAssembly => System.Reflection.Assembly.LoadFrom(Week.ChecksPath);

    private static readonly string[] WeightNames = ["J", "B", "bx", "W", "c"];

    private static readonly string[] Flags = ["finite", "history_lengths", "loss_history_matches", "matches_reference", "reproducible", "train_error_decreased", "weights_changed"];

    private static readonly string[] PlausibilityFlags = ["finite", "history_lengths", "reproducible", "train_error_decreased", "weights_changed"];

    private static string Inputs => Path.Combine(TestPaths.RepoRoot, "grader", "weeks", "Week01.TaskDrivenRnn", "inputs");

    private static IReadOnlyList<CheckSpec> Checks => CheckDiscovery.Discover(Week);

    private static CheckSpec TrainShort => Checks.Single(c => c.Id == TrainShortId);

    [Fact]
    public void TrainShortDeclaresItsDeriveStep()
    {
        TrainShort.DeriveMethodName.Should().Be("TrainShortVerdict");
        Checks.Where(c => c.DeriveMethodName is not null).Select(c => c.Id).Should().Equal(TrainShortId);
    }

    [Fact]
    public void ADeriveNameWithoutAMatchingMethodIsRejectedWithTheCheckId()
    {
        var method = typeof(DiscoveryProbe).GetMethod(nameof(DiscoveryProbe.Probe))!;
        var act = () => CheckSpec.FromMethod("w", method, new CheckAttribute(1) { Derive = nameof(DiscoveryProbe.Probe) }, []);
        act.Should().Throw<InvalidOperationException>().WithMessage("check w/DiscoveryProbe.Probe: Derive = \"Probe\" must name one method*");
    }

    /// <summary>
    /// A fake trainer (no BPTT: it halves J and silences the readout, which does lower the error) passes every plausibility
    /// flag, but its weights are not where the grader's own seeded BPTT + Adam run lands, nor is its loss history that
    /// run's: the check fails.
    /// </summary>
    [Fact]
    public void FakeTrainedWeightsPassThePlausibilityFlagsButNotTheReferenceRun()
    {
        var initial = Npz.Read(Path.Combine(Inputs, "rnn_small_chaotic.npz"));
        var trained = WeightNames.ToDictionary(n => n, n => initial[n]);
        // A silent readout (W = 0, c = 0) predicts 0: its error is the targets' mean square, below the chaotic network's.
        trained["J"] = new NpyArray(NpyDType.Float32, initial["J"].Shape, Array.ConvertAll(initial["J"].AsSingles(), v => v * 0.5f));
        trained["W"] = Zeros(initial["W"]);
        trained["c"] = Zeros(initial["c"]);
        var run = Run(Raw(trained, trained, epochs: 4));

        var derived = TrustedDerive.ApplyOne(WeekAssembly, TrainShort, run, Inputs);

        derived.Status.Should().Be(RunStatus.Completed, derived.Detail);
        derived.Outputs.Keys.Order(StringComparer.Ordinal).Should().Equal(Flags);
        derived.Outputs.Where(kv => PlausibilityFlags.Contains(kv.Key)).Should().AllSatisfy(kv => kv.Value.AsSingles().Should().Equal([1f], kv.Key));
        Flag(derived, "matches_reference").Should().Be(0);
        Flag(derived, "loss_history_matches").Should().Be(0);
    }

    [Fact]
    public void RawWeightsThatAreTheInitialOnesDoNotChangeOrLowerTheError()
    {
        var initial = Npz.Read(Path.Combine(Inputs, "rnn_small_chaotic.npz"));
        var untouched = WeightNames.ToDictionary(n => n, n => initial[n]);

        var derived = TrustedDerive.ApplyOne(WeekAssembly, TrainShort, Run(Raw(untouched, untouched, epochs: 4)), Inputs);

        derived.Status.Should().Be(RunStatus.Completed, derived.Detail);
        Flag(derived, "weights_changed").Should().Be(0);
        Flag(derived, "train_error_decreased").Should().Be(0);
        Flag(derived, "reproducible").Should().Be(1);
        Flag(derived, "finite").Should().Be(1);
    }

    [Fact]
    public void RunsThatDifferOrHistoriesOfTheWrongLengthLowerTheirFlags()
    {
        var initial = Npz.Read(Path.Combine(Inputs, "rnn_small_chaotic.npz"));
        var first = WeightNames.ToDictionary(n => n, n => initial[n]);
        var second = new Dictionary<string, NpyArray>(first) { ["c"] = Zeros(initial["c"]) };

        var derived = TrustedDerive.ApplyOne(WeekAssembly, TrainShort, Run(Raw(first, second, epochs: 3)), Inputs);

        Flag(derived, "reproducible").Should().Be(0);
        Flag(derived, "history_lengths").Should().Be(0);
    }

    /// <summary>Flags claimed by the child (the old outputs, all 1) are not raw data: the derive step fails, the check scores 0, the others are graded.</summary>
    [Fact]
    public void ADeriveThatThrowsScoresZeroWithAMessageAndTheOtherChecksAreStillGraded()
    {
        var forged = Flags.ToDictionary(f => f, _ => new NpyArray(NpyDType.Float32, [], new[] { 1f }));
        var other = Checks.Single(c => c.Id == "task-driven-rnn/RnnMathChecks.RectifiedTanh");
        var store = SnapshotStore.For(TestPaths.Snapshots, Week);
        var runs = new[] { Run(forged), Run(Npz.Read(store.PathOf(other.ShortName))) with { Id = other.Id } };
        var specs = new[] { TrainShort, other };

        var derived = TrustedDerive.Apply(Week.ChecksPath, specs, runs, Inputs);
        var results = new SubmissionJudge(store, "cpu", null).JudgeAll(specs, derived);

        var trainShort = results.Single(r => r.Id == TrainShortId);
        trainShort.Score.Should().Be(0);
        trainShort.Outcome.Should().Be("derive-failed");
        trainShort.Output.Should().Contain(TrainShortId).And.Contain("TrainShortVerdict").And.Contain("'run1_J' is missing");
        results.Single(r => r.Id == other.Id).Passed.Should().BeTrue();
    }

    [Fact]
    public void ARawWeightOfTheWrongShapeScoresZeroAndNamesIt()
    {
        var initial = Npz.Read(Path.Combine(Inputs, "rnn_small_chaotic.npz"));
        var weights = WeightNames.ToDictionary(n => n, n => initial[n]);
        var raw = Raw(weights, weights, epochs: 4);
        raw["run2_J"] = new NpyArray(NpyDType.Float32, [10], new float[10]);

        var derived = TrustedDerive.ApplyOne(WeekAssembly, TrainShort, Run(raw), Inputs);

        derived.Status.Should().Be(RunStatus.DeriveFailed);
        derived.Outputs.Should().BeEmpty();
        derived.Detail.Should().Contain(TrainShortId).And.Contain("'run2_J'").And.Contain("expected Float32 (10, 10)");
    }

    private static CheckRun Run(IReadOnlyDictionary<string, NpyArray> outputs) =>
        new(TrainShortId, RunStatus.Completed, outputs, TimeSpan.FromSeconds(1), null, "", "");

    private static Dictionary<string, NpyArray> Raw(Dictionary<string, NpyArray> run1, Dictionary<string, NpyArray> run2, int epochs)
    {
        var raw = new Dictionary<string, NpyArray>(StringComparer.Ordinal);
        foreach (var n in WeightNames)
        {
            raw["run1_" + n] = run1[n];
            raw["run2_" + n] = run2[n];
        }

        var history = Enumerable.Range(0, epochs).Select(e => 1.0 / (e + 1)).ToArray();
        foreach (var h in new[] { "run1_loss", "run1_validation", "run2_loss", "run2_validation" })
        {
            raw[h] = new NpyArray(NpyDType.Float64, [epochs], (double[])history.Clone());
        }

        return raw;
    }

    private static NpyArray Zeros(NpyArray like) => new(NpyDType.Float32, like.Shape, new float[like.Count]);

    private static float Flag(CheckRun run, string name) => run.Outputs[name].AsSingles().Single();
}
