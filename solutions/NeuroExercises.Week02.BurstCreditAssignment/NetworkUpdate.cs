using static TorchSharp.torch;

namespace NeuroExercises.Week02.BurstCreditAssignment;

/// <summary>
/// One learning step's changes, to be added to the weights (<see cref="BurstNetwork.Apply"/>): W += ΔW, b += Δb, ….
/// Lists the rule does not change are empty.
/// </summary>
/// <param name="W">ΔW_l [n_l, n_{l−1}], l = 0 … L.</param>
/// <param name="Bias">Δb_l [n_l], l = 0 … L.</param>
/// <param name="Y">ΔY_h [n_{h+1}, n_h] (empty when Y does not learn).</param>
/// <param name="Q">ΔQ_h [n_{h+1}, n_h] (BurstCCN; empty otherwise).</param>
/// <param name="R">ΔR_h [n_h, n_h] (Burstprop; empty otherwise).</param>
/// <param name="Delta">The plasticity signals δ_l [N, n_l], l = 0 … L, that made ΔW (empty for gradient rules).</param>
public sealed record NetworkUpdate(
    IReadOnlyList<Tensor> W,
    IReadOnlyList<Tensor> Bias,
    IReadOnlyList<Tensor> Y,
    IReadOnlyList<Tensor> Q,
    IReadOnlyList<Tensor> R,
    IReadOnlyList<Tensor> Delta);
