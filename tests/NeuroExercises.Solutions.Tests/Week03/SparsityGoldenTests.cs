using FluentAssertions;
using Sp = NeuroExercises.Week03.Microcircuits.Sparsity;
using static NeuroExercises.Solutions.Tests.Week03.MicroGoldens;
using static TorchSharp.torch;

namespace NeuroExercises.Solutions.Tests.Week03;

/// <summary>sparsity.npz reproduced through the public API within the README's tolerances, plus kurtosis invariants.</summary>
public sealed class SparsityGoldenTests
{
    private const double KurtosisTol = 1e-5;
    private const double FilterTol = 5e-6;

    [Fact]
    public void ThresholdedReluAndItsKurtosisMatchTheGoldens()
    {
        using var scope = NewDisposeScope();
        var sig = T(SparsityNpz, "sig");
        var thetas = Vector(SparsityNpz, "relu_thetas");
        var all = stack([.. thetas.Select(t => Sp.ThresholdedRelu(sig, t))]);
        ShouldMatch(all, SparsityNpz, "relu_all", 0);
        ShouldMatch(Sp.ThresholdedRelu(sig, Scalar(SparsityNpz, "relu_theta_single")), SparsityNpz, "relu_single", 0);
        ShouldMatch(stack([.. Enumerable.Range(0, thetas.Length).Select(i => Sp.Kurtosis(all[i]))]), SparsityNpz, "kurtosis_relu", KurtosisTol, atLeastOne: true);
        ShouldMatch(Sp.Kurtosis(sig), SparsityNpz, "kurtosis_sig", KurtosisTol, atLeastOne: true);
    }

    [Fact]
    public void LaggedDifferencesMatchTheGoldens()
    {
        using var scope = NewDisposeScope();
        var sig = T(SparsityNpz, "sig");
        var diff = Sp.LaggedDifference(sig, 1);
        ShouldMatch(diff, SparsityNpz, "temporal_diff", 0);
        ShouldMatch(Sp.Kurtosis(diff), SparsityNpz, "kurtosis_temporal_diff", KurtosisTol, atLeastOne: true);
        var taus = Members(SparsityNpz)["taus"].AsInt64s();
        taus.Should().Equal(1, 11, 21, 31, 41, 51, 61, 71, 81, 91);
        var kurt = new List<Tensor>();
        foreach (var tau in taus)
        {
            var lag = Sp.LaggedDifference(sig, tau);
            ShouldMatch(lag, SparsityNpz, $"lagdiff_tau{tau}", 0);
            kurt.Add(Sp.Kurtosis(lag));
        }

        ShouldMatch(stack(kurt), SparsityNpz, "kurtosis_lagdiff", KurtosisTol, atLeastOne: true);
    }

    [Fact]
    public void DiffBoxFiltersAndTheirOutputsMatchTheGoldens()
    {
        using var scope = NewDisposeScope();
        ShouldMatch(Sp.DiffBoxFilter(10, symmetric: false), SparsityNpz, "diffbox_filter_w10", FilterTol);
        ShouldMatch(Sp.DiffBoxFilter(10, symmetric: true), SparsityNpz, "diffbox_spatial_filter_w10", FilterTol);
        Sp.DiffBoxFilter(7, symmetric: true).sum().item<float>().Should().BeApproximately(0, 1e-6f);
        var sig = T(SparsityNpz, "sig");
        var windows = Members(SparsityNpz)["diffbox_windows"].AsInt64s();
        var outs = windows.Select(w => Sp.ApplyFilter(sig, Sp.DiffBoxFilter((int)w, false), (int)w)).ToArray();
        ShouldMatch(stack(outs), SparsityNpz, "diffbox_all", FilterTol);
        ShouldMatch(stack([.. outs.Select(o => Sp.Kurtosis((sig - o).abs()))]), SparsityNpz, "kurtosis_diffbox", KurtosisTol, atLeastOne: true);
    }

    [Fact]
    public void SpatialDiffBoxMatchesTheGoldensIncludingAFilterLongerThanARow()
    {
        using var scope = NewDisposeScope();
        var frame = T(SparsityNpz, "frame");
        var windows = Members(SparsityNpz)["diffbox_spatial_windows"].AsInt64s();
        var kx = new List<Tensor>();
        var ky = new List<Tensor>();
        foreach (var w in windows)
        {
            var f = Sp.DiffBoxFilter((int)w, symmetric: true);
            var x = Sp.ApplyFilter(frame, f, (int)w);
            var y = Sp.ApplyFilter(frame.t().contiguous(), f, (int)w);
            if (w is 2 or 92)
            {
                ShouldMatch(x, SparsityNpz, $"diffbox_spatial_x_w{w}", FilterTol);
                ShouldMatch(y, SparsityNpz, $"diffbox_spatial_y_w{w}", FilterTol);
            }

            kx.Add(Sp.Kurtosis((frame - x).abs()));
            ky.Add(Sp.Kurtosis((frame.t() - y).abs()));
        }

        ShouldMatch(stack(kx), SparsityNpz, "kurtosis_diffbox_spatial_x", KurtosisTol, atLeastOne: true);
        ShouldMatch(stack(ky), SparsityNpz, "kurtosis_diffbox_spatial_y", KurtosisTol, atLeastOne: true);
    }

    [Fact]
    public void HardThresholdPercentileAndSpatialDifferencesMatchTheGoldens()
    {
        using var scope = NewDisposeScope();
        var frame = T(SparsityNpz, "frame");
        ShouldMatch(Sp.HardThreshold(frame, Scalar(SparsityNpz, "hard_theta")), SparsityNpz, "frame_ht", 0);
        var pct = Sp.Percentile(frame, 80);
        ShouldMatch(pct, SparsityNpz, "frame_pct", 0);
        var ht = Sp.HardThreshold(frame, pct);
        ShouldMatch(ht, SparsityNpz, "frame_ht_pct", 0);
        ShouldMatch(Sp.Kurtosis(frame), SparsityNpz, "kurtosis_frame", KurtosisTol, atLeastOne: true);
        ShouldMatch(Sp.Kurtosis(ht), SparsityNpz, "kurtosis_frame_ht_pct", KurtosisTol, atLeastOne: true);
        var dx = frame.narrow(1, 1, 99) - frame.narrow(1, 0, 99);
        var dy = frame.narrow(0, 1, 95) - frame.narrow(0, 0, 95);
        ShouldMatch(dx, SparsityNpz, "diff_x", 0);
        ShouldMatch(dy, SparsityNpz, "diff_y", 0);
        ShouldMatch(stack([Sp.Kurtosis(dx), Sp.Kurtosis(dy)]), SparsityNpz, "kurtosis_diff_xy", KurtosisTol, atLeastOne: true);
    }

    [Fact]
    public void LifetimeAndPopulationKurtosisMatchTheGoldens()
    {
        using var scope = NewDisposeScope();
        var r = T(SparsityNpz, "responses");
        ShouldMatch(Sp.Kurtosis(r, 1), SparsityNpz, "lifetime_kurtosis", KurtosisTol, atLeastOne: true);
        ShouldMatch(Sp.Kurtosis(r, 0), SparsityNpz, "population_kurtosis", KurtosisTol, atLeastOne: true);
    }

    [Fact]
    public void KurtosisOfAGaussianIsNearZeroOfALaplacianNearThreeOfAConstantNaN()
    {
        using var scope = NewDisposeScope();
        var g = new Generator(7);
        var gauss = randn(200_000, generator: g);
        Sp.Kurtosis(gauss).item<float>().Should().BeApproximately(0, 0.05f);
        var u = rand(200_000, generator: g) - 0.5;
        var laplace = -u.sign() * (1 - (2 * u.abs())).clamp_min(1e-12).log();
        Sp.Kurtosis(laplace).item<float>().Should().BeApproximately(3, 0.2f);
        float.IsNaN(Sp.Kurtosis(full(50, 3.5f)).item<float>()).Should().BeTrue();
        // Biased moments: for {0, 0, 0, 1} m2 = 3/16, m4 = 21/256, k = 21·256/(256·9) − 3 = −2/3.
        Sp.Kurtosis(tensor(new float[] { 0, 0, 0, 1 })).item<float>().Should().BeApproximately(-2f / 3, 1e-6f);
    }
}
