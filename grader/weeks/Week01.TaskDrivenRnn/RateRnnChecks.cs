using NeuroExercises.Week01.TaskDrivenRnn;
using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn.Checks;

/// <summary>Checks of <see cref="RateRnn"/>: the initialisation and one Euler step.</summary>
[WeekChecks(CheckKit.Week)]
public static class RateRnnChecks
{
    /// <summary>J, B, bx drawn after torch.manual_seed for two small sizes (the draw order J then B matters).</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>J, B, bx for (I=16, H=12, g=4, h=1, seed 7) and J2, B2, bx2 for (I=5, H=3, g=1.5, h=0.5, seed 123).</returns>
    [Check(2, Description = "RateRnn.InitialWeights: J = randn(H,H)·g/√H then B = randn(H,I)·h/√I, bx = 0, from torch's generator", Visibility = Visibility.Visible, Atol = 1e-6, TimeLimitSeconds = 10, Hint = "Draw J first and B second, both with randn from torch's global generator (the check seeds it), in float32: J = randn(H, H) · g/√H, B = randn(H, I) · h/√I, bx = zeros(H); the arguments are (inputSize, hiddenSize, g, h).")]
    [FeedbackPlot("J", Kind = FeedbackPlotKind.Scatter, Title = "J (H = 12, g = 4): every entry")]
    public static IReadOnlyDictionary<string, Tensor> InitialWeights(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        CheckKit.Seed(7);
        var (j, b, bx) = RateRnn.InitialWeights(16, 12, 4.0, 1.0);
        CheckKit.Seed(123);
        var (j2, b2, bx2) = RateRnn.InitialWeights(5, 3, 1.5, 0.5);
        return CheckKit.Results(("J", j.cpu()), ("B", b.cpu()), ("bx", bx.cpu()), ("J2", j2.cpu()), ("B2", b2.cpu()), ("bx2", bx2.cpu()));
    }

    /// <summary>One step of the H = 10 network (g = 4) from the reference weights.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>output, hidden, rate_penalty, hidden_argument_after (the argument after the call).</returns>
    [Check(3, Description = "RateRnn.forward, H = 10: x' = x + (1/τ)(−x + J r(x) + B u + bx), output W r(x') + c, rate penalty Σ r(x')²", Visibility = Visibility.Visible, Atol = 1e-6, TimeLimitSeconds = 10, Hint = "One Euler step from the old state: x' = x + (1/τ)(−x + J r(x) + B u + bx); the output and the rate penalty use the new state: W r(x') + c and Σ r(x')² over batch and units; leave the hidden argument unchanged.")]
    [FeedbackPlot("hidden", Kind = FeedbackPlotKind.Scatter, Title = "Next hidden state x' (batch of 4, H = 10)")]
    [Tolerance("rate_penalty", 1e-6, 1e-6)]
    public static IReadOnlyDictionary<string, Tensor> SingleStep_H10(CheckContext ctx) => SingleStep(ctx, "rnn_small_chaotic.npz");

    /// <summary>One step of the H = 150 chaotic network (g = 4).</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>output, hidden, rate_penalty, hidden_argument_after (the argument after the call).</returns>
    [Check(2, Description = "RateRnn.forward, H = 150, g = 4 (batch of 4)", Visibility = Visibility.Hidden, Atol = 1e-6, TimeLimitSeconds = 10)]
    [Tolerance("rate_penalty", 1e-6, 1e-6)]
    public static IReadOnlyDictionary<string, Tensor> SingleStep_H150_Chaotic(CheckContext ctx) => SingleStep(ctx, "rnn_full_chaotic.npz");

    /// <summary>One step of the H = 150 network at the edge of chaos (g = 1.5).</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>output, hidden, rate_penalty, hidden_argument_after (the argument after the call).</returns>
    [Check(2, Description = "RateRnn.forward, H = 150, g = 1.5 (batch of 4)", Visibility = Visibility.Hidden, Atol = 1e-6, TimeLimitSeconds = 10)]
    [Tolerance("rate_penalty", 1e-6, 1e-6)]
    public static IReadOnlyDictionary<string, Tensor> SingleStep_H150_Edge(CheckContext ctx) => SingleStep(ctx, "rnn_full_edge.npz");

    private static IReadOnlyDictionary<string, Tensor> SingleStep(CheckContext ctx, string archiveName)
    {
        using var scope = NewDisposeScope();
        var archive = ctx.LoadInputs(archiveName);
        using var lease = CheckKit.Model(ctx, archive);
        var model = lease.Model;
        var hidden = archive["step_hidden"];
        RnnStep step;
        using (no_grad())
        {
            step = model.forward(archive["step_input"], hidden);
        }

        return CheckKit.Results(
            ("output", step.Output),
            ("hidden", step.Hidden),
            ("rate_penalty", step.RatePenalty),
            ("hidden_argument_after", hidden));
    }
}
