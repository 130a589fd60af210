using FluentAssertions;
using NeuroExercises.Week01.TaskDrivenRnn;
using static TorchSharp.torch;

namespace NeuroExercises.Solutions.Tests.Week01;

/// <summary>The week's figures are written as PNG files.</summary>
public sealed class PlotTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("week01-plots-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void WritesAllFourFigures()
    {
        using var scope = NewDisposeScope();
        var data = DatasetTests.Prepared.Value;
        using var model = Goldens.Model("rnn_full_edge");
        var run = TrajectoryGenerator.Generate(model, data.Inputs.narrow(0, 0, 3));
        var psth = Psth.Extract(M1Reaching.Load(Goldens.Fixture("mat/m1_reaching_synthetic.mat")));
        var robustness = new RobustnessResult([0, 0.1, 0.2], [1, 2, 4], [0.1, 0.3, 0.5]);

        var files = new[] { "psth.png", "inputs.png", "muscles.png", "robustness.png" }.Select(f => Path.Combine(_dir, f)).ToArray();
        WeekPlots.Psths(files[0], psth, [0, 1, 2, 3]);
        WeekPlots.Inputs(files[1], data.Times, data.Inputs, 0);
        WeekPlots.Muscles(files[2], data.Times, data.Outputs.narrow(0, 0, 3), run.Outputs, [0, 1, 2]);
        WeekPlots.Robustness(files[3], "recurrent weight noise", "p", [("edge", robustness), ("other", robustness with { Mean = [2, 3, 5] })]);
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            bytes.Length.Should().BeGreaterThan(2000, file);
            bytes.Take(8).Should().Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10 }, $"{file} is a PNG");
        }
    }
}
