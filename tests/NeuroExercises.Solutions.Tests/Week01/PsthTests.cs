using FluentAssertions;
using NeuroExercises.Week01.TaskDrivenRnn;
using static TorchSharp.torch;

namespace NeuroExercises.Solutions.Tests.Week01;

/// <summary>PSTH extraction from ../shared/fixtures/mat/m1_reaching_synthetic.mat (the layout of m1_reaching_data.mat).</summary>
public sealed class PsthTests(ITestOutputHelper output)
{
    private static M1Reaching Load() => M1Reaching.Load(Goldens.Fixture("mat/m1_reaching_synthetic.mat"));

    [Fact]
    public void LoadsTheComboNjsLayout()
    {
        using var scope = NewDisposeScope();
        var data = Load();
        data.TimesMs.shape.Should().Equal(20, 27, 296);
        data.MoveStartsMs.shape.Should().Equal(20, 27);
        data.Psth.shape.Should().Equal(20, 27, 296);
        output.WriteLine($"times[0,0]: {data.TimesMs[0, 0, 0].item<double>()} .. {data.TimesMs[0, 0, -1].item<double>()} ms, step {(data.TimesMs[0, 0, 1] - data.TimesMs[0, 0, 0]).item<double>()}; moveStarts mod 10: {string.Join(",", data.MoveStartsMs.remainder(10).unique().output.data<double>().ToArray())}; times equal across n,c: {data.TimesMs.eq(data.TimesMs[0, 0]).all().item<bool>()}; moveStarts min {data.MoveStartsMs.min().item<double>()} max {data.MoveStartsMs.max().item<double>()}");
    }

    [Fact]
    public void ExtractsTheDefaultWindowAroundMovementOnset()
    {
        // The fixture samples every 10 ms from 1000 to 3950 ms with moveStarts of 2800–2820 ms (multiples of 10):
        // −200..600 ms holds 81 samples for every neuron and condition.
        using var scope = NewDisposeScope();
        var data = Load();
        var psth = Psth.Extract(data);
        psth.Rates.shape.Should().Equal(20, 27, 81);
        psth.Rates.dtype.Should().Be(ScalarType.Float32);
        psth.Times.dtype.Should().Be(ScalarType.Float64);
        Close.Within(psth.Times, linspace(-0.2, 0.6, 81, float64), 1e-12, "times (s)");
        foreach (var (n, c) in new[] { (0, 0), (3, 5), (19, 26), (11, 13) })
        {
            var start = data.MoveStartsMs[n, c].item<double>();
            var first = (int)Math.Round((start - 200 - data.TimesMs[n, c, 0].item<double>()) / 10);
            Close.Within(psth.Rates[n, c], data.Psth[n, c, TensorIndex.Slice(first, first + 81)], 1e-4, $"rates of neuron {n}, condition {c}");
        }
    }

    [Fact]
    public void RefusesAWindowSomeRecordingsDoNotCover()
    {
        using var scope = NewDisposeScope();
        var data = Load();
        var act = () => Psth.Extract(data, -1815, 0);
        act.Should().Throw<ArgumentException>().WithMessage("neuron *, condition *");
    }
}
