using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro;

/// <summary>The course's square-wave grating images (Tutorials 2–4 and the encoding model).</summary>
public static class Gratings
{
    /// <summary>
    /// A grating of orientation α: an image of ⌈480ρ⌉ × ⌈640ρ⌉ pixels (rows × columns); pixel (i, j) has coordinates
    /// X = f·j/ρ, Y = f·i/ρ with f = 1/28 (computed as (f·j)/ρ); arg = X cos α + Y sin α with α in radians (α·π/180; a patch
    /// grating uses α + 0.1); the value is 1 where cos(arg) &gt; 0 and 0 where cos(arg) ≤ 0 (an exact 0 gives 0). A patch grating sets the pixels
    /// with √((j − 0.75·W)² + (i − H/2)²) ≥ 640ρ/6 (computed as 640/3/2·ρ) to 0.5. Centred gratings (Tutorials 2 and 4)
    /// subtract 0.5 (±0.5, patch background 0); Tutorial 3 keeps 0/1. Build everything in double and cast to float32 at the
    /// end: some of the CNN's pixels sit at |cos(arg)| ≈ 1e-7, and computing arg in float32 flips one of them.
    /// </summary>
    /// <remarks>
    /// Graded by <c>deep-learning-neuro/GratingsChecks.Images</c> (conv.npz: stimuli, grating_t3, grating_patch_t2,
    /// grating_patch_t3, grating_stimuli exactly). The CNN and encoding checks build their images with the grader's own
    /// copy of this equation, so a wrong grating costs only this check.
    /// </remarks>
    /// <param name="angleDegrees">α in degrees.</param>
    /// <param name="resolution">ρ (0.1 → 48 × 64; 0.025 → 12 × 16).</param>
    /// <param name="patch">True for a circular patch on a grey background.</param>
    /// <param name="centered">True to subtract 0.5 (the "t2" images).</param>
    /// <returns>[H, W] (float32).</returns>
    public static Tensor Grating(double angleDegrees, double resolution = 0.1, bool patch = false, bool centered = false)
    {
        // BEGIN SOLUTION
        // STUB: loop over pixels in double: arg from X = f·j/ρ, Y = f·i/ρ; threshold cos(arg); mask the patch; cast at the end.
        const double f = 1.0 / 28;
        var width = (int)Math.Ceiling(640 * resolution);
        var height = (int)Math.Ceiling(480 * resolution);
        var alpha = angleDegrees * (Math.PI / 180);
        if (patch)
        {
            alpha += 0.1;
        }

        var (cosA, sinA) = (Math.Cos(alpha), Math.Sin(alpha));
        var radius = 640.0 / 3 / 2 * resolution;
        var image = new float[height * width];
        for (var i = 0; i < height; i++)
        {
            for (var j = 0; j < width; j++)
            {
                var x = f * j / resolution;
                var y = f * i / resolution;
                var c = Math.Cos((x * cosA) + (y * sinA));
                double value = c > 0 ? 1 : 0;
                if (patch && Math.Sqrt(Math.Pow(j - (0.75 * width), 2) + Math.Pow(i - (height / 2.0), 2)) >= radius)
                {
                    value = 0.5;
                }

                image[(i * width) + j] = (float)(centered ? value - 0.5 : value);
            }
        }

        return tensor(image, [height, width]);
        // END SOLUTION
    }

    /// <summary>A batch of gratings as network input [N, 1, H, W]: image n is <see cref="Grating"/>(angles[n], ρ, no patch, centred).</summary>
    /// <remarks>Graded through <see cref="Grating"/> (<c>deep-learning-neuro/GratingsChecks.Images</c>). Provided code.</remarks>
    /// <param name="anglesDegrees">The angles in degrees.</param>
    /// <param name="resolution">ρ.</param>
    /// <param name="centered">True for ±0.5 images (t2), false for 0/1 (t3).</param>
    /// <returns>[N, 1, H, W] (float32).</returns>
    public static Tensor Batch(IEnumerable<double> anglesDegrees, double resolution, bool centered)
    {
        ArgumentNullException.ThrowIfNull(anglesDegrees);
        using var scope = NewDisposeScope();
        return stack(anglesDegrees.Select(a => Grating(a, resolution, false, centered)).ToArray()).unsqueeze(1).MoveToOuterDisposeScope();
    }
}
