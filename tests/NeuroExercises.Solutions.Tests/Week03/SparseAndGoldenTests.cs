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

    [Fact]
    public void TheQueryFreeDemoMatchesTheGoldens()
    {
        // The course's s-sparse AND demo: torch.manual_seed(41), m = 10, T = 13, relevant [5, 6], p = 0.5^{1/3}, accepted at
        // the 8th try at exactly 6/10 (the float32 rate test), the relevant columns unlike every other column.
        using var scope = NewDisposeScope();
        var relevant = Members(SparseAndNpz)["and_demo_f_i"].AsInt64s();
        relevant.Should().Equal(5L, 6L);
        manual_seed(41);
        var demo = SparseAnd.GenerateDemo(10, relevant);
        ShouldMatch(demo.X, SparseAndNpz, "and_demo_X", 0);
        ShouldMatch(demo.Y, SparseAndNpz, "and_demo_y", 0);
        ((double)demo.Tries).Should().Be(Scalar(SparseAndNpz, "and_demo_tries"));
        demo.Y.mean().item<float>().Should().Be(0.6f);
        // The accepted draw is the golden's u: X = 1 exactly where u_last < 0.5^{1/3}.
        var u = T(SparseAndNpz, "and_demo_u_last");
        demo.X.eq((u < Math.Pow(0.5, 1.0 / 3)).to(ScalarType.Int64)).all().item<bool>().Should().BeTrue();
    }

    [Fact]
    public void AnAcceptedDemoBatchHasItsRateInRangeAndNoRelevantColumnRepeated()
    {
        // With 10 rows of p ≈ 0.79 bits, two columns are often equal; over 40 seeds the rule must hold for every accepted batch.
        using var scope = NewDisposeScope();
        var accepted = 0;
        for (var seed = 0; seed < 40; seed++)
        {
            manual_seed(seed);
            var demo = SparseAnd.GenerateDemo(10, [5L, 6L]);
            if (demo.Tries == SparseAnd.MaxTries)
            {
                continue;
            }

            accepted++;
            demo.Y.mean().item<float>().Should().BeInRange(0.4f, 0.6f);
            foreach (var r in new[] { 5, 6 })
            {
                var column = demo.X[TensorIndex.Colon, TensorIndex.Slice(r, r + 1)];
                demo.X.eq(column).all(0).sum().item<long>().Should().Be(1, $"seed {seed}: column {r} must differ from every other column");
            }
        }

        accepted.Should().BeGreaterThan(30);
    }

    [Fact]
    public void PythonsSampleIsReproducedAndPicksTheCoursesRelevantBits()
    {
        // pysample_cases rows: (seed, n, k, picks…, −1 padding) of CPython's random.Random(seed).sample(range(n), k).
        var cases = Members(SparseAndNpz)["pysample_cases"].AsInt64s();
        for (var row = 0; row < cases.Length / 11; row++)
        {
            var c = cases.Skip(row * 11).Take(11).ToArray();
            var (seed, n, k) = (c[0], (int)c[1], (int)c[2]);
            var picks = new PythonRandom(seed).Sample(Enumerable.Range(0, n).Select(i => (long)i).ToArray(), k);
            picks.Should().Equal(c.Skip(3).Take(k), $"random.Random({seed}).sample(range({n}), {k})");
        }

        var (sparse1, sparse2) = SparseAnd.CourseRelevantBits(51, 2);
        sparse1.Should().Equal(Members(SparseAndNpz)["sparse_f_i_1"].AsInt64s());
        sparse2.Should().Equal(Members(SparseAndNpz)["sparse_f_i_2"].AsInt64s());
        var (dense1, dense2) = SparseAnd.CourseRelevantBits(52, 4);
        dense1.Should().Equal(Members(SparseAndNpz)["dense_f_i_1"].AsInt64s());
        dense2.Should().Equal(Members(SparseAndNpz)["dense_f_i_2"].AsInt64s());
        new PythonRandom(41).Sample(Enumerable.Range(0, 13).Select(i => (long)i).ToArray(), 2).Order()
            .Should().Equal(Members(SparseAndNpz)["and_demo_f_i"].AsInt64s());
        // Values printed by Debian's CPython 3.11 (/usr/bin/python3): the set method (n = 1000 above 21 + 4^⌈log₄ 30⌉), a
        // seed of two 32-bit words, a negative seed (its absolute value) with k = 30 > 5.
        new PythonRandom(7).Sample(Enumerable.Range(0, 1000).ToArray(), 10).Should().Equal(331, 970, 154, 404, 666, 49, 74, 840, 548, 96);
        new PythonRandom((1L << 40) + 5).Sample(Enumerable.Range(0, 20).ToArray(), 6).Should().Equal(16, 19, 8, 0, 1, 2);
        new PythonRandom(-3).Sample(Enumerable.Range(0, 100).ToArray(), 30).Should().Equal(
            30, 75, 69, 16, 47, 77, 60, 80, 74, 8, 94, 1, 93, 33, 70, 29, 24, 87, 97, 85, 82, 50, 19, 84, 89, 66, 49, 88, 90, 20);
    }
}
