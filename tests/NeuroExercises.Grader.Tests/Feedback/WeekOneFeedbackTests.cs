using FluentAssertions;
using NeuroExercises.Core.Npy;
using NeuroExercises.Grader.Checks;
using NeuroExercises.Grader.Discovery;
using NeuroExercises.Grader.Judge;
using NeuroExercises.Grader.Reports;

namespace NeuroExercises.Grader.Tests.Feedback;

/// <summary>Week 1's feedback declarations: every visible check has a hint, every plot names a real output and fits its shape.</summary>
public sealed class WeekOneFeedbackTests
{
    private static readonly IReadOnlyList<CheckSpec> Checks = CheckDiscovery.Discover(WeekCatalog.Find("task-driven-rnn")!);

    [Fact]
    public void EveryVisibleCheckHasAHint()
    {
        Checks.Where(c => c.Visibility == Visibility.Visible && string.IsNullOrWhiteSpace(c.Hint)).Select(c => c.Id)
            .Should().BeEmpty("a student who misses a visible check reads its hint: add Hint = \"…\" to its [Check]");
    }

    [Fact]
    public void TheTrajectoryCheckPlotsConditionZeroAndItsErrorOverTime()
    {
        var plots = Checks.Single(c => c.ShortName == "TrajectoryGeneratorChecks.SmallChaotic").Plots;
        plots.Should().Contain(p => p.Output == "outputs" && p.Kind == FeedbackPlotKind.Trace && p.Select.SequenceEqual(new[] { 0 }));
        plots.Should().Contain(p => p.Output == "outputs" && p.Kind == FeedbackPlotKind.Error && p.Select.SequenceEqual(new[] { 0 }));
    }

    [Fact]
    public void EveryDeclaredPlotNamesASnapshotOutputAndCanBeDrawn()
    {
        var store = SnapshotStore.For(TestPaths.Snapshots, WeekCatalog.Find("task-driven-rnn")!);
        var problems = new List<string>();
        var drawn = 0;
        foreach (var check in Checks.Where(c => c.Plots.Count > 0))
        {
            var snapshot = Npz.Read(store.PathOf(check.ShortName));
            foreach (var plot in check.Plots)
            {
                if (!snapshot.TryGetValue(plot.Output, out var expected))
                {
                    problems.Add($"{check.Id}: [FeedbackPlot(\"{plot.Output}\")] is not an output of the snapshot ({string.Join(", ", snapshot.Keys)})");
                    continue;
                }

                if (FeedbackPlots.Draw(plot, expected, expected, check.Tolerances.For(plot.Output, "cpu")) is null)
                {
                    problems.Add($"{check.Id}: [FeedbackPlot(\"{plot.Output}\")] Select [{string.Join(", ", plot.Select)}] does not fit shape ({string.Join(", ", expected.Shape)}) for a {plot.Kind}");
                    continue;
                }

                drawn++;
            }
        }

        problems.Should().BeEmpty();
        drawn.Should().BeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public void HiddenChecksDeclareNoPlots()
    {
        Checks.Where(c => c.Visibility != Visibility.Visible && c.Plots.Count > 0).Select(c => c.Id)
            .Should().BeEmpty("plots are drawn for visible checks only; a hidden check's declaration would be dead");
    }
}
