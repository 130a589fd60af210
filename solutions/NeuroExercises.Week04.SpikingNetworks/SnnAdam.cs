using TorchSharp;
using static TorchSharp.torch;

namespace NeuroExercises.Week04.SpikingNetworks;

/// <summary>
/// Adam (PyTorch's form, no weight decay) on the four weights of a <see cref="SpikingNetwork"/>, state m = v = 0 at the
/// start: per step s = 1, 2, …: m ← β₁ m + (1 − β₁) g, v ← β₂ v + (1 − β₂) g², W ← W − (lr/(1 − β₁ˢ)) · m / (√v / √(1 − β₂ˢ) + ε).
/// </summary>
/// <param name="learningRate">lr.</param>
/// <param name="beta1">β₁ (0.9).</param>
/// <param name="beta2">β₂ (0.999).</param>
/// <param name="epsilon">ε (1e-8).</param>
public sealed class SnnAdam(double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8) : IDisposable
{
    private readonly Tensor?[] m = new Tensor?[4];
    private readonly Tensor?[] v = new Tensor?[4];

    /// <summary>lr.</summary>
    public double LearningRate { get; } = learningRate;

    /// <summary>β₁.</summary>
    public double Beta1 { get; } = beta1;

    /// <summary>β₂.</summary>
    public double Beta2 { get; } = beta2;

    /// <summary>ε.</summary>
    public double Epsilon { get; } = epsilon;

    /// <summary>Steps taken so far.</summary>
    public int StepCount { get; private set; }

    /// <summary>
    /// One Adam step in place on the network's weights from the given gradients (the first step moves each weight by about
    /// lr · sign(g); entries with g = 0 do not move).
    /// </summary>
    /// <remarks>
    /// Graded by <c>spiking-networks/SnnAdamChecks.Step</c>: two steps on snn_net.npz's weights from seeded gradients
    /// (5e-8 abs); the solutions' tests reproduce W1_after … b2_after of snn_net.npz from its arctan gradients.
    /// </remarks>
    /// <param name="network">The weights to update.</param>
    /// <param name="gradients">∂L/∂W1, ∂L/∂b1, ∂L/∂W2, ∂L/∂b2.</param>
    public void Step(SpikingNetwork network, SnnGradients gradients)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(gradients);
        // BEGIN SOLUTION
        // STUB: update m and v, correct their bias with the step count, and move each weight in place under no_grad.
        using var noGrad = no_grad();
        StepCount++;
        var bias1 = 1 - Math.Pow(Beta1, StepCount);
        var bias2 = 1 - Math.Pow(Beta2, StepCount);
        Tensor[] grads = [gradients.W1, gradients.B1, gradients.W2, gradients.B2];
        // The step's numbers as Scalars made once and disposed (one per use would be left to the finalizer; see Lif.Step).
        using Scalar beta1 = Beta1, keep1 = 1 - Beta1, beta2 = Beta2, keep2 = 1 - Beta2;
        using Scalar root2 = Math.Sqrt(bias2), epsilon = Epsilon, step = -LearningRate / bias1;
        for (var i = 0; i < 4; i++)
        {
            using var scope = NewDisposeScope();
            var g = grads[i];
            m[i] ??= zeros_like(g).DetachFromDisposeScope();
            v[i] ??= zeros_like(g).DetachFromDisposeScope();
            m[i]!.mul_(beta1).add_(g, alpha: keep1);
            v[i]!.mul_(beta2).addcmul_(g, g, value: keep2);
            var denominator = v[i]!.sqrt().div_(root2).add_(epsilon); // one new tensor (W1's is 3 MB)
            network.Parameters[i].addcdiv_(m[i]!, denominator, value: step);
        }
        // END SOLUTION
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in m.Concat(v))
        {
            t?.Dispose();
        }
    }
}
