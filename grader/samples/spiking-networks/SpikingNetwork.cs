using static TorchSharp.torch;

namespace NeuroExercises.Week04.SpikingNetworks;

/// <summary>
/// A D → H → C spiking network of LIF neurons (snnTorch tutorial 5): the input is a constant current, C1 = x W1ᵀ + b1 at
/// every step; layer 1 is a LIF population driven by C1, layer 2 one driven by C2_t = S¹_t W2ᵀ + b2. The weights are
/// leaf tensors that require gradients.
/// </summary>
public sealed class SpikingNetwork : IDisposable
{
    /// <summary>A network holding copies of the given weights (leaves that require gradients).</summary>
    /// <param name="w1">W1 [H, D].</param>
    /// <param name="b1">b1 [H].</param>
    /// <param name="w2">W2 [C, H].</param>
    /// <param name="b2">b2 [C].</param>
    public SpikingNetwork(Tensor w1, Tensor b1, Tensor w2, Tensor b2)
    {
        ArgumentNullException.ThrowIfNull(w1);
        ArgumentNullException.ThrowIfNull(b1);
        ArgumentNullException.ThrowIfNull(w2);
        ArgumentNullException.ThrowIfNull(b2);
        W1 = Leaf(w1);
        B1 = Leaf(b1);
        W2 = Leaf(w2);
        B2 = Leaf(b2);
    }

    /// <summary>W1 [H, D].</summary>
    public Tensor W1 { get; }

    /// <summary>b1 [H].</summary>
    public Tensor B1 { get; }

    /// <summary>W2 [C, H].</summary>
    public Tensor W2 { get; }

    /// <summary>b2 [C].</summary>
    public Tensor B2 { get; }

    /// <summary>The four weights in the order W1, b1, W2, b2.</summary>
    public IReadOnlyList<Tensor> Parameters => [W1, B1, W2, B2];

    /// <summary>
    /// nn.Linear's initialisation range drawn from one generator: torch.rand in the order W1, b1, W2, b2, each
    /// (2u − 1)·float32(1/√fan_in), fan_in = D for W1 and b1, H for W2 and b2.
    /// </summary>
    /// <param name="inputs">D.</param>
    /// <param name="hidden">H.</param>
    /// <param name="outputs">C.</param>
    /// <param name="seed">The generator's seed (snn_net.npz: 7).</param>
    /// <returns>The network.</returns>
    public static SpikingNetwork Initialize(int inputs, int hidden, int outputs, long seed)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        Tensor Draw(long[] shape, int fanIn) => (rand(shape, generator: generator) * 2 - 1) * (float)(1 / Math.Sqrt(fanIn));
        var w1 = Draw([hidden, inputs], inputs);
        var b1 = Draw([hidden], inputs);
        var w2 = Draw([outputs, hidden], hidden);
        var b2 = Draw([outputs], hidden);
        return new SpikingNetwork(w1, b1, w2, b2);
    }

    /// <summary>
    /// The forward pass unrolled over T steps: C1 = x W1ᵀ + b1 (once); U¹ = U² = 0; for t = 0 … T−1: layer 1
    /// <see cref="Lif.Step(Tensor, Tensor, LifParameters)"/> with input C1 → S¹_t, U¹_t; C2_t = S¹_t W2ᵀ + b2; layer 2 <see cref="Lif.Step(Tensor, Tensor, LifParameters)"/> with C2_t →
    /// S²_t, U²_t (reset by subtraction, delayed, the options' surrogate in both layers).
    /// </summary>
    /// <remarks>
    /// Graded by <c>spiking-networks/SpikingNetworkChecks.Forward</c> (spk1, spk2, spike_count exactly; mem1 2e-5, mem2 2e-6
    /// abs) and through the loss and gradient checks.
    /// </remarks>
    /// <param name="x">Inputs [N, D] (float32).</param>
    /// <param name="options">T, β, θ and the surrogate.</param>
    /// <returns>Spikes and membranes of both layers, [T, N, ·], differentiable with respect to the weights.</returns>
    public SnnRecording Forward(Tensor x, SnnOptions options)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(options);
        using var scope = NewDisposeScope();
        var (spk1, mems1, spk2, mems2) = Unroll(x, options, recordHidden: true);
        return new SnnRecording(
            stack(spk1!).MoveToOuterDisposeScope(),
            stack(mems1!).MoveToOuterDisposeScope(),
            stack(spk2).MoveToOuterDisposeScope(),
            stack(mems2).MoveToOuterDisposeScope());
    }

    /// <summary>Copies new values into the weights (no gradient recorded).</summary>
    /// <param name="weights">W1, b1, W2, b2.</param>
    public void Load(IReadOnlyList<Tensor> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        using var noGrad = no_grad();
        for (var i = 0; i < 4; i++)
        {
            Parameters[i].copy_(weights[i]);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        W1.Dispose();
        B1.Dispose();
        W2.Dispose();
        B2.Dispose();
    }

    private static Tensor Leaf(Tensor t) => t.detach().clone().requires_grad_(true).DetachFromDisposeScope();

    /// <summary>U² [T, N, C] alone, differentiable: what the membrane loss needs, without stacking the hidden layer's
    /// spikes and membranes (2 × T·N·H floats per forward pass that the loss never reads).</summary>
    internal Tensor OutputMembranes(Tensor x, SnnOptions options)
    {
        using var scope = NewDisposeScope();
        return stack(Unroll(x, options, recordHidden: false).Mems2).MoveToOuterDisposeScope();
    }

    private (Tensor[]? Spk1, Tensor[]? Mems1, Tensor[] Spk2, Tensor[] Mems2) Unroll(Tensor x, SnnOptions options, bool recordHidden)
    {
        var neuron = options.Neuron;
        var current1 = nn.functional.linear(x, W1, B1);
        var mem1 = zeros(x.shape[0], W1.shape[0], dtype: x.dtype, device: x.device);
        var mem2 = zeros(x.shape[0], W2.shape[0], dtype: x.dtype, device: x.device);
        var spk1 = recordHidden ? new Tensor[options.Steps] : null;
        var mems1 = recordHidden ? new Tensor[options.Steps] : null;
        var spk2 = new Tensor[options.Steps];
        var mems2 = new Tensor[options.Steps];
        // With the reset delay each step's reset is the previous step's spikes (Lif.Step's internal overload); at t = 0 it is
        // computed from U = 0.
        Tensor? reset1 = null, reset2 = null;
        // Without the recordings only U² is returned, and no gradient reaches S² (it only resets layer 2, detached): its
        // spikes need no custom autograd node, so layer 2 fires through the plain step (the same values).
        var neuron2 = recordHidden ? neuron : neuron with { Surrogate = null };
        for (var t = 0; t < options.Steps; t++)
        {
            var hidden = Lif.Step(mem1, current1, neuron, reset1);
            var output = Lif.Step(mem2, nn.functional.linear(hidden.Spk, W2, B2), neuron2, reset2);
            (mem1, mem2) = (hidden.Mem, output.Mem);
            if (neuron.ResetDelay)
            {
                (reset1, reset2) = (hidden.Spk, output.Spk);
            }

            (spk2[t], mems2[t]) = (output.Spk, output.Mem);
            if (recordHidden)
            {
                (spk1![t], mems1![t]) = (hidden.Spk, hidden.Mem);
            }
        }

        return (spk1, mems1, spk2, mems2);
    }

}
