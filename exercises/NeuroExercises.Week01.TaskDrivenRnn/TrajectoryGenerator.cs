using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn;

/// <summary>Runs a network over a batch of conditions.</summary>
public static class TrajectoryGenerator
{
    /// <summary>
    /// The course's generate_trajectory: from x₀ = 0, step the network over t = 0..T−1 without gradients,
    /// keeping z_t and x_t after each step. Inputs are moved to the model's device.
    /// Graded by <c>task-driven-rnn/TrajectoryGeneratorChecks.SmallChaotic</c>, <c>task-driven-rnn/TrajectoryGeneratorChecks.FullChaotic</c> and <c>task-driven-rnn/TrajectoryGeneratorChecks.FullEdge</c> (absolute tolerances; trajectories cross zero).
    /// </summary>
    /// <param name="model">The network.</param>
    /// <param name="inputs">u, [batch, T, I].</param>
    /// <returns>Outputs [batch, T, O] and hidden states [batch, T, H].</returns>
    public static Trajectory Generate(RateRnn model, Tensor inputs)
    {
        throw new NotImplementedException("TrajectoryGenerator.Generate: step the model over time from a zero hidden state and stack outputs and hidden states; see its XML doc.");
    }
}
