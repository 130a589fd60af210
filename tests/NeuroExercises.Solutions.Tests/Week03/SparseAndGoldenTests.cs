using FluentAssertions;
using NeuroExercises.Week03.Microcircuits;
using static NeuroExercises.Solutions.Tests.Week03.MicroGoldens;
using static TorchSharp.torch;

namespace NeuroExercises.Solutions.Tests.Week03;

/// <summary>sparse_and.npz: the query task's data sets drawn with torch's default generator as the course does.</summary>
public sealed class SparseAndGoldenTests
{
    [Theory]
    [InlineData("sparse", 51)]
    [InlineData("dense", 52)]
    public void GeneratedSetsMatchTheGoldens(string tag, long seed)
    {
        using var scope = NewDisposeScope();
        var f1 = Members(SparseAndNpz)[$"{tag}_f_i_1"].AsInt64s();
        var f2 = Members(SparseAndNpz)[$"{tag}_f_i_2"].AsInt64s();
        manual_seed(seed);
        var train = SparseAnd.Generate(200, f1, f2);
        var valid = SparseAnd.Generate(500, f1, f2);
        ShouldMatch(train.X, SparseAndNpz, $"{tag}_X_train", 0);
        ShouldMatch(train.Y, SparseAndNpz, $"{tag}_y_train", 0);
        ShouldMatch(valid.X, SparseAndNpz, $"{tag}_X_valid", 0);
        ShouldMatch(valid.Y, SparseAndNpz, $"{tag}_y_valid", 0);
        ((double)train.Tries).Should().Be(Scalar(SparseAndNpz, $"{tag}_tries_train"));
        ((double)valid.Tries).Should().Be(Scalar(SparseAndNpz, $"{tag}_tries_valid"));
    }
}
