using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro;

/// <summary>
/// Tutorial 1's DeepNet decoder: one hidden layer of M units, h = ReLU(W_in r + b_in), ŷ = W_out h + b_out (r ∈ ℝᴺ the
/// population response, ŷ the decoded angle in degrees); the linear variant drops the ReLU. Weights use nn.Linear's
/// [out, in] layout and names (in_layer.weight = <see cref="InWeight"/>, …); they are leaf tensors that require gradients.
/// </summary>
public sealed class DeepNet : IDisposable
{
    /// <summary>A network holding copies of the given weights.</summary>
    /// <param name="inWeight">W_in [M, N].</param>
    /// <param name="inBias">b_in [M].</param>
    /// <param name="outWeight">W_out [1, M].</param>
    /// <param name="outBias">b_out [1].</param>
    /// <param name="relu">True for h = ReLU(·) (the course's DeepNet), false for the linear variant.</param>
    public DeepNet(Tensor inWeight, Tensor inBias, Tensor outWeight, Tensor outBias, bool relu = true)
    {
        ArgumentNullException.ThrowIfNull(inWeight);
        ArgumentNullException.ThrowIfNull(inBias);
        ArgumentNullException.ThrowIfNull(outWeight);
        ArgumentNullException.ThrowIfNull(outBias);
        InWeight = Leaf(inWeight);
        InBias = Leaf(inBias);
        OutWeight = Leaf(outWeight);
        OutBias = Leaf(outBias);
        Relu = relu;
    }

    /// <summary>W_in [M, N] (in_layer.weight).</summary>
    public Tensor InWeight { get; }

    /// <summary>b_in [M] (in_layer.bias).</summary>
    public Tensor InBias { get; }

    /// <summary>W_out [1, M] (out_layer.weight).</summary>
    public Tensor OutWeight { get; }

    /// <summary>b_out [1] (out_layer.bias).</summary>
    public Tensor OutBias { get; }

    /// <summary>True when the hidden layer is rectified.</summary>
    public bool Relu { get; }

    /// <summary>The weights in the order W_in, b_in, W_out, b_out.</summary>
    public IReadOnlyList<Tensor> Parameters => [InWeight, InBias, OutWeight, OutBias];

    /// <summary>
    /// nn.Linear's default initialisation drawn from one generator: each weight and bias U(−1/√fan_in, 1/√fan_in), in the
    /// order W_in, b_in, W_out, b_out (fan_in = N for the input layer, M for the output layer). Not PyTorch's exact draws.
    /// </summary>
    /// <param name="inputs">N.</param>
    /// <param name="hidden">M.</param>
    /// <param name="seed">The generator's seed.</param>
    /// <param name="relu">True for the ReLU network.</param>
    /// <returns>The network.</returns>
    public static DeepNet Initialize(int inputs, int hidden, long seed, bool relu = true)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        Tensor Draw(long[] shape, int fanIn) => (rand(shape, generator: generator) * 2 - 1) * (float)(1 / Math.Sqrt(fanIn));
        return new DeepNet(Draw([hidden, inputs], inputs), Draw([hidden], inputs), Draw([1, hidden], hidden), Draw([1], hidden), relu);
    }

    /// <summary>The hidden layer before the non-linearity, W_in r + b_in.</summary>
    /// <remarks>Graded by <c>deep-learning-neuro/DeepNetChecks.Forward</c> (deepnet.npz: hidden_pre_sample, 2e-6 of max |golden|).</remarks>
    /// <param name="r">r [B, N] (float32).</param>
    /// <returns>[B, M].</returns>
    public Tensor HiddenPre(Tensor r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return r.matmul(InWeight.t()) + InBias;
    }

    /// <summary>The hidden layer h = ReLU(W_in r + b_in) (without the ReLU for the linear variant).</summary>
    /// <remarks>
    /// Graded by <c>deep-learning-neuro/DeepNetChecks.Forward</c> (relu_hidden_sample), <c>deep-learning-neuro/DeepNetChecks.ForwardM200</c>
    /// (deepnet_m200.npz: hidden) and <c>deep-learning-neuro/DeepNetTrainingChecks.DecodingError</c> (hidden_all = Hidden(resp)ᵀ of the
    /// final weights, units × stimuli); 2e-6 of max |golden|.
    /// </remarks>
    /// <param name="r">r [B, N] (float32).</param>
    /// <returns>h [B, M].</returns>
    public Tensor Hidden(Tensor r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var pre = HiddenPre(r);
        return Relu ? pre.relu() : pre;
    }

    /// <summary>The decoded angle ŷ = W_out h + b_out.</summary>
    /// <remarks>
    /// Graded by <c>deep-learning-neuro/DeepNetChecks.Forward</c> (relu_out_sample, linear_out_sample) and
    /// <c>deep-learning-neuro/DeepNetChecks.ForwardM200</c> (out); 2e-6 of max |golden|.
    /// </remarks>
    /// <param name="r">r [B, N] (float32).</param>
    /// <returns>ŷ [B, 1].</returns>
    public Tensor Forward(Tensor r)
    {
        ArgumentNullException.ThrowIfNull(r);
        using var scope = NewDisposeScope();
        return (Hidden(r).matmul(OutWeight.t()) + OutBias).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var p in Parameters)
        {
            p.Dispose();
        }
    }

    private static Tensor Leaf(Tensor t) => t.detach().clone().to(float32).requires_grad_(true).DetachFromDisposeScope();
}
