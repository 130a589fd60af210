using static TorchSharp.torch;

namespace NeuroExercises.Week06.LearningRules;

/// <summary>A reward-modulated learning run (float64).</summary>
/// <param name="Rewards">R_i [T].</param>
/// <param name="Baselines">R̄ used in trial i (before its update) [T].</param>
/// <param name="WFinal">W after the last trial [k, n].</param>
/// <param name="EvalLoss">Mean over X_eval's rows of ‖(W − W*) x‖², for W after 0, every, 2·every, …, T trials.</param>
public sealed record RewardRun(Tensor Rewards, Tensor Baselines, Tensor WFinal, Tensor EvalLoss);
