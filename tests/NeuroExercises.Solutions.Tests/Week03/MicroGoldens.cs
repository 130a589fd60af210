using System.Collections.Concurrent;
using System.Globalization;
using FluentAssertions;
using NeuroExercises.Core.Npy;
using NeuroExercises.Tests.Shared;
using static TorchSharp.torch;

namespace NeuroExercises.Solutions.Tests.Week03;

/// <summary>../shared/reference/microcircuits/*.npz and the README's comparison rule (max |Δ| / max |golden| per array).</summary>
internal static class MicroGoldens
{
    public const string SparsityNpz = "sparsity";
    public const string NormalizationNpz = "normalization";
    public const string AttentionNpz = "attention";
    public const string SparseAndNpz = "sparse_and";
    public const string ModelsNpz = "models";

    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, NpyArray>> Cache = new();

    public static IReadOnlyDictionary<string, NpyArray> Members(string file) =>
        Cache.GetOrAdd(file, f => Npz.Read(RepoPaths.Reference(Path.Combine("microcircuits", f + ".npz"))));

    public static Tensor T(string file, string member) => Members(file)[member].ToTensor();

    public static double Scalar(string file, string member) =>
        Convert.ToDouble(Members(file)[member].Data.GetValue(0), CultureInfo.InvariantCulture);

    public static double[] Vector(string file, string member) => Members(file)[member].ToDoubles();

    /// <summary>max |actual − golden| ≤ tol · scale, scale = max |golden| (or max(1, that) for dimensionless scalars); NaN only where the golden is NaN.</summary>
    public static void ShouldMatch(Tensor actual, string file, string member, double tol, bool atLeastOne = false)
    {
        using var scope = NewDisposeScope();
        var expected = T(file, member).to(float64);
        var got = actual.to(float64).cpu();
        got.shape.Should().Equal(expected.shape, $"{file}/{member}: shape");
        var nanE = expected.isnan();
        got.isnan().eq(nanE).all().item<bool>().Should().BeTrue($"{file}/{member}: NaN where the golden has NaN, and only there");
        var e = expected.masked_fill(nanE, 0);
        var g = got.masked_fill(nanE, 0);
        var scale = e.numel() == 0 ? 1 : e.abs().max().item<double>();
        if (atLeastOne)
        {
            scale = Math.Max(1, scale);
        }

        var diff = e.numel() == 0 ? 0 : (g - e).abs().max().item<double>();
        if (tol == 0)
        {
            diff.Should().Be(0, $"{file}/{member} is exact");
        }
        else
        {
            diff.Should().BeLessThanOrEqualTo(tol * scale, $"{file}/{member}: max |Δ| = {diff:E2}, max |golden| = {scale:G4}");
        }
    }

    /// <summary>A scalar against a 0-d (or [1]) golden.</summary>
    public static void ShouldMatch(double actual, string file, string member, double tol, bool atLeastOne = false)
    {
        using var scope = NewDisposeScope();
        var golden = T(file, member);
        ShouldMatch(tensor(actual).reshape(golden.shape), file, member, tol, atLeastOne);
    }
}
