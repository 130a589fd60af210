using static TorchSharp.torch;

namespace NeuroExercises.Week06.LearningRules;

/// <summary>
/// Reward-modulated learning of a linear map from a scalar reward (REINFORCE, Williams 1992), float64. Trial i:
/// y = W x_i + ξ_i; R_i = −‖y − W* x_i‖²; W ← W + η (R_i − R̄) ξ_i x_iᵀ / σ²; THEN R̄ ← R̄ + α (R_i − R̄). α = 0 keeps the
/// baseline at its start (no baseline when that is 0).
/// </summary>
public static class RewardLearning
{
    /// <summary>Runs the trials in order (see the class summary), recording R_i, the R̄ each trial used and the evaluation loss.</summary>
    /// <remarks>
    /// Graded by <c>learning-rules/RewardLearningChecks.WithBaseline</c>, <c>learning-rules/RewardLearningChecks.WithoutBaseline</c>
    /// (every array of reward_baseline.npz, 1e-12 of its largest value) and
    /// <c>learning-rules/RewardLearningChecks.BaselineLowersVariance</c>.
    /// </remarks>
    /// <param name="x">X [T, n], one input per row.</param>
    /// <param name="xi">ξ [T, k], already N(0, σ²).</param>
    /// <param name="wStar">W* [k, n], the map to learn.</param>
    /// <param name="w0">W₀ [k, n].</param>
    /// <param name="xEval">X_eval [E, n].</param>
    /// <param name="eta">η.</param>
    /// <param name="alpha">α, the baseline's rate (0: no baseline).</param>
    /// <param name="sigma">σ.</param>
    /// <param name="baseline0">R̄ at the start.</param>
    /// <param name="every">Evaluate after every this many trials (and before the first).</param>
    /// <returns>R, R̄, W after the run and the evaluation losses [T/every + 1].</returns>
    public static RewardRun Run(Tensor x, Tensor xi, Tensor wStar, Tensor w0, Tensor xEval, double eta, double alpha, double sigma, double baseline0, int every)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(xi);
        ArgumentNullException.ThrowIfNull(wStar);
        ArgumentNullException.ThrowIfNull(w0);
        ArgumentNullException.ThrowIfNull(xEval);
        using var scope = NewDisposeScope();
        var trials = (int)x.shape[0];
        var w = w0.to(float64).clone();
        var rewards = new double[trials];
        var baselines = new double[trials];
        var evals = new List<Tensor> { EvalLoss(w, wStar, xEval) };
        var rbar = baseline0;
        for (var i = 0; i < trials; i++)
        {
            using var trial = NewDisposeScope();
            var xi_ = xi[i];
            var xRow = x[i];
            var y = w.matmul(xRow) + xi_;
            var reward = -(y - wStar.matmul(xRow)).square().sum().item<double>();
            var rbarNext = rbar + (alpha * (reward - rbar));
            var advantage = reward - rbar;
            rewards[i] = reward;
            baselines[i] = rbar;
            w.add_(xi_.outer(xRow), alpha: eta * advantage / (sigma * sigma));
            rbar = rbarNext;
            if ((i + 1) % every == 0)
            {
                evals.Add(EvalLoss(w, wStar, xEval).MoveToOuterDisposeScope());
            }
        }

        return new RewardRun(tensor(rewards, float64).MoveToOuterDisposeScope(), tensor(baselines, float64).MoveToOuterDisposeScope(), w.MoveToOuterDisposeScope(), stack(evals).MoveToOuterDisposeScope());
    }

    /// <summary>The evaluation loss: the mean over the rows x of X_eval of ‖(W − W*) x‖².</summary>
    /// <remarks>Graded by the <c>learning-rules/RewardLearningChecks</c> (every *_eval_loss).</remarks>
    /// <param name="w">W [k, n].</param>
    /// <param name="wStar">W* [k, n].</param>
    /// <param name="xEval">X_eval [E, n].</param>
    /// <returns>The loss, 0-d.</returns>
    public static Tensor EvalLoss(Tensor w, Tensor wStar, Tensor xEval)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(wStar);
        ArgumentNullException.ThrowIfNull(xEval);
        using var scope = NewDisposeScope();
        return xEval.matmul((w - wStar).t()).square().sum(dim: 1).mean().MoveToOuterDisposeScope();
    }
}
