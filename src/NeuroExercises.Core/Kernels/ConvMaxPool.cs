using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroExercises.Core.Kernels;

/// <summary>
/// A "same" 2-D convolution of one input channel (cross-correlation, zero padding (k − 1)/2, stride 1, bias) followed by
/// non-overlapping 8 × 8 max pooling, fused into one C# pass, with its autograd function. The values equal
/// <c>max_pool2d(conv2d(x, w, b, padding: (k − 1)/2), 8)</c> up to the order of the k² products in each sum, the pooled
/// indices are the ones libtorch picks (the first maximum in row-major order in each window; a NaN wins), and the backward
/// pass uses the pooling's sparsity: only the window maxima receive a gradient, so ∂L/∂w sums k² products over the
/// B·C·H·W/64 maxima instead of over every output position. Why: libtorch 2.10 runs this layer (1 input channel, 6
/// filters of 7 × 7 on 48 × 64 images, the week-5 tilt CNN) in oneDNN's convolution (6.2 ms forward and ≈ 6 ms backward
/// for a batch of 100, one thread) and a scalar max-pool loop (3.6 ms); the fused forward takes 3 ms.
/// The input gets no gradient: callers use this only for inputs that do not require one.
/// </summary>
public static class ConvMaxPool
{
    /// <summary>The pooling window and stride.</summary>
    public const int Pool = 8;

    /// <summary>
    /// Whether <see cref="Apply"/> serves these operands: CPU float32 contiguous tensors, x [B, 1, H, W] with H a multiple
    /// of 8 and W of 16 and no gradient to record for x, w [C, 1, k, k] with k odd, bias [C].
    /// </summary>
    /// <param name="x">The images.</param>
    /// <param name="weight">The filters.</param>
    /// <param name="bias">The biases.</param>
    /// <returns>True when the fused kernel applies.</returns>
    public static bool Serves(Tensor x, Tensor weight, Tensor bias)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(bias);
        return x.dim() == 4 && x.shape[1] == 1 && x.shape[2] % Pool == 0 && x.shape[3] % (2 * Pool) == 0 && x.shape[2] > 0
            && weight.dim() == 4 && weight.shape[1] == 1 && weight.shape[2] == weight.shape[3] && weight.shape[2] % 2 == 1
            && bias.dim() == 1 && bias.shape[0] == weight.shape[0] && weight.shape[0] > 0
            && AllCpuFloat32Contiguous(x, weight, bias) && !(x.requires_grad && is_grad_enabled())
            && x.shape[0] > 0 && x.numel() < int.MaxValue / 4;
    }

    /// <summary>
    /// max_pool2d(conv2d(x, w, b, padding: (k − 1)/2), 8) as [B, C, H/8, W/8], recording autograd history for w and b.
    /// </summary>
    /// <param name="x">[B, 1, H, W] (see <see cref="Serves"/>).</param>
    /// <param name="weight">[C, 1, k, k].</param>
    /// <param name="bias">[C].</param>
    /// <returns>The pooled maxima, a new tensor.</returns>
    /// <exception cref="ArgumentException">When <see cref="Serves"/> is false.</exception>
    public static Tensor Apply(Tensor x, Tensor weight, Tensor bias)
    {
        if (!Serves(x, weight, bias))
        {
            throw new ArgumentException(
                "ConvMaxPool serves CPU float32 contiguous x [B, 1, H, W] (H % 8 == 0, W % 16 == 0, no gradient for x), "
                + $"w [C, 1, k, k] (k odd) and bias [C]; got x {Shape(x)}, w {Shape(weight)}, bias {Shape(bias)}. "
                + "Check ConvMaxPool.Serves first and use conv2d and max_pool2d otherwise.",
                nameof(x));
        }

        return Function.apply(x, weight, bias);
    }

    /// <summary>The forward pass without autograd: pooled maxima and their flat indices (h·W + w) into each image's plane.</summary>
    /// <param name="x">[B, 1, H, W].</param>
    /// <param name="weight">[C, 1, k, k].</param>
    /// <param name="bias">[C].</param>
    /// <returns>The maxima [B, C, H/8, W/8] and the indices as int64 [B, C, H/8, W/8], like max_pool2d_with_indices.</returns>
    public static (Tensor Values, Tensor Indices) Forward(Tensor x, Tensor weight, Tensor bias)
    {
        if (!Serves(x, weight, bias))
        {
            throw new ArgumentException("ConvMaxPool.Forward: operands not served (see ConvMaxPool.Serves).", nameof(x));
        }

        var (values, indices, _) = ForwardRaw(x, weight, bias);
        return (values, tensor(indices).to(int64).reshape(values.shape));
    }

    private static (Tensor Values, int[] Indices, Geometry Geometry) ForwardRaw(Tensor x, Tensor weight, Tensor bias)
    {
        var geometry = new Geometry((int)x.shape[0], (int)weight.shape[0], (int)x.shape[2], (int)x.shape[3], (int)weight.shape[2]);
        var values = empty(geometry.Images, geometry.Channels, geometry.Height / Pool, geometry.Width / Pool, dtype: float32);
        var indices = new int[values.numel()];
        ForwardKernel(geometry, ReadFloats(x), ReadFloats(weight), ReadFloats(bias), MemoryMarshal.Cast<byte, float>(values.bytes), indices);
        return (values, indices, geometry);
    }

    private static void ForwardKernel(Geometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> values, int[] indices)
    {
        var k = g.Kernel;
        var broadcast = new Vector256<float>[weight.Length];
        for (var i = 0; i < weight.Length; i++)
        {
            broadcast[i] = Vector256.Create(weight[i]);
        }

        var padded = ArrayPool<float>.Shared.Rent(g.PaddedHeight * g.PaddedWidth);
        var conv = ArrayPool<float>.Shared.Rent(6 * g.Height * g.Width);
        try
        {
            Array.Clear(padded);
            for (var image = 0; image < g.Images; image++)
            {
                var plane = x.Slice(image * g.Height * g.Width, g.Height * g.Width);
                for (var r = 0; r < g.Height; r++)
                {
                    plane.Slice(r * g.Width, g.Width).CopyTo(padded.AsSpan(((r + g.Padding) * g.PaddedWidth) + g.Padding, g.Width));
                }

                // Six filters at a time (twelve accumulators: each loaded input vector feeds six filters), then the rest.
                for (var c0 = 0; c0 < g.Channels; c0 += 6)
                {
                    var block = Math.Min(6, g.Channels - c0);
                    if (block == 6)
                    {
                        SixFilters(g, padded, broadcast.AsSpan(c0 * k * k, 6 * k * k), bias.Slice(c0, 6), conv);
                    }
                    else
                    {
                        for (var c = 0; c < block; c++)
                        {
                            OneFilter(g, padded, broadcast.AsSpan((c0 + c) * k * k, k * k), bias[c0 + c], conv.AsSpan(c * g.Height * g.Width));
                        }
                    }

                    for (var c = 0; c < block; c++)
                    {
                        PoolPlane(g, conv.AsSpan(c * g.Height * g.Width, g.Height * g.Width), values, indices, ((image * g.Channels) + c0 + c) * g.Cells);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(padded);
            ArrayPool<float>.Shared.Return(conv);
        }
    }

    private static void SixFilters(Geometry g, float[] padded, Span<Vector256<float>> weights, ReadOnlySpan<float> bias, float[] conv)
    {
        var k = g.Kernel;
        var kk = k * k;
        var plane = g.Height * g.Width;
        ref var p0 = ref MemoryMarshal.GetArrayDataReference(padded);
        ref var w0 = ref MemoryMarshal.GetReference(weights);
        ref var out0 = ref MemoryMarshal.GetArrayDataReference(conv);
        for (var h = 0; h < g.Height; h++)
        {
            for (var col = 0; col < g.Width; col += 16)
            {
                var a0 = Vector256.Create(bias[0]);
                var a1 = Vector256.Create(bias[1]);
                var a2 = Vector256.Create(bias[2]);
                var a3 = Vector256.Create(bias[3]);
                var a4 = Vector256.Create(bias[4]);
                var a5 = Vector256.Create(bias[5]);
                var b0 = a0;
                var b1 = a1;
                var b2 = a2;
                var b3 = a3;
                var b4 = a4;
                var b5 = a5;
                for (var kh = 0; kh < k; kh++)
                {
                    ref var row = ref Unsafe.Add(ref p0, ((h + kh) * g.PaddedWidth) + col);
                    ref var wk = ref Unsafe.Add(ref w0, kh * k);
                    for (var kw = 0; kw < k; kw++)
                    {
                        var v = Vector256.LoadUnsafe(ref row, (nuint)kw);
                        var u = Vector256.LoadUnsafe(ref row, (nuint)(kw + 8));
                        var q = Unsafe.Add(ref wk, kw);
                        a0 = Vector256.FusedMultiplyAdd(v, q, a0);
                        b0 = Vector256.FusedMultiplyAdd(u, q, b0);
                        q = Unsafe.Add(ref wk, kk + kw);
                        a1 = Vector256.FusedMultiplyAdd(v, q, a1);
                        b1 = Vector256.FusedMultiplyAdd(u, q, b1);
                        q = Unsafe.Add(ref wk, (2 * kk) + kw);
                        a2 = Vector256.FusedMultiplyAdd(v, q, a2);
                        b2 = Vector256.FusedMultiplyAdd(u, q, b2);
                        q = Unsafe.Add(ref wk, (3 * kk) + kw);
                        a3 = Vector256.FusedMultiplyAdd(v, q, a3);
                        b3 = Vector256.FusedMultiplyAdd(u, q, b3);
                        q = Unsafe.Add(ref wk, (4 * kk) + kw);
                        a4 = Vector256.FusedMultiplyAdd(v, q, a4);
                        b4 = Vector256.FusedMultiplyAdd(u, q, b4);
                        q = Unsafe.Add(ref wk, (5 * kk) + kw);
                        a5 = Vector256.FusedMultiplyAdd(v, q, a5);
                        b5 = Vector256.FusedMultiplyAdd(u, q, b5);
                    }
                }

                var o = (nuint)((h * g.Width) + col);
                var stride = (nuint)plane;
                a0.StoreUnsafe(ref out0, o);
                a1.StoreUnsafe(ref out0, o + stride);
                a2.StoreUnsafe(ref out0, o + (2 * stride));
                a3.StoreUnsafe(ref out0, o + (3 * stride));
                a4.StoreUnsafe(ref out0, o + (4 * stride));
                a5.StoreUnsafe(ref out0, o + (5 * stride));
                o += 8;
                b0.StoreUnsafe(ref out0, o);
                b1.StoreUnsafe(ref out0, o + stride);
                b2.StoreUnsafe(ref out0, o + (2 * stride));
                b3.StoreUnsafe(ref out0, o + (3 * stride));
                b4.StoreUnsafe(ref out0, o + (4 * stride));
                b5.StoreUnsafe(ref out0, o + (5 * stride));
            }
        }
    }

    private static void OneFilter(Geometry g, float[] padded, Span<Vector256<float>> weights, float bias, Span<float> conv)
    {
        var k = g.Kernel;
        ref var p0 = ref MemoryMarshal.GetArrayDataReference(padded);
        ref var w0 = ref MemoryMarshal.GetReference(weights);
        ref var out0 = ref MemoryMarshal.GetReference(conv);
        for (var h = 0; h < g.Height; h++)
        {
            for (var col = 0; col < g.Width; col += 16)
            {
                var a = Vector256.Create(bias);
                var b = a;
                for (var kh = 0; kh < k; kh++)
                {
                    ref var row = ref Unsafe.Add(ref p0, ((h + kh) * g.PaddedWidth) + col);
                    for (var kw = 0; kw < k; kw++)
                    {
                        var q = Unsafe.Add(ref w0, (kh * k) + kw);
                        a = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, (nuint)kw), q, a);
                        b = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, (nuint)(kw + 8)), q, b);
                    }
                }

                a.StoreUnsafe(ref out0, (nuint)((h * g.Width) + col));
                b.StoreUnsafe(ref out0, (nuint)((h * g.Width) + col + 8));
            }
        }
    }

    /// <summary>8 × 8 windows of one plane: the maximum and libtorch's index (first maximum in row-major order; a NaN wins, the last one).</summary>
    private static void PoolPlane(Geometry g, ReadOnlySpan<float> conv, Span<float> values, int[] indices, int firstCell)
    {
        ref var c0 = ref MemoryMarshal.GetReference(conv);
        var cell = firstCell;
        for (var i = 0; i < g.Height / Pool; i++)
        {
            for (var j = 0; j < g.Width / Pool; j++, cell++)
            {
                var corner = (i * Pool * g.Width) + (j * Pool);
                ref var window = ref Unsafe.Add(ref c0, corner);
                var max = Vector256.LoadUnsafe(ref window);
                var ordered = Vector256.Equals(max, max);
                for (var r = 1; r < Pool; r++)
                {
                    var row = Vector256.LoadUnsafe(ref window, (nuint)(r * g.Width));
                    max = Vector256.Max(max, row);
                    ordered &= Vector256.Equals(row, row);
                }

                if (ordered.ExtractMostSignificantBits() != 0xFFu)
                {
                    ScalarWindow(g, conv, corner, out values[cell], out indices[cell]);
                    continue;
                }

                var best = max[0];
                for (var lane = 1; lane < Pool; lane++)
                {
                    best = MathF.Max(best, max[lane]);
                }

                var target = Vector256.Create(best);
                for (var r = 0; r < Pool; r++)
                {
                    var mask = Vector256.Equals(Vector256.LoadUnsafe(ref window, (nuint)(r * g.Width)), target).ExtractMostSignificantBits();
                    if (mask != 0)
                    {
                        values[cell] = best;
                        indices[cell] = corner + (r * g.Width) + BitOperations.TrailingZeroCount(mask);
                        break;
                    }
                }
            }
        }
    }

    private static void ScalarWindow(Geometry g, ReadOnlySpan<float> conv, int corner, out float value, out int index)
    {
        value = float.NegativeInfinity;
        index = corner;
        for (var r = 0; r < Pool; r++)
        {
            for (var q = 0; q < Pool; q++)
            {
                var at = corner + (r * g.Width) + q;
                var v = conv[at];
                if (v > value || float.IsNaN(v))
                {
                    value = v;
                    index = at;
                }
            }
        }
    }

    private static (float[] Weight, float[] Bias) BackwardKernel(Geometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> gradient, int[] indices)
    {
        var k = g.Kernel;
        var kk = k * k;
        var weight = new float[g.Channels * kk];
        var bias = new float[g.Channels];
        // Per filter row, an 8-wide accumulator over kw (lanes ≥ k unused) for windows whose k columns lie inside the image.
        var rows = new Vector256<float>[k];
        ref var x0 = ref MemoryMarshal.GetReference(x);
        for (var c = 0; c < g.Channels; c++)
        {
            Array.Clear(rows);
            var dw = weight.AsSpan(c * kk, kk);
            for (var image = 0; image < g.Images; image++)
            {
                var planeStart = image * g.Height * g.Width;
                var first = ((image * g.Channels) + c) * g.Cells;
                for (var cell = first; cell < first + g.Cells; cell++)
                {
                    var grad = gradient[cell];
                    if (grad == 0)
                    {
                        continue; // nothing to add (a ReLU above the pool zeroes many)
                    }

                    bias[c] += grad;
                    var h = indices[cell] / g.Width;
                    var w = indices[cell] % g.Width;
                    var left = w - g.Padding;
                    var vector = k <= 8 && left >= 0 && left + 8 <= g.Width;
                    var scaled = Vector256.Create(grad);
                    for (var kh = 0; kh < k; kh++)
                    {
                        var r = h + kh - g.Padding;
                        if ((uint)r >= (uint)g.Height)
                        {
                            continue; // zero padding
                        }

                        var rowStart = planeStart + (r * g.Width);
                        if (vector)
                        {
                            rows[kh] = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref x0, (nuint)(rowStart + left)), scaled, rows[kh]);
                            continue;
                        }

                        var wrow = dw.Slice(kh * k, k);
                        var from = Math.Max(0, -left);
                        var to = Math.Min(k, g.Width - left);
                        for (var kw = from; kw < to; kw++)
                        {
                            wrow[kw] += grad * x[rowStart + left + kw];
                        }
                    }
                }
            }

            for (var kh = 0; kh < k; kh++)
            {
                for (var kw = 0; kw < k && kw < 8; kw++)
                {
                    dw[(kh * k) + kw] += rows[kh][kw];
                }
            }
        }

        return (weight, bias);
    }

    private static bool AllCpuFloat32Contiguous(params Tensor[] tensors)
    {
        foreach (var t in tensors)
        {
            if (t.device_type != DeviceType.CPU || t.dtype != ScalarType.Float32 || !t.is_contiguous())
            {
                return false;
            }
        }

        return true;
    }

    private static ReadOnlySpan<float> ReadFloats(Tensor t) => MemoryMarshal.Cast<byte, float>(t.bytes);

    private static string Shape(Tensor t) => $"[{string.Join(", ", t.shape)}] {t.dtype} on {t.device_type}";

    private readonly record struct Geometry(int Images, int Channels, int Height, int Width, int Kernel)
    {
        public int Padding => (Kernel - 1) / 2;

        public int PaddedHeight => Height + Kernel - 1;

        // Room for the last 16-wide load of each row (starts at most at W − 16 + k − 1).
        public int PaddedWidth => Width + Kernel - 1 + 8;

        public int Cells => Height / Pool * (Width / Pool);
    }

    /// <summary>The autograd node: forward keeps x and the indices; backward returns ∂L/∂w and ∂L/∂b (none for x).</summary>
    private sealed class Function : autograd.SingleTensorFunction<Function>
    {
        public override string Name => "ConvMaxPool";

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var x = (Tensor)vars[0];
            var weight = (Tensor)vars[1];
            var bias = (Tensor)vars[2];
            var (values, indices, geometry) = ForwardRaw(x, weight, bias);
            ctx.save_for_backward([x]);
            ctx.save_data("indices", indices);
            ctx.save_data("geometry", geometry);
            return values;
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
        {
            var x = ctx.get_saved_variables()[0];
            var indices = (int[])ctx.get_data("indices");
            var geometry = (Geometry)ctx.get_data("geometry");
            using var gradient = grad_output.to(float32).contiguous();
            var (weight, bias) = BackwardKernel(geometry, ReadFloats(x), ReadFloats(gradient), indices);
            return [null!, tensor(weight).reshape(geometry.Channels, 1, geometry.Kernel, geometry.Kernel), tensor(bias)];
        }
    }
}
