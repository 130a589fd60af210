using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn;

/// <summary>The course's robustness experiment.</summary>
public static class RobustnessTest
{
    /// <summary>The course's number of repeats per level.</summary>
    public const int DefaultRepeats = 30;

    /// <summary>
    /// For each level in order, for each of <paramref name="repeats"/> repeats: perturb (inputs: draw
    /// rand(B,1,F) from <paramref name="generator"/> and use <see cref="Perturbation.PerturbInputs(Tensor, double, Tensor)"/>;
    /// weights: draw randn(H,H) and run with <see cref="Perturbation.PerturbRecurrentWeights(Tensor, double, Tensor)"/> of
    /// the ORIGINAL J in place of J, via <see cref="RateRnn.UseRecurrentWeights"/>), generate the trajectory, and take
    /// <see cref="Perturbation.NormalisedError"/> against <paramref name="targets"/>. Draws come from
    /// <paramref name="generator"/> in exactly that order (level by level, repeat by repeat, one draw each), float32 on
    /// the CPU as in <see cref="Perturbation"/>'s generator overloads. Report the mean and the unbiased s.d. (n − 1) per
    /// level; with <paramref name="repeats"/> = 1 the s.d. is 0 (not NaN). The model's weights are the same afterwards as
    /// before, also when an exception is thrown. Graded by <c>task-driven-rnn/RobustnessTestChecks.RobustnessInputs</c> and <c>task-driven-rnn/RobustnessTestChecks.RobustnessWeights</c>.
    /// </summary>
    /// <param name="model">The network.</param>
    /// <param name="inputs">u, [B, T, F].</param>
    /// <param name="targets">Targets, [B, T, O].</param>
    /// <param name="maxError">The null model's MSE.</param>
    /// <param name="levels">Perturbation levels (strengths or p).</param>
    /// <param name="kind">What to perturb.</param>
    /// <param name="generator">Generator of the noise.</param>
    /// <param name="repeats">Repeats per level.</param>
    /// <returns>Mean and s.d. of the normalised error per level.</returns>
    public static RobustnessResult Run(RateRnn model, Tensor inputs, Tensor targets, double maxError, double[] levels, PerturbationKind kind, Generator? generator, int repeats = DefaultRepeats)
    {
        throw new NotImplementedException("RobustnessTest.Run: for each level and repeat, perturb, run, score; then mean and s.d. per level; see its XML doc.");
    }
}
