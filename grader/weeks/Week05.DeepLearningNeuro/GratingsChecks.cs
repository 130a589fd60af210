using NeuroExercises.Week05.DeepLearningNeuro;
using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro.Checks;

/// <summary>Checks of <see cref="Gratings"/>: the course's full-field and patch gratings at both resolutions, centred and not.</summary>
[WeekChecks(CheckKit.Week)]
public static class GratingsChecks
{
    /// <summary>The gratings of conv.npz.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>stimuli [5, 1, 48, 64], grating_t3 [5, 48, 64], grating_patch_t2, grating_patch_t3 [3, 48, 64], grating_stimuli [60, 1, 12, 16].</returns>
    [Check(2, Description = "Gratings.Grating: square waves of arg = X cos α + Y sin α (X = f·j/ρ, built in double), patches (α + 0.1, grey outside radius 640ρ/6), centred or not", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 30,
        Hint = "Degrees to radians first; a pixel is 1 where cos(arg) > 0; the patch is centred at column 0.75·W, row H/2.")]
    public static IReadOnlyDictionary<string, Tensor> Images(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var c = ctx.LoadInputs(CheckKit.Conv);
        var orientations = CheckKit.Doubles(c["orientations"]);
        var patches = CheckKit.Doubles(c["patch_orientations"]);
        return CheckKit.Results(
            ("stimuli", stack(orientations.Select(a => Gratings.Grating(a, 0.1, centered: true)).ToArray()).unsqueeze(1)),
            ("grating_t3", stack(CheckKit.Doubles(c["t3_orientations"]).Select(a => Gratings.Grating(a, 0.1)).ToArray())),
            ("grating_patch_t2", stack(patches.Select(a => Gratings.Grating(a, 0.1, patch: true, centered: true)).ToArray())),
            ("grating_patch_t3", stack(patches.Select(a => Gratings.Grating(a, 0.1, patch: true)).ToArray())),
            ("grating_stimuli", stack(CheckKit.Doubles(c["encoding_orientations"]).Select(a => Gratings.Grating(a, 0.025, centered: true)).ToArray()).unsqueeze(1)));
    }
}
