using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NeuroExercises.Week03.Microcircuits;

/// <summary>
/// The course's CIFARNet, with or without LayerNorm (tutorial 2: does normalization make a network robust to the contrast
/// of its input?):
/// conv1 Conv2d(C, 16, 5, padding 2) → [LayerNorm over (16, H, W)] → ReLU → MaxPool(3, stride 2, padding 1: PyTorch's
/// max_pool2d, which pads with −∞; after the ReLU zeros would give the same) →
/// conv2 Conv2d(16, 32, 3, padding 1) → [LayerNorm over (32, H/2, W/2)] → ReLU → AvgPool(3, stride 2, padding 1, the padded
/// zeros counted: always ÷ 9) → flatten in (C, H, W) order → fc1 Linear(32·⌈H/4⌉·⌈W/4⌉, 64) → fc2 Linear(64, classes), no
/// nonlinearity between fc1 and fc2. Parameters are named as PyTorch's state dict: conv1.weight, conv1.bias, norm1.weight,
/// norm1.bias, conv2.*, norm2.*, fc1.*, fc2.* (the norm parameters only with LayerNorm, each of the normalised shape).
/// </summary>
public sealed class CifarNet : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // names follow the PyTorch state-dict keys
    private readonly Conv2d conv1;
    private readonly LayerNorm? norm1;
    private readonly Conv2d conv2;
    private readonly LayerNorm? norm2;
    private readonly Linear fc1;
    private readonly Linear fc2;
#pragma warning restore IDE1006

    /// <summary>
    /// Creates the network with the course's initialisation: PyTorch's default init, then conv weights N(0, 10⁻⁴²) and fc
    /// weights N(0, 0.1²) (the biases keep their default uniform draw), LayerNorm weight 1 and bias 0. Draws from torch's
    /// default generator (call <c>torch.manual_seed</c> first for a repeatable network).
    /// </summary>
    /// <param name="layerNorm">With the two LayerNorms (the course's <c>ln</c>) or without (<c>noln</c>).</param>
    /// <param name="channels">Input channels C (3: RGB).</param>
    /// <param name="height">Input height H (8 for the goldens' synthetic images, 32 for CIFAR).</param>
    /// <param name="width">Input width W.</param>
    /// <param name="classes">Output classes (3 in the goldens, 10 for CIFAR).</param>
    public CifarNet(bool layerNorm, int channels = 3, int height = 8, int width = 8, int classes = 3) : base(nameof(CifarNet))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        // MaxPool(3, 2, 1) and AvgPool(3, 2, 1) each map n to ⌈n/2⌉.
        long h2 = (height + 1) / 2, w2 = (width + 1) / 2, h4 = (h2 + 1) / 2, w4 = (w2 + 1) / 2;
        conv1 = nn.Conv2d(channels, 16, 5, padding: 2);
        norm1 = layerNorm ? nn.LayerNorm([16, height, width]) : null;
        conv2 = nn.Conv2d(16, 32, 3, padding: 1);
        norm2 = layerNorm ? nn.LayerNorm([32, h2, w2]) : null;
        fc1 = nn.Linear(32 * h4 * w4, 64);
        fc2 = nn.Linear(64, classes);
        using (no_grad())
        {
            conv1.weight!.normal_(0, 1e-4);
            conv2.weight!.normal_(0, 1e-4);
            fc1.weight!.normal_(0, 0.1);
            fc2.weight!.normal_(0, 0.1);
        }

        HasLayerNorm = layerNorm;
        RegisterComponents();
    }

    /// <summary>Whether the network has its two LayerNorms.</summary>
    public bool HasLayerNorm { get; }

    /// <summary>
    /// LayerNorm of each sample over all of its non-batch dimensions, with an elementwise affine:
    /// (h − mean) / √(var + ε) ⊙ weight + bias, the mean and the biased variance (÷ N, not N − 1) taken over the
    /// C·H·W entries of one sample — not over the channels of one pixel, nor over the batch.
    /// </summary>
    /// <remarks>
    /// Graded by <c>microcircuits/CifarNetChecks.LayerNorm</c>: <c>cifarnet_ln_norm1_out</c>, the first LayerNorm applied to
    /// conv1's output on the goldens' 8 images (1e-5 of max |golden|; LayerNorm over the channels only is off by 0.27).
    /// </remarks>
    /// <param name="h">[B, C, H, W] (any shape [B, …]).</param>
    /// <param name="weight">[C, H, W], the shape of one sample.</param>
    /// <param name="bias">[C, H, W].</param>
    /// <param name="eps">ε inside the root (PyTorch's 1e-5).</param>
    /// <returns>The shape of <paramref name="h"/>.</returns>
    public static Tensor LayerNorm(Tensor h, Tensor weight, Tensor bias, double eps = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(bias);
        throw new NotImplementedException("CifarNet.LayerNorm: mean and biased variance over every dimension but the first, (h − mean)/√(var + ε), then ⊙ weight + bias; see its XML doc.");
    }

    /// <summary>
    /// The forward pass to the logits (see the class summary for the layers); with LayerNorm each norm is
    /// <see cref="LayerNorm"/> with this network's <c>norm1</c> / <c>norm2</c> weight and bias.
    /// </summary>
    /// <remarks>
    /// Graded by <c>microcircuits/CifarNetChecks.Forward</c> (<c>cifarnet_rand_{noln,ln}_logits</c>: O(0.1) conv weights, so
    /// the convolutions, pools and norms all matter; 1e-5 of max |golden|; an AvgPool that skips the padded zeros is off by
    /// 0.28) and <c>microcircuits/CifarNetChecks.ContrastAndInit</c> (hidden: the same on images scaled by U(0.05, 0.25) and
    /// with the course's 10⁻⁴ conv weights).
    /// </remarks>
    /// <param name="x">Images [B, C, H, W] (float32).</param>
    /// <returns>Logits [B, classes].</returns>
    public override Tensor forward(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        throw new NotImplementedException("CifarNet.forward: conv1 → [LayerNorm(norm1)] → ReLU → max_pool2d(3, 2, 1) → conv2 → [LayerNorm(norm2)] → ReLU → avg_pool2d(3, 2, 1) → flatten → fc1 → fc2; see its XML doc.");
    }

    /// <summary>
    /// Trains the network as the course does: full-batch SGD with momentum in PyTorch's form (v ← μ·v + g, v = g at the first
    /// step, no dampening, no Nesterov; θ ← θ − η·v) on the mean cross-entropy of the logits against the labels, the loss and
    /// gradients taken before each update. Updates <paramref name="model"/>'s parameters in place.
    /// </summary>
    /// <remarks>
    /// Graded by <c>microcircuits/CifarNetChecks.TrainingWithoutNorm</c> (the network without LayerNorm) and
    /// <c>microcircuits/CifarNetChecks.Training</c> (hidden: with LayerNorm): <c>cifarnet_{noln,ln}_losses</c> [2],
    /// <c>cifarnet_{tag}_grad_{conv1,fc2}.{weight,bias}</c> (step 0) and <c>cifarnet_{tag}_after_*</c> (every parameter after
    /// 2 steps of η = 0.05, μ = 0.9 on the 8 images from the course's init; 1e-5 of max |golden|). TorchSharp's
    /// <c>optim.SGD(parameters, η, momentum: μ)</c> is this rule; a hand-written v ← μ·v + g is graded the same. Autograd must
    /// be on: the checks call it outside <c>no_grad()</c>.
    /// </remarks>
    /// <param name="model">The network (its parameters are updated).</param>
    /// <param name="x">Images [B, C, H, W].</param>
    /// <param name="y">Class labels [B] (int64).</param>
    /// <param name="learningRate">η.</param>
    /// <param name="momentum">μ.</param>
    /// <param name="steps">The number of SGD steps.</param>
    /// <returns>The loss before each step and the first step's gradient of every parameter, by state-dict name: new tensors
    /// (copies, not the live <c>.grad</c>, which later steps overwrite), owned by the caller's dispose scope.</returns>
    public static CifarNetTraining Train(CifarNet model, Tensor x, Tensor y, double learningRate, double momentum, int steps)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        throw new NotImplementedException("CifarNet.Train: optim.SGD with momentum; each step: zero the gradients, mean cross-entropy, record it, backward, keep step 0's gradients, step; see its XML doc.");
    }
}
