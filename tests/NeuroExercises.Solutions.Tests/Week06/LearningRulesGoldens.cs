using System.Collections.Concurrent;
using NeuroExercises.Core.Npy;
using NeuroExercises.Tests.Shared;
using NeuroExercises.Week06.LearningRules;
using static TorchSharp.torch;

namespace NeuroExercises.Solutions.Tests.Week06;

/// <summary>
/// ../shared/reference/learning_rules/*.npz (float64), every output array recomputed through the week's public API from the
/// stored inputs, and the README's float64 tolerance: 1e-12 of each array's largest |value|, accuracies exactly.
/// </summary>
internal static class LearningRulesGoldens
{
    public const string Rules = "mlp_rules";
    public const string Training = "mlp_training";
    public const string MetricsFile = "mlp_metrics";
    public const string HebbOja = "hebb_oja";
    public const string Reward = "reward_baseline";

    public static readonly string[] Files = [Rules, Training, MetricsFile, HebbOja, Reward];

    public static readonly string[] RuleNames = ["bp", "fa", "kp", "np", "wp"];

    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, NpyArray>> Cache = new();

    private static readonly HashSet<string> Inputs = new(StringComparer.Ordinal)
    {
        "mlp_rules/x", "mlp_rules/t", "mlp_rules/labels", "mlp_rules/W_h", "mlp_rules/W_y", "mlp_rules/B", "mlp_rules/sigma",
        "mlp_rules/lr", "mlp_rules/kp_decay", "mlp_rules/psi_h", "mlp_rules/psi_y", "mlp_rules/xi_h", "mlp_rules/xi_y",
        "mlp_training/pixels_train", "mlp_training/labels_train", "mlp_training/pixels_test", "mlp_training/labels_test",
        "mlp_training/W_h0", "mlp_training/W_y0", "mlp_training/B0", "mlp_training/sigma", "mlp_training/lr",
        "mlp_training/kp_decay", "mlp_training/epochs", "mlp_training/wp_epochs", "mlp_training/t_train", "mlp_training/t_test",
        "mlp_training/batches", "mlp_training/np_snr_xi_h", "mlp_training/np_snr_xi_y", "mlp_training/np_xi_h",
        "mlp_training/np_xi_y", "mlp_training/np_diag_xi_h", "mlp_training/np_diag_xi_y", "mlp_training/wp_psi_h",
        "mlp_training/wp_psi_y", "mlp_training/wp_diag_psi_h", "mlp_training/wp_diag_psi_y",
        "mlp_metrics/cos_u", "mlp_metrics/cos_v", "mlp_metrics/cos_w", "mlp_metrics/snr_grad", "mlp_metrics/acc_outputs",
        "mlp_metrics/acc_targets", "mlp_metrics/snr_ddof1", "mlp_metrics/accuracy_argmax",
        "hebb_oja/a_X", "hebb_oja/a_w0", "hebb_oja/a_eta", "hebb_oja/a_steps", "hebb_oja/a_lams", "hebb_oja/a_lam1_sample",
        "hebb_oja/b_X", "hebb_oja/b_w0", "hebb_oja/b_eta", "hebb_oja/b_steps", "hebb_oja/b_lams", "hebb_oja/b_lam1_sample",
        "hebb_oja/a_cov", "hebb_oja/b_cov",
        "reward_baseline/X", "reward_baseline/xi", "reward_baseline/W_star", "reward_baseline/W0", "reward_baseline/X_eval",
        "reward_baseline/eta", "reward_baseline/alpha", "reward_baseline/sigma", "reward_baseline/rbar0", "reward_baseline/every",
    };

    /// <summary>The members of a golden file.</summary>
    public static IReadOnlyDictionary<string, NpyArray> Members(string file) =>
        Cache.GetOrAdd(file, f => Npz.Read(RepoPaths.Reference(Path.Combine("learning_rules", f + ".npz"))));

    /// <summary>One member as a CPU tensor.</summary>
    public static Tensor Tensor(string file, string member) => Members(file)[member].ToTensor();

    /// <summary>A 0-d member as a double.</summary>
    public static double Scalar(string file, string member)
    {
        using var t = Tensor(file, member);
        return t.to(float64).item<double>();
    }

    /// <summary>True for the members a file's computation reads (or that the README stores for comparison only).</summary>
    public static bool IsInput(string file, string member) => Inputs.Contains($"{file}/{member}");

    /// <summary>The output members of a file.</summary>
    public static IEnumerable<string> Outputs(string file) =>
        Members(file).Keys.Where(k => !IsInput(file, k)).Order(StringComparer.Ordinal);

    /// <summary>x = pixels / 255.0 in double.</summary>
    public static Tensor Pixels(string member) => Tensor(Training, member).to(float64) / 255.0;

    /// <summary>Exact arrays (accuracies); every other array holds to 1e-12 of its largest |value| (hebb_oja w: of each row's norm).</summary>
    public static bool IsExact(string member) => member.EndsWith("accuracy", StringComparison.Ordinal);

    /// <summary>The stored noise of one rule of mlp_training.npz in the order <see cref="RuleTrainer.Train"/> consumes it.</summary>
    public static IEnumerable<Tensor> TrainingNoise(string rule)
    {
        if (rule == "np")
        {
            var snrH = Tensor(Training, "np_snr_xi_h");
            var snrY = Tensor(Training, "np_snr_xi_y");
            for (var i = 0; i < snrH.shape[0]; i++)
            {
                yield return snrH[i];
                yield return snrY[i];
            }

            var xiH = Tensor(Training, "np_xi_h");
            var xiY = Tensor(Training, "np_xi_y");
            var diagH = Tensor(Training, "np_diag_xi_h");
            var diagY = Tensor(Training, "np_diag_xi_y");
            var perEpoch = xiH.shape[0] / diagH.shape[0];
            for (var e = 0; e < diagH.shape[0]; e++)
            {
                for (var u = 0; u < perEpoch; u++)
                {
                    yield return xiH[(e * perEpoch) + u];
                    yield return xiY[(e * perEpoch) + u];
                }

                yield return diagH[e];
                yield return diagY[e];
            }
        }
        else if (rule == "wp")
        {
            var psiH = Tensor(Training, "wp_psi_h");
            var psiY = Tensor(Training, "wp_psi_y");
            var diagH = Tensor(Training, "wp_diag_psi_h");
            var diagY = Tensor(Training, "wp_diag_psi_y");
            var perEpoch = psiH.shape[0] / diagH.shape[0];
            for (var e = 0; e < diagH.shape[0]; e++)
            {
                for (var u = 0; u < perEpoch; u++)
                {
                    yield return psiH[(e * perEpoch) + u];
                    yield return psiY[(e * perEpoch) + u];
                }

                yield return diagH[e];
                yield return diagY[e];
            }
        }
    }

    /// <summary>The rule of a golden prefix.</summary>
    public static LearningRule Rule(string prefix) => prefix switch
    {
        "bp" => LearningRule.Backprop,
        "fa" => LearningRule.FeedbackAlignment,
        "kp" => LearningRule.KolenPollack,
        "np" => LearningRule.NodePerturbation,
        "wp" => LearningRule.WeightPerturbation,
        _ => throw new ArgumentException(prefix, nameof(prefix)),
    };

    /// <summary>One rule's training run on mlp_training.npz.</summary>
    public static RuleTrainingRun Train(string prefix)
    {
        var options = new RuleTrainingOptions(Scalar(Training, "lr"), Scalar(Training, "sigma"), Scalar(Training, "kp_decay"),
            (int)Scalar(Training, prefix == "wp" ? "wp_epochs" : "epochs"));
        var initial = new MlpWeights(Tensor(Training, "W_h0"), Tensor(Training, "W_y0"), Tensor(Training, "B0"));
        var noise = new ReplayNoise(TrainingNoise(prefix));
        var run = RuleTrainer.Train(Rule(prefix), initial, Pixels("pixels_train"), Tensor(Training, "t_train"), Pixels("pixels_test"), Tensor(Training, "t_test"),
            Tensor(Training, "batches"), options, noise);
        if (noise.Remaining != 0)
        {
            throw new InvalidOperationException($"{prefix}: {noise.Remaining} stored draws were not consumed");
        }

        return run;
    }

    /// <summary>Every output of <paramref name="file"/> recomputed through the public API (the caller opens a dispose scope).</summary>
    public static Dictionary<string, Tensor> Recompute(string file) => file switch
    {
        Rules => RecomputeRules(),
        Training => RecomputeTraining(),
        MetricsFile => RecomputeMetrics(),
        HebbOja => RecomputeHebbOja(),
        Reward => RecomputeReward(),
        _ => throw new ArgumentException(file, nameof(file)),
    };

    private static Tensor D(double value) => tensor(value, float64);

    private static Dictionary<string, Tensor> RecomputeRules()
    {
        var got = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        Tensor T(string m) => Tensor(Rules, m);
        var (x, t, wH, wY, b) = (T("x"), T("t"), T("W_h"), T("W_y"), T("B"));
        var lr = Scalar(Rules, "lr");
        var sigma = Scalar(Rules, "sigma");
        var pass = Mlp.Forward(wH, wY, x);
        got["hidden_pre"] = pass.HiddenPre;
        got["hidden"] = pass.Hidden;
        got["output_pre"] = pass.OutputPre;
        got["output"] = pass.Output;
        got["loss_batch"] = Mlp.Losses(pass.Output, t);
        got["loss"] = Mlp.Loss(pass.Output, t);
        got["accuracy"] = D(Mlp.Accuracy(pass.Output, t));
        var bp = LearningRules.Backprop(wH, wY, x, t);
        var fa = LearningRules.FeedbackAlignment(wH, wY, b, x, t);
        var kp = LearningRules.KolenPollack(wH, wY, b, x, t, Scalar(Rules, "kp_decay"), lr);
        var wp = LearningRules.WeightPerturbation(wH, wY, x, t, T("psi_h"), T("psi_y"), sigma);
        var np = LearningRules.NodePerturbation(wH, wY, x, t, T("xi_h"), T("xi_y"), sigma);
        got["bp_dW_h"] = bp.DeltaWh;
        got["bp_dW_y"] = bp.DeltaWy;
        got["fa_dW_h"] = fa.DeltaWh;
        got["fa_dW_y"] = fa.DeltaWy;
        got["kp_dW_y"] = kp.DeltaWy;
        got["kp_dB"] = kp.DeltaB;
        got["kp_B_after"] = kp.BAfter;
        got["wp_dW_h"] = wp.DeltaWh;
        got["wp_dW_y"] = wp.DeltaWy;
        got["wp_loss_now"] = wp.LossNow;
        got["wp_loss_per"] = wp.LossPerturbed;
        got["wp_delta_loss"] = wp.DeltaLoss;
        got["np_dW_h"] = np.DeltaWh;
        got["np_dW_y"] = np.DeltaWy;
        got["np_hidden_p"] = np.HiddenPerturbed;
        got["np_output_p"] = np.OutputPerturbed;
        got["np_loss_now"] = np.LossNow;
        got["np_loss_per"] = np.LossPerturbed;
        got["np_delta_loss"] = np.DeltaLoss;
        foreach (var (name, dWh, dWy) in new[] { ("bp", bp.DeltaWh, bp.DeltaWy), ("fa", fa.DeltaWh, fa.DeltaWy), ("kp", kp.DeltaWh, kp.DeltaWy), ("wp", wp.DeltaWh, wp.DeltaWy), ("np", np.DeltaWh, np.DeltaWy) })
        {
            var after = Mlp.Forward(wH + (dWh * lr), wY + (dWy * lr), x).Output;
            got[$"{name}_output_after"] = after;
            got[$"{name}_loss_after"] = Mlp.Loss(after, t);
            if (name != "bp")
            {
                got[$"cos_{name}_bp"] = tensor(new[] { Metrics.Cosine(dWh, bp.DeltaWh), Metrics.Cosine(dWy, bp.DeltaWy) }, float64);
            }
        }

        var relu = Mlp.ForwardRelu(wH, wY, x);
        got["relu_hidden"] = relu.Hidden;
        got["relu_output"] = relu.Output;
        var reluBp = LearningRules.BackpropRelu(wH, wY, x, t);
        got["relu_bp_dW_h"] = reluBp.DeltaWh;
        got["relu_bp_dW_y"] = reluBp.DeltaWy;
        return got;
    }

    private static Dictionary<string, Tensor> RecomputeTraining()
    {
        var got = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var prefix in RuleNames)
        {
            var run = Train(prefix);
            got[$"{prefix}_losses"] = tensor(run.Losses, float64);
            got[$"{prefix}_accuracy"] = tensor(run.TestAccuracy, float64);
            got[$"{prefix}_cosine"] = tensor(run.Cosine, float64);
            if (prefix != "wp")
            {
                got[$"{prefix}_snr"] = D(run.Snr);
            }

            got[$"{prefix}_W_y_final"] = run.Wy;
            got[$"{prefix}_loss_final"] = D(run.LossFinal);
            if (prefix == "kp")
            {
                got["kp_B_final"] = run.B;
            }
        }

        return got;
    }

    private static Dictionary<string, Tensor> RecomputeMetrics()
    {
        Tensor T(string m) => Tensor(MetricsFile, m);
        return new Dictionary<string, Tensor>(StringComparer.Ordinal)
        {
            ["cos_uv"] = D(Metrics.Cosine(T("cos_u"), T("cos_v"))),
            ["cos_uw"] = D(Metrics.Cosine(T("cos_u"), T("cos_w"))),
            ["snr"] = D(Metrics.GradientSnr(T("snr_grad"))),
            ["accuracy"] = D(Mlp.Accuracy(T("acc_outputs"), T("acc_targets"))),
        };
    }

    private static Dictionary<string, Tensor> RecomputeHebbOja()
    {
        var got = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var p in new[] { "a", "b" })
        {
            Tensor T(string m) => Tensor(HebbOja, $"{p}_{m}");
            var steps = T("steps");
            var every = (int)(steps[1].item<long>() - steps[0].item<long>());
            var pc1 = Hebbian.PrincipalAxis(T("cov"));
            got[$"{p}_pc1"] = pc1;
            var x = T("X");
            var sample = Hebbian.PrincipalAxis(x.t().matmul(x) / x.shape[0]);
            got[$"{p}_pc1_sample"] = sample;
            foreach (var rule in new[] { "oja", "hebb" })
            {
                var w = rule == "oja" ? Hebbian.Oja(x, T("w0"), Scalar(HebbOja, $"{p}_eta"), every) : Hebbian.Hebb(x, T("w0"), Scalar(HebbOja, $"{p}_eta"), every);
                got[$"{p}_{rule}_w"] = w;
                got[$"{p}_{rule}_norm"] = linalg.vector_norm(w, dims: [1]);
                got[$"{p}_{rule}_angle"] = Hebbian.AnglesToAxis(w, pc1);
            }
        }

        return got;
    }

    private static Dictionary<string, Tensor> RecomputeReward()
    {
        var got = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        Tensor T(string m) => Tensor(Reward, m);
        foreach (var (prefix, alpha) in new[] { ("base", Scalar(Reward, "alpha")), ("nobase", 0.0) })
        {
            var run = RewardLearning.Run(T("X"), T("xi"), T("W_star"), T("W0"), T("X_eval"), Scalar(Reward, "eta"), alpha, Scalar(Reward, "sigma"), Scalar(Reward, "rbar0"), (int)Scalar(Reward, "every"));
            got[$"{prefix}_R"] = run.Rewards;
            got[$"{prefix}_Rbar"] = run.Baselines;
            got[$"{prefix}_W_final"] = run.WFinal;
            got[$"{prefix}_eval_loss"] = run.EvalLoss;
        }

        return got;
    }
}
