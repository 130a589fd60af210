using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NeuroExercises.Week03.Microcircuits;

/// <summary>
/// The course's BinaryMLP(17, [512], 1) for the sparse-AND task: ŷ = σ(W₂·dropout(GELU(W₁x + b₁)) + b₂) with the exact
/// GELU x·½(1 + erf(x/√2)). Parameters are named as PyTorch's state dict: layers.0.weight, layers.0.bias, layers.3.weight,
/// layers.3.bias.
/// </summary>
public sealed class BinaryMlp : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // names follow the PyTorch state-dict keys
    private readonly Sequential layers;
#pragma warning restore IDE1006

    /// <summary>Creates the network with the course's initialisation: W₁ ~ N(0, 0.02²), b₁ = 0, the output layer PyTorch's default.</summary>
    /// <param name="inputs">Inputs (17: 16 bits and the rule token).</param>
    /// <param name="hidden">Hidden units (512).</param>
    /// <param name="dropout">Dropout probability after the GELU (0.1).</param>
    public BinaryMlp(int inputs = 17, int hidden = 512, double dropout = 0.1) : base(nameof(BinaryMlp))
    {
        var first = nn.Linear(inputs, hidden);
        using (no_grad())
        {
            first.weight!.normal_(0, 0.02);
            first.bias!.zero_();
        }

        layers = nn.Sequential(first, nn.GELU(), nn.Dropout(dropout), nn.Linear(hidden, 1), nn.Sigmoid());
        RegisterComponents();
    }

    /// <summary>The forward pass ŷ = σ(W₂·dropout(GELU(W₁x + b₁)) + b₂) (dropout only in training mode).</summary>
    /// <remarks>
    /// Graded by <c>microcircuits/BinaryMlpChecks.Forward</c>: <c>mlp_rand_out</c> with the O(1) weights (1e-6 of max |golden|;
    /// the tanh-approximated GELU is off by 9e-5 of the hidden layer's max and fails).
    /// </remarks>
    /// <param name="x">X [B, 17] (0/1, any dtype: converted to float32).</param>
    /// <returns>ŷ [B, 1].</returns>
    public override Tensor forward(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var scope = NewDisposeScope();
        return layers.call(x.to(ScalarType.Float32)).MoveToOuterDisposeScope();
    }

    /// <summary>The hidden layer GELU(W₁x + b₁) with the exact GELU x·½(1 + erf(x/√2)), before dropout.</summary>
    /// <remarks>Graded by <c>microcircuits/BinaryMlpChecks.Forward</c>: <c>mlp_rand_hidden</c> [4, 512] (1e-6 of max |golden|).</remarks>
    /// <param name="x">X [B, 17].</param>
    /// <returns>[B, 512].</returns>
    public Tensor Hidden(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var scope = NewDisposeScope();
        var h = layers[0].call(x.to(ScalarType.Float32));
        return (h * 0.5 * (1 + (h / Math.Sqrt(2)).erf())).MoveToOuterDisposeScope();
    }
}
