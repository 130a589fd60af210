using static TorchSharp.torch;

namespace NeuroExercises.Week04.SpikingNetworks.Checks;

/// <summary>
/// The equations of ../shared/reference/spiking/README.md written here with TorchSharp only (no submitted code): the
/// arguments of the checks that grade one piece (so one mistake costs one check) and the trusted derive steps. Never
/// used as expected values.
/// </summary>
internal static class Reference
{
    /// <summary>
    /// The two-layer network's forward pass without gradients: C1 = x W1ᵀ + b1; per step R = H(U_{t−1} − θ),
    /// U_t = (β U_{t−1} + I_t) − R θ, S_t = H(U_t − θ) in both layers, C2_t = S¹_t W2ᵀ + b2.
    /// </summary>
    /// <returns>Output membranes U² and spikes S², [T, N, C].</returns>
    internal static (Tensor Mem2, Tensor Spk2) Forward(Tensor x, Tensor w1, Tensor b1, Tensor w2, Tensor b2, int steps, float beta, float theta)
    {
        using var noGrad = no_grad();
        var c1 = x.matmul(w1.t()) + b1;
        var u1 = zeros(x.shape[0], w1.shape[0]);
        var u2 = zeros(x.shape[0], w2.shape[0]);
        var mems = new Tensor[steps];
        var spks = new Tensor[steps];
        for (var t = 0; t < steps; t++)
        {
            u1 = (u1 * beta) + c1 - (u1.gt(theta).to(float32) * theta);
            var s1 = u1.gt(theta).to(float32);
            u2 = (u2 * beta) + s1.matmul(w2.t()) + b2 - (u2.gt(theta).to(float32) * theta);
            mems[t] = u2;
            spks[t] = u2.gt(theta).to(float32);
        }

        return (stack(mems), stack(spks));
    }

    /// <summary>L = Σ_t CE(U²_t, y).</summary>
    internal static double MembraneLoss(Tensor mem2, Tensor labels)
    {
        using var noGrad = no_grad();
        var loss = 0.0;
        foreach (var m in mem2.unbind(0))
        {
            loss += nn.functional.cross_entropy(m, labels).item<float>();
        }

        return loss;
    }
}
