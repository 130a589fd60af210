using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro.Checks;

/// <summary>
/// The equations of ../shared/reference/deep_learning_neuro/README.md written here with TorchSharp only (no submitted
/// code): the arguments of the checks that grade one piece (so a wrong grating or filter costs only its own check) and
/// the trusted derive steps. Never used as expected values.
/// </summary>
internal static class Reference
{
    /// <summary>The course's grating (README, conv.npz), built in double: 0/1 (t3) or ±0.5 (centred).</summary>
    internal static Tensor Grating(double angleDegrees, double resolution, bool centered)
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
    internal static Tensor Gratings(IEnumerable<double> angles, double resolution, bool centered) =>
        stack(angles.Select(a => Grating(a, resolution, centered)).ToArray()).unsqueeze(1);

    /// <summary>The six 7 × 7 filters (README, conv.npz), in float32; zero-mean for the t2 set.</summary>
    internal static Tensor Filters(bool zeroMean)
    {
        const int k = 7;
        var g = Enumerable.Range(0, k).Select(i => i == k - 1 ? 3.5f : (float)((i * (7.0 / 6)) - 3.5)).ToArray();
        var grid = tensor(g);
        var x = grid.reshape(k, 1).expand(k, k);
        var y = grid.reshape(1, k).expand(k, k);
        var r = (x.square() + y.square()).sqrt();
        Tensor G(double s) => (-r / (float)(2 * s * s)).exp();
        var c = G(1.1) - (G(2.2) * 0.5f);
        var list = new List<Tensor> { c, -c };
        foreach (var deg in new[] { 0.0, 45, 90, 135 })
        {
            var t = deg * Math.PI / 180;
            list.Add(G(0.4 * 1.1) * ((((x * (float)Math.Cos(t)) + (y * (float)Math.Sin(t))) * (float)(2 * Math.PI) / 10f) + (float)(Math.PI / 2)).cos());
        }

        var f = stack(list);
        f = f / f.abs().amax([1, 2], keepdim: true);
        if (zeroMean)
        {
            f = f - f.mean([1, 2], keepdim: true);
        }

        return f.unsqueeze(1).contiguous();
    }

    /// <summary>RDM(X) = 1 − Z Zᵀ / m with rows z-scored by their population std.</summary>
    internal static Tensor Rdm(Tensor x)
    {
        var z = (x - x.mean([1], keepdim: true)) / x.std(1, unbiased: false, keepdim: true);
        return 1 - (z.matmul(z.t()) / x.shape[1]);
    }

    /// <summary>Pearson's r in double.</summary>
    internal static double Pearson(double[] a, double[] b)
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
