using FluentAssertions;
using NeuroExercises.Core.Npy;
using NeuroExercises.Grader.Checks;
using NeuroExercises.Grader.Discovery;
using NeuroExercises.Grader.Grading;
using NeuroExercises.Grader.Judge;
using NeuroExercises.Grader.Records;

namespace NeuroExercises.Grader.Tests.Grading;

/// <summary>
/// spiking-networks/SnnTrainingChecks.TrainShort's trusted derive step in this process with hand-made raw outputs: a fake
/// trainer that returns untrained or silenced weights with a made-up falling loss history fails, whatever it claims.
/// </summary>
public sealed class SpikingTrainShortDeriveTests
{
    private const string Id = "spiking-networks/SnnTrainingChecks.TrainShort";

    private static readonly WeekInfo Week = WeekCatalog.Find("spiking-networks")!;

    private static readonly string[] WeightNames = ["W1", "b1", "W2", "b2"];

    private static string Inputs => Path.Combine(TestPaths.RepoRoot, "grader", "weeks", "Week04.SpikingNetworks", "inputs");

    private static CheckSpec TrainShort => CheckDiscovery.Discover(Week).Single(c => c.Id == Id);

    [Fact]
    public void UntrainedWeightsWithAFallingHistoryFail()
    {
        var initial = Npz.Read(Path.Combine(Inputs, "snn_net.npz"));
        var raw = WeightNames.ToDictionary(n => n, n => initial[n]);
        raw["losses"] = History(57.781155f, 10f); // snn_net.npz's loss: the honest first entry

        var derived = TrustedDerive.ApplyOne(System.Reflection.Assembly.LoadFrom(Week.ChecksPath), TrainShort, Run(raw), Inputs);

        derived.Status.Should().Be(RunStatus.Completed, derived.Detail);
        Flag(derived, "history_starts").Should().Be(1, "the first reported loss is the archive weights' loss");
        Flag(derived, "history_ends").Should().Be(0, "the last reported loss is not that of the returned weights");
        Flag(derived, "loss_halved").Should().Be(0);
        Flag(derived, "weights_changed").Should().Be(0);
        Flag(derived, "finite").Should().Be(1);
    }

    [Fact]
    public void ASilencedReadoutDoesNotLearn()
    {
        var initial = Npz.Read(Path.Combine(Inputs, "snn_net.npz"));
        var raw = WeightNames.ToDictionary(n => n, n => initial[n]);
        raw["W1"] = new NpyArray(NpyDType.Float32, initial["W1"].Shape, Array.ConvertAll(initial["W1"].AsSingles(), v => v * 0.5f));
        raw["W2"] = new NpyArray(NpyDType.Float32, initial["W2"].Shape, new float[initial["W2"].Count]);
        raw["b2"] = new NpyArray(NpyDType.Float32, initial["b2"].Shape, new float[initial["b2"].Count]);
        raw["losses"] = History(57.78f, 57.56f);

        var derived = TrustedDerive.ApplyOne(System.Reflection.Assembly.LoadFrom(Week.ChecksPath), TrainShort, Run(raw), Inputs);

        derived.Status.Should().Be(RunStatus.Completed, derived.Detail);
        Flag(derived, "weights_changed").Should().Be(1);
        Flag(derived, "loss_halved").Should().Be(0, "silent outputs give 25 ln 10 ≈ 57.6, the chance loss");
        Flag(derived, "classified").Should().Be(0);
    }

    [Fact]
    public void MissingRawOutputsFailTheDeriveStepWithAMessage()
    {
        var initial = Npz.Read(Path.Combine(Inputs, "snn_net.npz"));
        var raw = WeightNames.Where(n => n != "W1").ToDictionary(n => n, n => initial[n]);
        raw["losses"] = History(57.78f, 10f);

        var derived = TrustedDerive.ApplyOne(System.Reflection.Assembly.LoadFrom(Week.ChecksPath), TrainShort, Run(raw), Inputs);

        derived.Status.Should().NotBe(RunStatus.Completed);
        derived.Detail.Should().Contain("W1");
    }

    private static NpyArray History(float first, float last) =>
        new(NpyDType.Float32, [21], Enumerable.Range(0, 21).Select(i => first + ((last - first) * i / 20f)).ToArray());

    private static CheckRun Run(IReadOnlyDictionary<string, NpyArray> outputs) =>
        new(Id, RunStatus.Completed, outputs, TimeSpan.FromSeconds(1), null, "", "");

    private static float Flag(CheckRun run, string name) => run.Outputs[name].AsSingles().Single();
}
