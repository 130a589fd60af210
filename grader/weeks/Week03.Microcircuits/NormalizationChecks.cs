using static TorchSharp.torch;

namespace NeuroExercises.Week03.Microcircuits.Checks;

/// <summary>
/// Checks of <see cref="Normalization"/> on normalization.npz. Tolerances: 5e-6 × max |golden| (r² scaled by
/// max(1, |golden|)); the ℓ = 0.001 round trip 1e-4; hardtanh exact.
/// </summary>
[WeekChecks(CheckKit.Week)]
public static class NormalizationChecks
{
    /// <summary>The ReLU nets' training set: the first 3500 points of the goldens' permutation (y = 1/x in float32).</summary>
    private static Tensor TrainingPoints(IReadOnlyDictionary<string, Tensor> n) =>
        n["relu_data_x"].index_select(0, n["relu_split_perm"].narrow(0, 0, 3500));

    private static Tensor Each(Tensor x, Tensor parameters) =>
        stack([.. Enumerable.Range(0, (int)parameters.shape[0]).Select(i =>
            Normalization.Normalize(x, parameters[i, 0].item<float>(), parameters[i, 1].item<float>(), parameters[i, 2].item<float>()))]);

    /// <summary>g·x/(σ + ‖x‖_p) per row for the goldens' (σ, p, g).</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>norm_test_out [4, 3, 3], norm_points_out [4, 1000, 2].</returns>
    [Check(2, Description = "Normalization.Normalize: g·x / (σ + (Σ_j |x_j|^p)^{1/p}) per sample, σ outside the root, |·| for odd p", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("norm_test_out", 8.62e-06)] // 5e-06 × max|normalization:norm_test_out| = 5e-06 × 1.724
    [Tolerance("norm_points_out", 5.8e-06)] // 5e-06 × 1.159
    public static IReadOnlyDictionary<string, Tensor> Normalize(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var n = ctx.LoadInputs(CheckKit.Normalization);
        return CheckKit.Results(
            ("norm_test_out", Each(n["norm_test_x"], n["norm_test_params"])),
            ("norm_points_out", Each(n["norm_points"], n["norm_points_params"])));
    }

    /// <summary>A zero pool (finite with σ &gt; 0, 0/0 = NaN with σ = 0) and scale invariance with σ = 0.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>norm_zero_out [2, 2, 4]; unscaled, scaled [1000, 2] (normalize(x) and normalize(7.5·x), σ = 0, p = 3).</returns>
    [Check(1, Description = "Normalization.Normalize on a zero row (σ = 0.5 finite, σ = 0 NaN) and invariance to scaling x when σ = 0", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("norm_zero_out", 4e-06)] // 5e-06 × 0.8
    [Tolerance("unscaled", 1e-05)]
    [Tolerance("scaled", 1e-05)]
    public static IReadOnlyDictionary<string, Tensor> ZeroPoolAndScale(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var n = ctx.LoadInputs(CheckKit.Normalization);
        var zero = n["norm_zero_x"];
        var points = n["norm_points"];
        return CheckKit.Results(
            ("norm_zero_out", stack([Normalization.Normalize(zero, 0.5, 2, 1), Normalization.Normalize(zero, 0, 2, 1)])),
            ("unscaled", Normalization.Normalize(points, 0, 3, 1)),
            ("scaled", Normalization.Normalize(points * 7.5, 0, 3, 1)));
    }

    /// <summary>Reflectance seen under a random illuminant, normalised with σ = 0.1 and 1 (p = 1), and the r² with the reflectance.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>visible_norm_s0.1, visible_norm_s1 [300, 5]; r2_visible, r2_visible_norm_s0.1, r2_visible_norm_s1 (0-d).</returns>
    [Check(1, Description = "Normalization.Normalize and Normalization.PearsonR2: normalisation restores the reflectance under a varying illuminant (r² 0.316 → 0.658)", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("visible_norm_s0.1", 4.3e-06)] // 5e-06 × 0.8607
    [Tolerance("visible_norm_s1", 4.09e-06)] // 5e-06 × 0.8177
    [Tolerance("r2_visible", 5e-06)]
    [Tolerance("r2_visible_norm_s0.1", 5e-06)]
    [Tolerance("r2_visible_norm_s1", 5e-06)]
    public static IReadOnlyDictionary<string, Tensor> IlluminantInvariance(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var n = ctx.LoadInputs(CheckKit.Normalization);
        var reflectance = n["reflectance"];
        var visible = n["illuminant"] * reflectance;
        var s01 = Normalization.Normalize(visible, 0.1, 1, 1);
        var s1 = Normalization.Normalize(visible, 1, 1, 1);
        return CheckKit.Results(
            ("visible_norm_s0.1", s01),
            ("visible_norm_s1", s1),
            ("r2_visible", CheckKit.Scalar(Normalization.PearsonR2(reflectance, visible))),
            ("r2_visible_norm_s0.1", CheckKit.Scalar(Normalization.PearsonR2(reflectance, s01))),
            ("r2_visible_norm_s1", CheckKit.Scalar(Normalization.PearsonR2(reflectance, s1))));
    }

    /// <summary>The hard-tanh and its leaky versions on x = −4 … 3.99.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>hardtanh, lht_leak0.03, lht_leak0.001 [800].</returns>
    [Check(1, Description = "Normalization.LeakyHardTanh: clip(x, −1, 1) + ℓ·x for ℓ = 0, 0.03, 0.001", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("lht_leak0.03", 5.6e-06)] // 5e-06 × 1.12
    [Tolerance("lht_leak0.001", 5.02e-06)] // 5e-06 × 1.004
    public static IReadOnlyDictionary<string, Tensor> LeakyHardTanh(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var x = ctx.LoadInputs(CheckKit.Normalization)["lht_x"];
        return CheckKit.Results(
            ("hardtanh", Normalization.LeakyHardTanh(x, 0)),
            ("lht_leak0.03", Normalization.LeakyHardTanh(x, 0.03f)),
            ("lht_leak0.001", Normalization.LeakyHardTanh(x, 0.001f)));
    }

    /// <summary>The inverse on x itself and on the leaky hard-tanh of x (computed by the check): the round trip gives x back.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>ilht_leak0.03, ilht_leak0.001, ilht_lht_leak0.03, ilht_lht_leak0.001 [800].</returns>
    [Check(1, Description = "Normalization.InverseLeakyHardTanh: (y − sign y)/ℓ where |y| ≥ 1 + ℓ, else y/(1 + ℓ); the round trip returns x", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("ilht_leak0.03", 5e-04)] // 5e-06 × 100
    [Tolerance("ilht_leak0.001", 1.5e-02)] // 5e-06 × 3000
    [Tolerance("ilht_lht_leak0.03", 2e-05)] // 5e-06 × 4
    [Tolerance("ilht_lht_leak0.001", 4e-04)] // 1e-04 × 4 (the inverse multiplies errors by 1/ℓ)
    public static IReadOnlyDictionary<string, Tensor> InverseLeakyHardTanh(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var x = ctx.LoadInputs(CheckKit.Normalization)["lht_x"];
        var args = ctx.LoadInputs(CheckKit.Arguments);
        return CheckKit.Results(
            ("ilht_leak0.03", Normalization.InverseLeakyHardTanh(x, 0.03f)),
            ("ilht_leak0.001", Normalization.InverseLeakyHardTanh(x, 0.001f)),
            ("ilht_lht_leak0.03", Normalization.InverseLeakyHardTanh(args["lht_leak0.03"], 0.03f)),
            ("ilht_lht_leak0.001", Normalization.InverseLeakyHardTanh(args["lht_leak0.001"], 0.001f)));
    }

    /// <summary>The thresholded-ReLU network at its initial parameters on x = 0.01 … 0.99.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>relunet_val_pred_init [99].</returns>
    [Check(1, Description = "Normalization.ReluNetwork: ŷ = Σ_i w_i·ReLU(θ_i − x) + b (θ − x, not x − θ)", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("relunet_val_pred_init", 2.62e-06)] // 5e-06 × 0.5237
    public static IReadOnlyDictionary<string, Tensor> ReluNetwork(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var n = ctx.LoadInputs(CheckKit.Normalization);
        var pred = Normalization.ReluNetwork(n["val_x"], n["relunet_init_theta"], n["relunet_init_w"], n["relunet_init_b"]);
        return CheckKit.Results(("relunet_val_pred_init", pred.reshape(-1)));
    }

    /// <summary>The course's SGD run of the thresholded-ReLU network: 20 full-batch steps of η = 0.05 on the MSE.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>relunet_losses [20], relunet_grad_{theta,w,b} (step 0), relunet_after_{theta,w,b}.</returns>
    [Check(2, Description = "Normalization.TrainReluNetwork: full-batch SGD (η = 0.05, 20 steps) on mean((ŷ − y)²) for y = 1/x, θ, w and b learned, loss and gradients before each update", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 30)]
    [Tolerance("relunet_losses", 1.15e-04)] // 5e-06 × 22.95
    [Tolerance("relunet_grad_theta", 3.8e-06)] // 5e-06 × 0.7602
    [Tolerance("relunet_grad_w", 1.95e-05)] // 5e-06 × 3.902
    [Tolerance("relunet_grad_b", 1.27e-05)] // 5e-06 × 2.536
    [Tolerance("relunet_after_theta", 1.02e-05)] // 5e-06 × 2.036
    [Tolerance("relunet_after_w", 2.82e-06)] // 5e-06 × 0.5633
    [Tolerance("relunet_after_b", 4.58e-07)] // 5e-06 × 0.09157
    public static IReadOnlyDictionary<string, Tensor> ReluNetworkTraining(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var n = ctx.LoadInputs(CheckKit.Normalization);
        var x = TrainingPoints(n);
        var run = Normalization.TrainReluNetwork(x, 1 / x, n["relunet_init_theta"], n["relunet_init_w"], n["relunet_init_b"], 0.05, 20);
        return CheckKit.Results(
            ("relunet_losses", tensor(run.Losses.Select(v => (float)v).ToArray())),
            ("relunet_grad_theta", run.ThetaGradient), ("relunet_grad_w", run.WeightGradient), ("relunet_grad_b", run.BiasGradient),
            ("relunet_after_theta", run.Theta), ("relunet_after_w", run.Weight), ("relunet_after_b", run.Bias));
    }

    /// <summary>
    /// The course's one-unit nets: <see cref="Normalization.TrainReluNetwork"/> with its <c>activation</c> argument for each
    /// of the five nonlinearities, 5 full-batch SGD steps at η = 5e-3 from the goldens' initial θ, w, b.
    /// </summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>nonlin_{act}_losses [5], nonlin_{act}_after_{theta,w,b} for ReLU, ReLU6, SoftPlus, Sigmoid, Tanh.</returns>
    [Check(1, Description = "Normalization.TrainReluNetwork with its activation argument: the one-unit nets (ReLU, ReLU6, SoftPlus, Sigmoid, Tanh), 5 SGD steps each", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 30)]
    [Tolerance("nonlin_ReLU_losses", 0.000125)] // 5e-06 × 25.02
    [Tolerance("nonlin_ReLU_after_theta", 3.24e-07)] // 5e-06 × 0.06484
    [Tolerance("nonlin_ReLU_after_w", 3.53e-07)] // 5e-06 × 0.07058
    [Tolerance("nonlin_ReLU_after_b", 3.65e-06)] // 5e-06 × 0.7309
    [Tolerance("nonlin_ReLU6_losses", 0.000108)] // 5e-06 × 21.55
    [Tolerance("nonlin_ReLU6_after_theta", 2.95e-08)] // 5e-06 × 0.005895
    [Tolerance("nonlin_ReLU6_after_w", 6.97e-07)] // 5e-06 × 0.1394
    [Tolerance("nonlin_ReLU6_after_b", 2.47e-06)] // 5e-06 × 0.4938
    [Tolerance("nonlin_SoftPlus_losses", 0.000111)] // 5e-06 × 22.16
    [Tolerance("nonlin_SoftPlus_after_theta", 5.6e-07)] // 5e-06 × 0.112
    [Tolerance("nonlin_SoftPlus_after_w", 1.48e-07)] // 5e-06 × 0.02955
    [Tolerance("nonlin_SoftPlus_after_b", 8.11e-07)] // 5e-06 × 0.1623
    [Tolerance("nonlin_Sigmoid_losses", 0.000106)] // 5e-06 × 21.26
    [Tolerance("nonlin_Sigmoid_after_theta", 6.29e-08)] // 5e-06 × 0.01259
    [Tolerance("nonlin_Sigmoid_after_w", 3.58e-07)] // 5e-06 × 0.07169
    [Tolerance("nonlin_Sigmoid_after_b", 3.51e-06)] // 5e-06 × 0.7014
    [Tolerance("nonlin_Tanh_losses", 0.000107)] // 5e-06 × 21.38
    [Tolerance("nonlin_Tanh_after_theta", 7.17e-07)] // 5e-06 × 0.1434
    [Tolerance("nonlin_Tanh_after_w", 3.71e-07)] // 5e-06 × 0.07429
    [Tolerance("nonlin_Tanh_after_b", 3.14e-06)] // 5e-06 × 0.6277
    public static IReadOnlyDictionary<string, Tensor> OneUnitNets(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var n = ctx.LoadInputs(CheckKit.Normalization);
        var x = TrainingPoints(n);
        var results = new List<(string, Tensor)>();
        foreach (var act in new[] { "ReLU", "ReLU6", "SoftPlus", "Sigmoid", "Tanh" })
        {
            var run = Normalization.TrainReluNetwork(x, 1 / x, n[$"nonlin_{act}_init_theta"], n[$"nonlin_{act}_init_w"], n[$"nonlin_{act}_init_b"], 5e-3, 5, act);
            results.Add(($"nonlin_{act}_losses", tensor(run.Losses.Select(v => (float)v).ToArray())));
            results.Add(($"nonlin_{act}_after_theta", run.Theta));
            results.Add(($"nonlin_{act}_after_w", run.Weight));
            results.Add(($"nonlin_{act}_after_b", run.Bias));
        }

        return CheckKit.Results([.. results]);
    }
}
