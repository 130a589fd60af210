using FluentAssertions;
using NeuroExercises.Core.Npy;
using NeuroExercises.Grader.Checks;
using NeuroExercises.Grader.Discovery;
using NeuroExercises.Grader.Reports;

namespace NeuroExercises.Grader.Tests.Feedback;

/// <summary>The plots: selection of the leading axes, shapes a kind cannot draw, and a student's NaN or diverging values.</summary>
public sealed class FeedbackPlotsTests
{
    private static readonly OutputTolerance Tol = new(1e-5, 0);

    private static NpyArray Ramp(long[] shape, Func<int, float>? f = null)
    {
        var n = (int)shape.Aggregate(1L, (p, d) => p * d);
        return new NpyArray(NpyDType.Float32, shape, Enumerable.Range(0, n).Select(i => f?.Invoke(i) ?? i).ToArray());
    }

    [Fact]
    public void SelectFixesTheLeadingAxes()
    {
        var a = Ramp([2, 3, 2]);
        var (values, shape) = FeedbackPlots.Select(a, [1])!.Value;
        shape.Should().Equal(3, 2);
        values.Should().Equal(6, 7, 8, 9, 10, 11);
        FeedbackPlots.Select(a, [1, 2])!.Value.Values.Should().Equal(10, 11);
        FeedbackPlots.Select(a, [])!.Value.Values.Should().HaveCount(12);
        FeedbackPlots.Select(a, [2]).Should().BeNull("condition 2 of 2 does not exist");
        FeedbackPlots.Select(a, [0, 0, 0, 0]).Should().BeNull("more indices than axes");
    }

    [Theory]
    [InlineData(FeedbackPlotKind.Trace)]
    [InlineData(FeedbackPlotKind.Error)]
    [InlineData(FeedbackPlotKind.Scatter)]
    public void EachKindDrawsAPng(FeedbackPlotKind kind)
    {
        var e = Ramp([2, 40, 3], i => MathF.Sin(i / 5f));
        var a = Ramp([2, 40, 3], i => MathF.Sin(i / 5f) + (i > 60 ? 0.01f : 0));
        var figure = FeedbackPlots.Draw(new FeedbackPlotAttribute("y") { Kind = kind, Select = [0] }, e, a, Tol);
        figure.Should().NotBeNull();
        figure!.Png.Take(4).Should().Equal(0x89, 0x50, 0x4E, 0x47);
        figure.Title.Should().Be("y[0, :, :]");
        figure.Caption.Should().NotBeEmpty();
    }

    [Fact]
    public void TracesAndErrorsNeedOneOrTwoAxesLeft()
    {
        var e = Ramp([2, 4, 3]);
        FeedbackPlots.Draw(new FeedbackPlotAttribute("y"), e, e, Tol).Should().BeNull("three axes are left: declare Select");
        FeedbackPlots.Draw(new FeedbackPlotAttribute("y") { Kind = FeedbackPlotKind.Error }, e, e, Tol).Should().BeNull();
        FeedbackPlots.Draw(new FeedbackPlotAttribute("y") { Kind = FeedbackPlotKind.Scatter }, e, e, Tol).Should().NotBeNull("a scatter takes any shape");
    }

    [Fact]
    public void NaNAndDivergingValuesAreDrawnAndSaid()
    {
        var e = Ramp([30, 2], i => i / 10f);
        var a = Ramp([30, 2], i => i < 20 ? i / 10f : i < 40 ? float.NaN : 1e30f);
        var trace = FeedbackPlots.Draw(new FeedbackPlotAttribute("y"), e, a, Tol)!;
        trace.Caption.Should().Contain("20 of your values are NaN or ∞ and are not drawn");
        var error = FeedbackPlots.Draw(new FeedbackPlotAttribute("y") { Kind = FeedbackPlotKind.Error }, e, a, Tol)!;
        error.Caption.Should().Contain("10 point(s) on the top line are NaN or ∞");
        FeedbackPlots.Draw(new FeedbackPlotAttribute("y") { Kind = FeedbackPlotKind.Scatter }, e, a, Tol)!.Caption.Should().Contain("20 of your values");
    }

    [Fact]
    public void AnExactMatchIsSaidInTheErrorCaption()
    {
        var e = Ramp([10]);
        FeedbackPlots.Draw(new FeedbackPlotAttribute("y") { Kind = FeedbackPlotKind.Error }, e, e, Tol)!.Caption
            .Should().Contain("equal the reference exactly");
    }

    [Theory]
    [InlineData(new[] { -1 }, 1.0, 4, "negative index")]
    [InlineData(new int[0], 0.0, 4, "XStep is 0")]
    [InlineData(new int[0], 1.0, 0, "MaxLines is 0")]
    public void AMalformedDeclarationIsNamed(int[] select, double step, int maxLines, string problem)
    {
        new FeedbackPlotAttribute("y") { Select = select, XStep = step, MaxLines = maxLines }.Problem().Should().Contain(problem).And.Contain("\"y\"");
        new FeedbackPlotAttribute(" ").Problem().Should().Contain("names no output");
        new FeedbackPlotAttribute("y").Problem().Should().BeNull();
    }

    [Fact]
    public void DiscoveryRefusesAMalformedPlotByCheckId()
    {
        var act = () => CheckDiscovery.Discover(typeof(FeedbackBadPlotProbe).Assembly, FeedbackBadPlotProbe.Week);
        act.Should().Throw<InvalidOperationException>()
            .WithMessage("check feedback-probe-bad-plot/FeedbackBadPlotProbe.NegativeSelect: [FeedbackPlot(\"y\")] Select has a negative index*");
    }
}
