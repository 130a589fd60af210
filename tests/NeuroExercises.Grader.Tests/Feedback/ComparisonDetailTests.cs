using FluentAssertions;
using NeuroExercises.Core.Npy;
using NeuroExercises.Grader.Discovery;
using NeuroExercises.Grader.Judge;

namespace NeuroExercises.Grader.Tests.Feedback;

/// <summary>What the comparer keeps for the feedback page: the largest error (not just the first), how many miss, the tolerance.</summary>
public sealed class ComparisonDetailTests
{
    private static NpyArray F64(long[] shape, params double[] v) => new(NpyDType.Float64, shape, v);

    [Fact]
    public void KeepsTheLargestErrorNotTheFirst()
    {
        var c = ArrayComparer.Compare("x", F64([2, 3], 0, 1, 2, 3, 4, 5), F64([2, 3], 0.5, 1, 2, 3, 4, 9), new OutputTolerance(1e-3, 0));
        c.FirstBadIndex.Should().Equal(0, 0);
        c.Worst.Should().BeEquivalentTo(new ElementMiss([1, 2], 5, 9, 4));
        c.BadCount.Should().Be(2);
        c.Count.Should().Be(6);
        c.Tolerance.Should().Be(new OutputTolerance(1e-3, 0));
    }

    [Fact]
    public void ANaNWhereANumberIsExpectedIsTheLargestError()
    {
        var c = ArrayComparer.Compare("x", F64([3], 1, 2, 3), F64([3], 1, double.NaN, 30), new OutputTolerance(1e-6, 0));
        c.Worst!.Index.Should().Equal(1);
        c.Worst.Error.Should().Be(double.PositiveInfinity);
        c.BadCount.Should().Be(2);
    }

    [Fact]
    public void ExactDTypesRecordTheZeroToleranceApplied()
    {
        var e = new NpyArray(NpyDType.Int64, [2], new long[] { 1, 2 });
        var a = new NpyArray(NpyDType.Int64, [2], new long[] { 1, 3 });
        var c = ArrayComparer.Compare("i", e, a, new OutputTolerance(0.5, 0.5));
        c.Tolerance.Should().Be(new OutputTolerance(0, 0));
        c.Worst!.Index.Should().Equal(1);
    }

    [Fact]
    public void APassKeepsTheToleranceAndNoWorstElement()
    {
        var c = ArrayComparer.Compare("x", F64([2], 1, 2), F64([2], 1, 2), new OutputTolerance(1e-6, 1e-5));
        c.Passed.Should().BeTrue();
        c.Worst.Should().BeNull();
        c.BadCount.Should().Be(0);
        c.Count.Should().Be(2);
        c.Tolerance.Should().Be(new OutputTolerance(1e-6, 1e-5));
    }

    [Fact]
    public void AShapeMissHasNoElementDetail()
    {
        var c = ArrayComparer.Compare("x", F64([2], 1, 2), F64([1, 2], 1, 2), new OutputTolerance(1e-6, 0));
        c.Worst.Should().BeNull();
        c.Tolerance.Should().BeNull();
        c.Count.Should().Be(0);
    }
}
