using static TorchSharp.torch;

namespace NeuroExercises.Week03.Microcircuits.Checks;

/// <summary>
/// Checks of <see cref="Sparsity"/> on sparsity.npz's signal and frame. Tolerances (../shared/reference/microcircuits/README.md):
/// integer-valued arrays exact; kurtosis 1e-5 × max(1, max |golden|); filters and their outputs 5e-6 × max |golden|.
/// </summary>
[WeekChecks(CheckKit.Week)]
public static class SparsityChecks
{
    /// <summary>max(sig − θ, 0) for θ = 0, 20, …, 220.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>relu_all [12, 300].</returns>
    [Check(2, Description = "Sparsity.ThresholdedRelu: max(x − θ, 0) for θ = 0, 20, …, 220 on the pixel signal (x − θ, not x, above θ)", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    public static IReadOnlyDictionary<string, Tensor> ThresholdedRelu(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var s = ctx.LoadInputs(CheckKit.Sparsity);
        var thetas = CheckKit.Doubles(s["relu_thetas"]);
        return CheckKit.Results(("relu_all", stack([.. thetas.Select(t => Sparsity.ThresholdedRelu(s["sig"], t))])));
    }

    /// <summary>Excess biased kurtosis of the signal, its ReLUs and differences, and of the responses along each axis.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>kurtosis_sig, kurtosis_relu [12], kurtosis_temporal_diff, lifetime_kurtosis [24], population_kurtosis [120].</returns>
    [Check(3, Description = "Sparsity.Kurtosis: m₄/m₂² − 3 with population moments, over all entries and along an axis (lifetime over time, population over units)", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("kurtosis_sig", 1e-05)] // 1e-05 × max(1, |golden| = 0.721)
    [Tolerance("kurtosis_relu", 3.48e-04)] // 1e-05 × max|sparsity:kurtosis_relu| = 1e-05 × 34.75
    [Tolerance("kurtosis_temporal_diff", 1.85e-04)] // 1e-05 × 18.46
    [Tolerance("lifetime_kurtosis", 3.2e-04)] // 1e-05 × 31.96
    [Tolerance("population_kurtosis", 1.9e-04)] // 1e-05 × 19.0
    public static IReadOnlyDictionary<string, Tensor> Kurtosis(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var s = ctx.LoadInputs(CheckKit.Sparsity);
        var args = ctx.LoadInputs(CheckKit.Arguments);
        var sig = s["sig"];
        var thetas = CheckKit.Doubles(s["relu_thetas"]);
        return CheckKit.Results(
            ("kurtosis_sig", Sparsity.Kurtosis(sig)),
            ("kurtosis_relu", stack([.. Enumerable.Range(0, thetas.Length).Select(i => Sparsity.Kurtosis(args["relu_all"][i]))])),
            ("kurtosis_temporal_diff", Sparsity.Kurtosis(args["temporal_diff"])),
            ("lifetime_kurtosis", Sparsity.Kurtosis(s["responses"], 1)),
            ("population_kurtosis", Sparsity.Kurtosis(s["responses"], 0)));
    }

    /// <summary>Kurtosis of samples whose value is known: a large Gaussian (≈ 0), a Laplacian (≈ 3), {0, 0, 0, 1} (−2/3), a constant (NaN).</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>gaussian, laplace, four_points, small_sample, constant (0-d).</returns>
    [Check(1, Description = "Sparsity.Kurtosis on known distributions: a large Gaussian ≈ 0, a Laplacian ≈ 3, {0,0,0,1} = −2/3, a constant NaN", Visibility = Visibility.Hidden, Atol = 1e-4, TimeLimitSeconds = 20)]
    public static IReadOnlyDictionary<string, Tensor> KurtosisOfKnownDistributions(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var g = new Generator(20261203);
        var gauss = randn(100_000, generator: g);
        var u = rand(100_000, generator: g) - 0.5;
        var laplace = -u.sign() * (1 - (2 * u.abs())).clamp_min(1e-12).log();
        var small = randn(12, generator: g).exp();
        return CheckKit.Results(
            ("gaussian", Sparsity.Kurtosis(gauss)),
            ("laplace", Sparsity.Kurtosis(laplace)),
            ("four_points", Sparsity.Kurtosis(tensor(new float[] { 0, 0, 0, 1 }))),
            ("small_sample", Sparsity.Kurtosis(small)),
            ("constant", Sparsity.Kurtosis(full(64, 3.5f))));
    }

    /// <summary>|sig[t] − sig[t − τ]| for τ = 1 and τ = 1, 11, …, 91.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>temporal_diff [299], lagdiff_tau{τ} [300 − τ].</returns>
    [Check(1, Description = "Sparsity.LaggedDifference: |x[t] − x[t − τ]| for t = τ … T − 1, τ = 1, 11, …, 91", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    public static IReadOnlyDictionary<string, Tensor> LaggedDifferences(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var s = ctx.LoadInputs(CheckKit.Sparsity);
        var sig = s["sig"];
        return CheckKit.Results(
        [
            ("temporal_diff", Sparsity.LaggedDifference(sig, 1)),
            .. CheckKit.Int64s(s["taus"]).Select(t => ($"lagdiff_tau{t}", Sparsity.LaggedDifference(sig, t))),
        ]);
    }

    /// <summary>The temporal and symmetric difference-of-boxes filters for w = 10.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>diffbox_filter_w10, diffbox_spatial_filter_w10 [29].</returns>
    [Check(1, Description = "Sparsity.DiffBoxFilter: taps normalised to unit L2 norm, positive tap rescaled so the filter sums to 0 (w = 10, temporal and symmetric)", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("diffbox_filter_w10", 1.51e-05)] // 5e-06 × max|sparsity:diffbox_filter_w10| = 5e-06 × 3.015
    [Tolerance("diffbox_spatial_filter_w10", 2.18e-05)] // 5e-06 × 4.364
    public static IReadOnlyDictionary<string, Tensor> DiffBoxFilter(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        return CheckKit.Results(
            ("diffbox_filter_w10", Sparsity.DiffBoxFilter(10, symmetric: false)),
            ("diffbox_spatial_filter_w10", Sparsity.DiffBoxFilter(10, symmetric: true)));
    }

    /// <summary>The signal filtered by the temporal difference-of-boxes filter of every window (filters built by the check).</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>diffbox_all [10, 300].</returns>
    [Check(2, Description = "Sparsity.ApplyFilter: full convolution (filter flipped) cut to the first T samples, then out[0 … w − 1] = out[w], for every window", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("diffbox_all", 4.7e-03)] // 5e-06 × max|sparsity:diffbox_all| = 5e-06 × 939.1
    public static IReadOnlyDictionary<string, Tensor> DiffBoxTemporal(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var s = ctx.LoadInputs(CheckKit.Sparsity);
        var windows = CheckKit.Int64s(s["diffbox_windows"]);
        var args = ctx.LoadInputs(CheckKit.Arguments);
        return CheckKit.Results(("diffbox_all", stack([.. windows.Select(w => Sparsity.ApplyFilter(s["sig"], args[$"diffbox_filter_w{w}"], (int)w))])));
    }

    /// <summary>The frame filtered along rows and columns by the symmetric filter, w = 2 and w = 92 (193 taps, longer than a row).</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>diffbox_spatial_x_w{2,92} [96, 100], diffbox_spatial_y_w{2,92} [100, 96].</returns>
    [Check(1, Description = "Sparsity.ApplyFilter on the frame's rows and columns with the symmetric filter (w = 2 and a 193-tap filter longer than a row)", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("diffbox_spatial_x_w2", 1.14e-03)] // 5e-06 × 229
    [Tolerance("diffbox_spatial_x_w92", 5.59e-03)] // 5e-06 × 1119
    [Tolerance("diffbox_spatial_y_w2", 1.06e-03)] // 5e-06 × 212
    [Tolerance("diffbox_spatial_y_w92", 6.09e-03)] // 5e-06 × 1218
    public static IReadOnlyDictionary<string, Tensor> DiffBoxSpatial(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var frame = ctx.LoadInputs(CheckKit.Sparsity)["frame"];
        var args = ctx.LoadInputs(CheckKit.Arguments);
        var results = new List<(string, Tensor)>();
        foreach (var w in new[] { 2, 92 })
        {
            var f = args[$"diffbox_spatial_filter_w{w}"];
            results.Add(($"diffbox_spatial_x_w{w}", Sparsity.ApplyFilter(frame, f, w)));
            results.Add(($"diffbox_spatial_y_w{w}", Sparsity.ApplyFilter(frame.t().contiguous(), f, w)));
        }

        return CheckKit.Results([.. results]);
    }

    /// <summary>The frame hard-thresholded at 150 and at its 80th percentile.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>frame_ht, frame_pct (0-d), frame_ht_pct; pct_interpolated [3] (the 50th, 37.5th and 80th percentile of the signal).</returns>
    [Check(1, Description = "Sparsity.HardThreshold and Sparsity.Percentile: x where x ≥ θ else 0, θ = 150 and the 80th percentile (linear interpolation: 189); percentiles of the signal", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("pct_interpolated", 1e-04)]
    public static IReadOnlyDictionary<string, Tensor> HardThreshold(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var s = ctx.LoadInputs(CheckKit.Sparsity);
        var frame = s["frame"];
        var pct = Sparsity.Percentile(frame, 80);
        return CheckKit.Results(
            ("frame_ht", Sparsity.HardThreshold(frame, s["hard_theta"].item<float>())),
            ("frame_pct", CheckKit.Scalar(pct)),
            ("frame_ht_pct", Sparsity.HardThreshold(frame, pct)),
            ("pct_interpolated", CheckKit.Vector([.. new[] { 50, 37.5, 80 }.Select(q => Sparsity.Percentile(s["sig"], q))])));
    }
}
