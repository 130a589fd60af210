using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn;

/// <summary>The course's perturbations and its error measure.</summary>
public static class Perturbation
{
    /// <summary>
    /// Input perturbation: ũ = u + n · strength · ‖u_t‖₂, where ‖u_t‖₂ is the L2 norm over features at each
    /// step ([B, T, 1]) and n the given uniform noise [B, 1, F] (one draw per sequence and feature, shared
    /// over time). Graded by <c>task-driven-rnn/PerturbationChecks.PerturbInputs</c>.
    /// </summary>
    /// <param name="inputs">u, [B, T, F].</param>
    /// <param name="strength">Perturbation strength.</param>
    /// <param name="uniformNoise">n ~ U[0, 1), [B, 1, F].</param>
    /// <returns>The perturbed inputs [B, T, F].</returns>
    public static Tensor PerturbInputs(Tensor inputs, double strength, Tensor uniformNoise)
    {
        throw new NotImplementedException("Perturbation.PerturbInputs: u + noise · strength · ‖u_t‖₂ (norm over features, keepdim); see its XML doc.");
    }

    /// <summary>
    /// Input perturbation drawing its own noise: n = torch.rand(B, 1, F, generator) then as
    /// <see cref="PerturbInputs(Tensor, double, Tensor)"/>. The draw is float32 on torch's default device (the CPU: pass a
    /// CPU generator or null), one call for the whole [B, 1, F] tensor; the noise is then moved to the inputs' device.
    /// </summary>
    /// <param name="inputs">u, [B, T, F].</param>
    /// <param name="strength">Perturbation strength.</param>
    /// <param name="generator">Generator to draw from (null: torch's default).</param>
    /// <returns>The perturbed inputs.</returns>
    public static Tensor PerturbInputs(Tensor inputs, double strength, Generator? generator)
    {
        throw new NotImplementedException("Perturbation.PerturbInputs: draw rand(B, 1, F) and perturb; see its XML doc.");
    }

    /// <summary>
    /// Weight perturbation: J̃ = J + n · (p · mean|J|) with n standard normal noise of J's shape.
    /// Graded by <c>task-driven-rnn/PerturbationChecks.PerturbWeights_H10</c> and <c>task-driven-rnn/PerturbationChecks.PerturbWeights_H150</c>.
    /// </summary>
    /// <param name="j">J, [H, H].</param>
    /// <param name="p">Relative strength.</param>
    /// <param name="normalNoise">n ~ N(0, 1), [H, H].</param>
    /// <returns>The perturbed weights (J is not changed).</returns>
    public static Tensor PerturbRecurrentWeights(Tensor j, double p, Tensor normalNoise)
    {
        throw new NotImplementedException("Perturbation.PerturbRecurrentWeights: J + noise · p · mean|J|; see its XML doc.");
    }

    /// <summary>
    /// Weight perturbation drawing n = torch.randn(H, H, generator) itself: float32 on torch's default device (the CPU:
    /// pass a CPU generator or null), one call for the whole [H, H] tensor, then as
    /// <see cref="PerturbRecurrentWeights(Tensor, double, Tensor)"/>.
    /// </summary>
    /// <param name="j">J, [H, H].</param>
    /// <param name="p">Relative strength.</param>
    /// <param name="generator">Generator to draw from (null: torch's default).</param>
    /// <returns>The perturbed weights.</returns>
    public static Tensor PerturbRecurrentWeights(Tensor j, double p, Generator? generator)
    {
        throw new NotImplementedException("Perturbation.PerturbRecurrentWeights: draw randn like J and perturb; see its XML doc.");
    }

    /// <summary>
    /// The course's normalised error: 100 · mse(predicted, target) / maxError, in percent, with mse the mean of the
    /// squared differences over every element. The mse is computed in float32 (both tensors cast to float32, as the
    /// course's torch code) and read out as a float; the scaling 100 · mse / maxError is done in double.
    /// Graded by <c>task-driven-rnn/PerturbationChecks.NormalisedError</c>.
    /// </summary>
    /// <param name="predicted">Network outputs.</param>
    /// <param name="target">Targets of the same shape.</param>
    /// <param name="maxError">The null model's MSE (<see cref="PreparedDataset.MaxError"/>).</param>
    /// <returns>The error in percent.</returns>
    public static double NormalisedError(Tensor predicted, Tensor target, double maxError)
    {
        throw new NotImplementedException("Perturbation.NormalisedError: 100 · mse / maxError; see its XML doc.");
    }
}
