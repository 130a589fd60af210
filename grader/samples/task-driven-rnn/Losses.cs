using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn;

/// <summary>The training objectives.</summary>
public static class Losses
{
    /// <summary>
    /// The course's loss for a batch run of the network:
    /// L = mse(outputs, targets) + λ_w (Σ B² + Σ W²) + λ_r R₁, with R₁ = (1/(N·T)) Σ_t Σ r_t² where
    /// <paramref name="rateSum"/> is Σ_t of the steps' rate penalties, N = batch × hidden units and T the steps.
    /// With λ_w = λ_r = 0 this is the unregularised model's plain MSE. Differentiable in the weights.
    /// Graded by <c>task-driven-rnn/LossesChecks.LossUnregularized</c> and <c>task-driven-rnn/LossesChecks.LossRegularized</c> (value and gradients).
    /// </summary>
    /// <param name="model">The network (for B and W).</param>
    /// <param name="outputs">Outputs [B, T, O].</param>
    /// <param name="targets">Targets [B, T, O].</param>
    /// <param name="rateSum">Σ over steps of <see cref="RnnStep.RatePenalty"/> (0-d).</param>
    /// <param name="weightPenalty">λ_w.</param>
    /// <param name="ratePenalty">λ_r.</param>
    /// <returns>The loss (0-d).</returns>
    public static Tensor Loss(RateRnn model, Tensor outputs, Tensor targets, Tensor rateSum, double weightPenalty, double ratePenalty)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(rateSum);
        using var scope = NewDisposeScope();
        var loss = nn.functional.mse_loss(outputs, targets, nn.Reduction.Mean);
        if (weightPenalty != 0)
        {
            var w = model.Weights;
            loss = loss + (weightPenalty * (w.B.square().sum() + w.W.square().sum()));
        }

        if (ratePenalty != 0)
        {
            // R₁ = Σ_t Σ r_t² / (N·T) with N = batch × hidden units.
            var n = outputs.shape[0] * model.HiddenSize;
            var steps = outputs.shape[1];
            loss = loss + (ratePenalty * (rateSum / (double)(n * steps)));
        }

        return loss.MoveToOuterDisposeScope();
    }
}
