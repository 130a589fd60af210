using NeuroExercises.Week05.DeepLearningNeuro;
using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro.Checks;

/// <summary>
/// Checks of <see cref="Convolution"/>: conv.npz's convout (the five centred gratings through the zero-mean filters, made
/// here from the README so that only the convolution is graded), both ways, and the two ways agreeing on random data.
/// </summary>
[WeekChecks(CheckKit.Week)]
public static class ConvolutionChecks
{
    /// <summary>convout written out from the definition.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>convout [5, 6, 48, 64].</returns>
    [Check(2, Description = "Convolution.CrossCorrelate: out[b,o,y,x] = Σ w[o,c,u,v]·x_pad[b,c,y+u,x+v] (no kernel flip), zero padding 3", Visibility = Visibility.Visible, Atol = 2.9e-6, TimeLimitSeconds = 30,
        Hint = "nn.Conv2d is a cross-correlation: do not flip the kernel.")]
    public static IReadOnlyDictionary<string, Tensor> WrittenOut(CheckContext ctx) =>
        ConvOut(ctx, (x, w) => Convolution.CrossCorrelate(x, w, null, 3));

    /// <summary>convout with conv2d.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>convout [5, 6, 48, 64].</returns>
    [Check(1, Description = "Convolution.Conv2d: the same layer with TorchSharp's conv2d (stride 1, padding 3, no bias)", Visibility = Visibility.Visible, Atol = 2.9e-6, TimeLimitSeconds = 30)]
    public static IReadOnlyDictionary<string, Tensor> Conv2d(CheckContext ctx) =>
        ConvOut(ctx, (x, w) => Convolution.Conv2d(x, w, null, 3));

    /// <summary>Both ways on a seeded random input with asymmetric kernels, a bias and padding 2; RAW outputs only.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>written [2, 4, 10, 12], library [2, 4, 10, 12].</returns>
    [Check(1, Description = "Convolution: the written-out cross-correlation equals conv2d on random input, asymmetric kernels and a bias", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 30, Derive = nameof(WrittenOutEqualsConv2dVerdict))]
    public static IReadOnlyDictionary<string, Tensor> WrittenOutEqualsConv2d(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var (x, w, b) = RandomLayer();
        return CheckKit.Results(("written", Convolution.CrossCorrelate(x, w, b, 2)), ("library", Convolution.Conv2d(x, w, b, 2)));
    }

    /// <summary>The trusted verdict of <see cref="WrittenOutEqualsConv2d"/>: agree (max |written − library| ≤ 1e-5) and matches_definition (both within 1e-5 of the grader's own conv2d).</summary>
    /// <param name="ctx">The grader's context (inputs only).</param>
    /// <param name="raw">The arrays the check returned.</param>
    /// <returns>The flags (1 = holds).</returns>
    public static IReadOnlyDictionary<string, Tensor> WrittenOutEqualsConv2dVerdict(CheckContext ctx, IReadOnlyDictionary<string, Tensor> raw)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(raw);
        using var scope = NewDisposeScope();
        var written = CheckKit.Raw(raw, "written", [2, 4, 10, 12], float32);
        var library = CheckKit.Raw(raw, "library", [2, 4, 10, 12], float32);
        var (x, w, b) = RandomLayer();
        var truth = nn.functional.conv2d(x, w, b, padding: [2, 2]);
        static bool Close(Tensor a, Tensor e) => (a - e).abs().max().item<float>() <= 1e-5f;
        return CheckKit.Results(("agree", CheckKit.Flag(Close(written, library))), ("matches_definition", CheckKit.Flag(Close(written, truth) && Close(library, truth))));
    }

    private static (Tensor X, Tensor W, Tensor B) RandomLayer()
    {
        using var generator = new Generator(31);
        return (randn([2, 3, 10, 12], generator: generator), randn([4, 3, 5, 5], generator: generator), randn([4], generator: generator));
    }

    private static IReadOnlyDictionary<string, Tensor> ConvOut(CheckContext ctx, Func<Tensor, Tensor, Tensor> layer)
    {
        using var scope = NewDisposeScope();
        var a = ctx.LoadInputs(CheckKit.Arguments);
        return CheckKit.Results(("convout", layer(a["conv_stimuli"], a["filters_t2"])));
    }
}
