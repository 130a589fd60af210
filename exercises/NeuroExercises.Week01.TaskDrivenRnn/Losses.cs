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
        throw new NotImplementedException("Losses.Loss: mse + λ_w(ΣB² + ΣW²) + λ_r · rateSum/(N·T); see its XML doc.");
    }
}
