using NeuroExercises.Week06.LearningRules;
using static TorchSharp.torch;

namespace NeuroExercises.Week06.LearningRules.Checks;

/// <summary>
/// Checks of <see cref="RuleTrainer.Train"/> on mlp_training.npz: 32 training and 16 test images, the same two batches of
/// 16 every epoch, 4 epochs (weight perturbation 1), the stored noise replayed in the documented order. Float64, 1e-12 of
/// each array's largest |value|, cosines 1e-12 absolute, accuracies exactly.
/// </summary>
[WeekChecks(CheckKit.Week)]
public static class RuleTrainerChecks
{
    /// <summary>Backprop's training run.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>bp_losses, bp_accuracy, bp_cosine, bp_snr, bp_W_y_final, bp_loss_final.</returns>
    [Check(2, Description = "RuleTrainer.Train with backprop: the loss before each update on the fixed batches, per-epoch test accuracy (tie rule) and cosine, the SNR over the 16 test images one at a time, W_y and the loss after training", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 60,
        Hint = "The same two batches every epoch, in order; record L before the update; SNR before training with batches of one.")]
    [Tolerance("bp_losses", 2.6e-12)]
    [Tolerance("bp_accuracy", 0)]
    [Tolerance("bp_cosine", 1e-12)]
    [Tolerance("bp_snr", 3.6e-13)]
    [Tolerance("bp_W_y_final", 4.7e-13)]
    [Tolerance("bp_loss_final", 9.2e-13)]
    public static IReadOnlyDictionary<string, Tensor> TrainBackprop(CheckContext ctx) => Train(ctx, "bp");

    /// <summary>Feedback alignment's training run.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>fa_losses, fa_accuracy, fa_cosine, fa_snr, fa_W_y_final, fa_loss_final.</returns>
    [Check(1, Description = "RuleTrainer.Train with feedback alignment (B fixed)", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 60)]
    [Tolerance("fa_losses", 2.6e-12)]
    [Tolerance("fa_accuracy", 0)]
    [Tolerance("fa_cosine", 1e-12)]
    [Tolerance("fa_snr", 3.2e-13)]
    [Tolerance("fa_W_y_final", 5.0e-13)]
    [Tolerance("fa_loss_final", 1.0e-12)]
    public static IReadOnlyDictionary<string, Tensor> TrainFeedbackAlignment(CheckContext ctx) => Train(ctx, "fa");

    /// <summary>Kolen–Pollack's training run, B included.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>kp_losses, kp_accuracy, kp_cosine, kp_snr, kp_W_y_final, kp_loss_final, kp_B_final.</returns>
    [Check(1, Description = "RuleTrainer.Train with Kolen–Pollack: B learned with η_back = η inside the loop, η_back = 0 for the SNR and the cosine", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 60)]
    [Tolerance("kp_losses", 2.6e-12)]
    [Tolerance("kp_accuracy", 0)]
    [Tolerance("kp_cosine", 1e-12)]
    [Tolerance("kp_snr", 3.2e-13)]
    [Tolerance("kp_W_y_final", 4.6e-13)]
    [Tolerance("kp_loss_final", 9.3e-13)]
    [Tolerance("kp_B_final", 4.2e-13)]
    public static IReadOnlyDictionary<string, Tensor> TrainKolenPollack(CheckContext ctx) => Train(ctx, "kp");

    /// <summary>Node perturbation's training run with the stored noise.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>np_losses, np_accuracy, np_cosine, np_snr, np_W_y_final, np_loss_final.</returns>
    [Check(2, Description = "RuleTrainer.Train with node perturbation: the noise drawn in the documented order (SNR draws per test image, then per update ξ_h then ξ_y, then one diagnostic draw per epoch)", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 60)]
    [Tolerance("np_losses", 2.6e-12)]
    [Tolerance("np_accuracy", 0)]
    [Tolerance("np_cosine", 1e-12)]
    [Tolerance("np_snr", 2.0e-13)]
    [Tolerance("np_W_y_final", 5.1e-13)]
    [Tolerance("np_loss_final", 1.2e-12)]
    public static IReadOnlyDictionary<string, Tensor> TrainNodePerturbation(CheckContext ctx) => Train(ctx, "np");

    /// <summary>Weight perturbation's one-epoch training run with the stored noise.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>wp_losses, wp_accuracy, wp_cosine, wp_W_y_final, wp_loss_final.</returns>
    [Check(1, Description = "RuleTrainer.Train with weight perturbation (1 epoch, no SNR): ψ_h then ψ_y per update, one diagnostic draw after the epoch", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 60)]
    [Tolerance("wp_losses", 2.6e-12)]
    [Tolerance("wp_accuracy", 0)]
    [Tolerance("wp_cosine", 1e-12)]
    [Tolerance("wp_W_y_final", 2.9e-13)]
    [Tolerance("wp_loss_final", 2.5e-12)]
    public static IReadOnlyDictionary<string, Tensor> TrainWeightPerturbation(CheckContext ctx) => Train(ctx, "wp");

    private static IReadOnlyDictionary<string, Tensor> Train(CheckContext ctx, string prefix)
    {
        using var scope = NewDisposeScope();
        var d = ctx.LoadInputs(CheckKit.Training);
        var rule = prefix switch
        {
            "bp" => LearningRule.Backprop,
            "fa" => LearningRule.FeedbackAlignment,
            "kp" => LearningRule.KolenPollack,
            "np" => LearningRule.NodePerturbation,
            _ => LearningRule.WeightPerturbation,
        };
        var options = new RuleTrainingOptions(CheckKit.Scalar(d, "lr"), CheckKit.Scalar(d, "sigma"), CheckKit.Scalar(d, "kp_decay"),
            (int)CheckKit.Scalar(d, prefix == "wp" ? "wp_epochs" : "epochs"));
        var run = RuleTrainer.Train(rule, new MlpWeights(d["W_h0"], d["W_y0"], d["B0"]), d["pixels_train"].to(float64) / 255.0, d["t_train"],
            d["pixels_test"].to(float64) / 255.0, d["t_test"], d["batches"], options, new ReplayNoise(Noise(d, prefix)));
        var results = new List<(string, Tensor)>
        {
            ($"{prefix}_losses", CheckKit.D(run.Losses)), ($"{prefix}_accuracy", CheckKit.D(run.TestAccuracy)), ($"{prefix}_cosine", CheckKit.D(run.Cosine)),
            ($"{prefix}_W_y_final", run.Wy), ($"{prefix}_loss_final", CheckKit.D(run.LossFinal)),
        };
        if (prefix != "wp")
        {
            results.Add(($"{prefix}_snr", CheckKit.D(run.Snr)));
        }

        if (prefix == "kp")
        {
            results.Add(("kp_B_final", run.B));
        }

        return CheckKit.Results([.. results]);
    }

    /// <summary>The stored noise of one rule in the order the documented loop consumes it.</summary>
    private static List<Tensor> Noise(IReadOnlyDictionary<string, Tensor> d, string prefix)
    {
        var draws = new List<Tensor>();
        var (h, y, diagH, diagY) = prefix switch
        {
            "np" => ("np_xi_h", "np_xi_y", "np_diag_xi_h", "np_diag_xi_y"),
            "wp" => ("wp_psi_h", "wp_psi_y", "wp_diag_psi_h", "wp_diag_psi_y"),
            _ => ("", "", "", ""),
        };
        if (h.Length == 0)
        {
            return draws;
        }

        if (prefix == "np")
        {
            for (var i = 0; i < d["np_snr_xi_h"].shape[0]; i++)
            {
                draws.Add(d["np_snr_xi_h"][i]);
                draws.Add(d["np_snr_xi_y"][i]);
            }
        }

        var epochs = d[diagH].shape[0];
        var perEpoch = d[h].shape[0] / epochs;
        for (var e = 0; e < epochs; e++)
        {
            for (var u = 0; u < perEpoch; u++)
            {
                draws.Add(d[h][(e * perEpoch) + u]);
                draws.Add(d[y][(e * perEpoch) + u]);
            }

            draws.Add(d[diagH][e]);
            draws.Add(d[diagY][e]);
        }

        return draws;
    }
}
