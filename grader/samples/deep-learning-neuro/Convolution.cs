using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro;

/// <summary>
/// A convolutional layer as PyTorch's nn.Conv2d computes it (stride 1, zero padding p): a cross-correlation, no kernel
/// flip, out[b, o, y, x] = bias[o] + Σ_c Σ_u Σ_v w[o, c, u, v] · x_pad[b, c, y + u, x + v], where x_pad is the input with p
/// zeros on every side. Written out once from the definition, once with TorchSharp's conv2d; the two must agree.
/// </summary>
public static class Convolution
{
    /// <summary>The layer written out from its definition (sums over the kernel offsets of padded, shifted inputs; no conv2d).</summary>
    /// <remarks>
    /// Graded by <c>deep-learning-neuro/ConvolutionChecks.WrittenOut</c> (conv.npz: convout, 1e-6 of max |golden|) and
    /// <c>deep-learning-neuro/ConvolutionChecks.WrittenOutEqualsConv2d</c> (random input and square kernels whose values are
    /// not symmetric, so a flipped kernel shows, with a bias).
    /// </remarks>
    /// <param name="input">x [B, C_in, H, W].</param>
    /// <param name="weight">w [C_out, C_in, K, K].</param>
    /// <param name="bias">bias [C_out], or null for none.</param>
    /// <param name="padding">p (K / 2 keeps the size).</param>
    /// <returns>[B, C_out, H + 2p − K + 1, W + 2p − K + 1].</returns>
    public static Tensor CrossCorrelate(Tensor input, Tensor weight, Tensor? bias, int padding)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        using var scope = NewDisposeScope();
        var k = weight.shape[2];
        var padded = nn.functional.pad(input, [padding, padding, padding, padding]);
        var outH = padded.shape[2] - k + 1;
        var outW = padded.shape[3] - k + 1;
        var result = zeros(input.shape[0], weight.shape[0], outH, outW, dtype: input.dtype, device: input.device);
        for (var u = 0L; u < k; u++)
        {
            for (var v = 0L; v < k; v++)
            {
                var window = padded[.., .., TensorIndex.Slice(u, u + outH), TensorIndex.Slice(v, v + outW)];
                var tap = weight[.., .., TensorIndex.Single(u), TensorIndex.Single(v)];
                result.add_(einsum("bchw,oc->bohw", window, tap));
            }
        }

        if (bias is not null)
        {
            result.add_(bias.reshape(1, -1, 1, 1));
        }

        return result.MoveToOuterDisposeScope();
    }

    /// <summary>The same layer with TorchSharp's conv2d (stride 1, padding p).</summary>
    /// <remarks>
    /// Graded by <c>deep-learning-neuro/ConvolutionChecks.Conv2d</c> (conv.npz: convout; 1e-6 of max |golden|) and
    /// <c>deep-learning-neuro/ConvolutionChecks.WrittenOutEqualsConv2d</c>.
    /// </remarks>
    /// <param name="input">x [B, C_in, H, W].</param>
    /// <param name="weight">w [C_out, C_in, K, K].</param>
    /// <param name="bias">bias [C_out], or null.</param>
    /// <param name="padding">p.</param>
    /// <returns>[B, C_out, H + 2p − K + 1, W + 2p − K + 1].</returns>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, int padding)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        return nn.functional.conv2d(input, weight, bias, padding: [padding, padding]);
    }
}
