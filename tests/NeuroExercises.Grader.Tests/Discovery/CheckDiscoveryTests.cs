using FluentAssertions;
using NeuroExercises.Grader.Checks;
using NeuroExercises.Grader.Discovery;
using NeuroExercises.Grader.Judge;

namespace NeuroExercises.Grader.Tests.Discovery;

public sealed class CheckDiscoveryTests
{
    private static readonly WeekInfo Week = WeekCatalog.Find("task-driven-rnn")!;

    [Fact]
    public void WeekOneChecksHaveUniqueIdsAndPositivePoints()
    {
        var checks = CheckDiscovery.Discover(Week);
        checks.Should().NotBeEmpty();
        checks.Select(c => c.Id).Should().OnlyHaveUniqueItems().And.OnlyContain(id => id.StartsWith("task-driven-rnn/", StringComparison.Ordinal));
        checks.Should().OnlyContain(c => c.Points > 0 && c.TimeLimit > TimeSpan.Zero);
    }

    [Fact]
    public void CudaTolerancesDefaultToTenTimesCpu()
    {
        var method = typeof(DiscoveryProbe).GetMethod(nameof(DiscoveryProbe.Probe))!;
        var spec = CheckSpec.FromMethod("w", method, new CheckAttribute(2) { Atol = 1e-5, Rtol = 1e-4 }, [new ToleranceAttribute("h", 1e-3) { CudaRtol = 0.5 }]);
        spec.Id.Should().Be("w/DiscoveryProbe.Probe");
        spec.Tolerances.For("y", "cpu").Should().Be(new OutputTolerance(1e-5, 1e-4));
        spec.Tolerances.For("y", "cuda").Should().Be(new OutputTolerance(1e-4, 1e-3));
        spec.Tolerances.For("h", "cpu").Should().Be(new OutputTolerance(1e-3, 0));
        spec.Tolerances.For("h", "cuda").Should().Be(new OutputTolerance(1e-2, 0.5));
    }

    [Fact]
    public void ZeroPointsIsRejectedWithTheCheckId()
    {
        var method = typeof(DiscoveryProbe).GetMethod(nameof(DiscoveryProbe.Probe))!;
        var act = () => CheckSpec.FromMethod("w", method, new CheckAttribute(0), []);
        act.Should().Throw<InvalidOperationException>().WithMessage("check w/DiscoveryProbe.Probe: Points is 0*");
    }
}
