using FluentAssertions;
using NeuroExercises.Core.Npy;
using NeuroExercises.Grader.Discovery;
using NeuroExercises.Grader.Judge;

namespace NeuroExercises.Grader.Tests.Judge;

public sealed class ArrayComparerTests
{
    private static readonly OutputTolerance Tight = new(1e-6, 0);

    private static NpyArray F32(long[] shape, params float[] v) => new(NpyDType.Float32, shape, v);

    [Fact]
    public void NaNMatchesOnlyWhereExpectedIsNaN()
    {
        var expected = F32([3], 1, float.NaN, 3);
        ArrayComparer.Compare("y", expected, F32([3], 1, float.NaN, 3), Tight).Passed.Should().BeTrue();
        var got = ArrayComparer.Compare("y", F32([3], 1, 2, 3), F32([3], 1, float.NaN, 3), Tight);
        got.Passed.Should().BeFalse();
        got.FirstBadIndex.Should().Equal(1);
        ArrayComparer.Compare("y", expected, F32([3], 1, 2, 3), Tight).Passed.Should().BeFalse();
    }

    [Fact]
    public void ShapeMismatchFailsBeforeValues()
    {
        var c = ArrayComparer.Compare("h", F32([2, 2], 1, 2, 3, 4), F32([4], 1, 2, 3, 4), Tight);
        c.Passed.Should().BeFalse();
        c.Message.Should().Contain("output 'h'").And.Contain("shape (4,), expected (2, 2)");
    }

    [Fact]
    public void DTypeMismatchFails()
    {
        var c = ArrayComparer.Compare("z", F32([1], 1), new NpyArray(NpyDType.Float64, [1], new double[] { 1 }), Tight);
        c.Passed.Should().BeFalse();
        c.Message.Should().Contain("dtype <f8").And.Contain("expected <f4");
    }

    [Theory]
    [InlineData(1e-3, 0, 100.0009, true)]
    [InlineData(1e-3, 0, 100.0011, false)]
    [InlineData(0, 1e-5, 100.0009, true)]
    [InlineData(0, 1e-5, 100.0011, false)]
    [InlineData(1e-3, 1e-5, 100.0019, true)]
    [InlineData(1e-3, 1e-5, 100.0021, false)]
    public void AppliesAtolPlusRtolTimesExpected(double atol, double rtol, double got, bool passes)
    {
        var e = new NpyArray(NpyDType.Float64, [1], new double[] { 100 });
        var a = new NpyArray(NpyDType.Float64, [1], new[] { got });
        ArrayComparer.Compare("y", e, a, new OutputTolerance(atol, rtol)).Passed.Should().Be(passes);
    }

    [Fact]
    public void ReportsFirstBadIndexAndMaxErrors()
    {
        var e = new NpyArray(NpyDType.Float64, [2, 3], new double[] { 0, 1, 2, 3, 4, 5 });
        var a = new NpyArray(NpyDType.Float64, [2, 3], new double[] { 0, 1, 2.5, 3, 4, 9 });
        var c = ArrayComparer.Compare("x", e, a, Tight);
        c.Passed.Should().BeFalse();
        c.FirstBadIndex.Should().Equal(0, 2);
        c.MaxAbsError.Should().Be(4);
        c.MaxRelError.Should().BeApproximately(0.8, 1e-12);
        c.Message.Should().Contain("first bad index (0, 2): expected 2, got 2.5").And.Contain("max abs error 4");
    }

    [Fact]
    public void MissingAndExtraOutputsFail()
    {
        var expected = new Dictionary<string, NpyArray> { ["a"] = F32([1], 1) };
        var received = new Dictionary<string, NpyArray> { ["b"] = F32([1], 1) };
        var all = ArrayComparer.CompareAll(expected, received, _ => Tight);
        all.Should().HaveCount(2).And.OnlyContain(c => !c.Passed);
        all[0].Message.Should().Contain("output 'a' is missing");
        all[1].Message.Should().Contain("output 'b' was not expected");
    }

    [Fact]
    public void IntegerAndBooleanOutputsMatchExactlyWhateverTheTolerance()
    {
        var loose = new OutputTolerance(10, 1);
        ArrayComparer.Compare("n", new NpyArray(NpyDType.Int64, [2], new long[] { 3, 4 }), new NpyArray(NpyDType.Int64, [2], new long[] { 3, 5 }), loose)
            .Passed.Should().BeFalse();
        ArrayComparer.Compare("b", new NpyArray(NpyDType.Bool, [1], new[] { true }), new NpyArray(NpyDType.Bool, [1], new[] { false }), loose)
            .Passed.Should().BeFalse();
        ArrayComparer.Compare("n", new NpyArray(NpyDType.Int32, [2], new[] { 3, 4 }), new NpyArray(NpyDType.Int32, [2], new[] { 3, 4 }), loose)
            .Passed.Should().BeTrue();
        ArrayComparer.Compare("x", F32([1], 3), F32([1], 4), loose).Passed.Should().BeTrue("float outputs keep their tolerance");
    }

    [Fact]
    public void InfinityMatchesOnlyTheSameInfinity()
    {
        ArrayComparer.Compare("y", F32([1], float.PositiveInfinity), F32([1], float.PositiveInfinity), Tight).Passed.Should().BeTrue();
        ArrayComparer.Compare("y", F32([1], float.PositiveInfinity), F32([1], float.NegativeInfinity), Tight).Passed.Should().BeFalse();
    }

    /// <summary>A scalar where an array was expected is nearly always TorchSharp's sum(0) (the ScalarType overload): the message says so (weeks 4 and 6 dry runs).</summary>
    [Fact]
    public void AScalarForAnArrayNamesTheLiteralZeroOverload()
    {
        var c = ArrayComparer.Compare("fi_count", F32([3], 1, 2, 3), F32([], 6), Tight);
        c.Passed.Should().BeFalse();
        c.Message.Should().Contain("shape (), expected (3,)").And.Contain("sum(dim: 0)");
        ArrayComparer.Compare("h", F32([2, 2], 1, 2, 3, 4), F32([4], 1, 2, 3, 4), Tight).Message.Should().Contain("check the dimensions and their order");
    }
}
