using FluentAssertions;
using NeuroExercises.Week03.Microcircuits;
using static NeuroExercises.Solutions.Tests.Week03.MicroGoldens;
using static TorchSharp.torch;

namespace NeuroExercises.Solutions.Tests.Week03;

/// <summary>OMP on the sine dictionary (sparsity.npz omp_*, dict_*, gray) and its recovery property.</summary>
public sealed class SparseCodingGoldenTests
{
    [Fact]
    public void OmpWithTenAtomsMatchesSklearn()
    {
        using var scope = NewDisposeScope();
        var sig = T(SparsityNpz, "sig");
        var x = SparseCoding.SineDictionary(300, T(SparsityNpz, "omp_freqs"));
        var code = SparseCoding.OrthogonalMatchingPursuit(x, sig, 10);
        code.Order.Should().Equal(Members(SparsityNpz)["omp_order"].AsInt64s());
        code.Order.Should().Equal(Members(SparsityNpz)["omp_order_float32_port"].AsInt64s());
        ShouldMatch(code.Coefficients, SparsityNpz, "omp_coef", 5e-6);
        ShouldMatch(code.Intercept, SparsityNpz, "omp_intercept", 5e-6);
        ShouldMatch(SparseCoding.Reconstruct(x, code), SparsityNpz, "omp_pred", 5e-6);
    }

    [Fact]
    public void CardinalitySweepMatchesSklearn()
    {
        using var scope = NewDisposeScope();
        var sig = T(SparsityNpz, "sig");
        var x = SparseCoding.SineDictionary(300, T(SparsityNpz, "omp_freqs"));
        var ks = Members(SparsityNpz)["omp_cardinalities"].AsInt64s();
        var coefs = new List<Tensor>();
        var intercepts = new List<double>();
        var r2 = new List<double>();
        var rmse = new List<double>();
        var active = new List<long>();
        foreach (var k in ks)
        {
            var code = SparseCoding.OrthogonalMatchingPursuit(x, sig, (int)k);
            var pred = SparseCoding.Reconstruct(x, code);
            coefs.Add(code.Coefficients);
            intercepts.Add(code.Intercept);
            r2.Add(SparseCoding.RSquared(pred, sig));
            rmse.Add((pred - sig.to(float64)).square().mean().sqrt().item<double>());
            active.Add(code.Order.Count);
        }

        ShouldMatch(stack(coefs), SparsityNpz, "omp_card_coef", 1e-5);
        ShouldMatch(tensor(intercepts.ToArray()), SparsityNpz, "omp_card_intercept", 1e-5);
        ShouldMatch(tensor(r2.ToArray()), SparsityNpz, "omp_card_r2", 1e-5);
        ShouldMatch(tensor(rmse.ToArray()), SparsityNpz, "omp_card_rmse", 1e-5);
        active.Should().Equal(Members(SparsityNpz)["omp_card_n_active"].AsInt64s());
    }

    [Fact]
    public void OmpWithTheTrueNumberOfAtomsRecoversANoiselessCode()
    {
        using var scope = NewDisposeScope();
        var x = SparseCoding.SineDictionary(300, linspace(0.001, 1, 100, dtype: float64));
        var truth = zeros(100, dtype: float64);
        truth[5] = tensor(40.0);
        truth[23] = tensor(-25.0);
        truth[71] = tensor(10.0);
        var y = x.matmul(truth) + 120;
        var code = SparseCoding.OrthogonalMatchingPursuit(x, y, 3);
        code.Order.Order().Should().Equal(5, 23, 71);
        (code.Coefficients - truth).abs().max().item<double>().Should().BeLessThan(1e-8);
        code.Intercept.Should().BeApproximately(120, 1e-8);
        SparseCoding.RSquared(SparseCoding.Reconstruct(x, code), y).Should().BeApproximately(1, 1e-12);
    }
}
