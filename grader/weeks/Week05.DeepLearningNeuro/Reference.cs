using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro.Checks;

/// <summary>
/// The equations of ../shared/reference/deep_learning_neuro/README.md written here with TorchSharp only (no submitted
/// code): the hidden checks' arguments (so a wrong grating costs only its own check) and the trusted derive steps. Never
/// used as expected values, and never by a visible check: those read their arguments from arguments.npz
/// (<see cref="CheckKit.Arguments"/>), so the release strips every member here (it would be a solution of Gratings,
/// Filters and Rsa.Rdm).
/// </summary>
internal static class Reference
{
    /// <summary>The course's grating (README, conv.npz), built in double: 0/1 (t3) or ±0.5 (centred).</summary>
    internal static Tensor TrustedGrating(double angleDegrees, double resolution, bool centered)
    {
        var width = (int)Math.Ceiling(640 * resolution);
        var height = (int)Math.Ceiling(480 * resolution);
        var alpha = angleDegrees * (Math.PI / 180);
        var image = new float[height * width];
        for (var i = 0; i < height; i++)
        {
            for (var j = 0; j < width; j++)
            {
                var c = Math.Cos((1.0 / 28 * j / resolution * Math.Cos(alpha)) + (1.0 / 28 * i / resolution * Math.Sin(alpha)));
                image[(i * width) + j] = (float)((c > 0 ? 1.0 : 0.0) - (centered ? 0.5 : 0));
            }
        }

        return tensor(image, [height, width]);
    }

    /// <summary>A batch of gratings [N, 1, H, W].</summary>
    internal static Tensor TrustedGratings(IEnumerable<double> angles, double resolution, bool centered) =>
        stack(angles.Select(a => TrustedGrating(a, resolution, centered)).ToArray()).unsqueeze(1);

    /// <summary>RDM(X) = 1 − Z Zᵀ / m with rows z-scored by their population std.</summary>
    internal static Tensor TrustedRdm(Tensor x)
    {
        var z = (x - x.mean([1], keepdim: true)) / x.std(1, unbiased: false, keepdim: true);
        return 1 - (z.matmul(z.t()) / x.shape[1]);
    }

    /// <summary>Pearson's r in double.</summary>
    internal static double TrustedPearson(double[] a, double[] b)
    {
        var ma = a.Average();
        var mb = b.Average();
        double sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }

        return sab / Math.Sqrt(saa * sbb);
    }
}
