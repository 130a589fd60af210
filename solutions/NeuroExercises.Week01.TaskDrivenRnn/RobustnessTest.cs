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
        // BEGIN SOLUTION
        // STUB: for each level and repeat, perturb, run, score; then mean and s.d. per level.
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        var j = model.Weights.J;
        var mean = new double[levels.Length];
        var sd = new double[levels.Length];
        for (var l = 0; l < levels.Length; l++)
        {
            var errors = new double[repeats];
            for (var r = 0; r < repeats; r++)
            {
                using var scope = NewDisposeScope();
                Trajectory run;
                if (kind == PerturbationKind.Inputs)
                {
                    var noise = rand(inputs.shape[0], 1, inputs.shape[2], generator: generator);
                    run = TrajectoryGenerator.Generate(model, Perturbation.PerturbInputs(inputs, levels[l], noise));
                }
                else
                {
                    var noise = randn(j.shape[0], j.shape[1], generator: generator);
                    var perturbed = Perturbation.PerturbRecurrentWeights(j, levels[l], noise);
                    using (model.UseRecurrentWeights(perturbed))
                    {
                        run = TrajectoryGenerator.Generate(model, inputs);
                    }
                }

                errors[r] = Perturbation.NormalisedError(run.Outputs, targets, maxError);
            }

            mean[l] = errors.Average();
            sd[l] = repeats > 1 ? Math.Sqrt(errors.Sum(e => (e - mean[l]) * (e - mean[l])) / (repeats - 1)) : 0;
        }

        return new RobustnessResult((double[])levels.Clone(), mean, sd);
        // END SOLUTION
    }
}
