using TorchSharp;
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
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.dim() != 3)
        {
            throw new ArgumentException($"inputs: expected [batch, T, I], got [{string.Join(", ", inputs.shape)}]; add a batch axis with unsqueeze(0).", nameof(inputs));
        }

        using var outer = NewDisposeScope();
        using var noGrad = inference_mode();
        var weights = model.Weights;
        var device = weights.J.device;
        long batch = inputs.shape[0], steps = inputs.shape[1], inputSize = inputs.shape[2];
        var hiddenSize = weights.J.shape[0];
        if (inputSize != weights.B.shape[1])
        {
            throw new ArgumentException($"inputs: {inputSize} features per step, the model's B expects {weights.B.shape[1]}.", nameof(inputs));
        }

        var gain = 1.0 / model.TauOverDt;
        var decay = 1.0 - gain;

        // Time-major: u [T, B, I] → the scaled input drive (1/τ)(B u_t + bx) of every step in one addmm, [T, B, H].
        // Each step then turns its slice into x_t in place: x_t = (1 − 1/τ) x_{t−1} + (1/τ)(J r(x_{t−1}) + B u_t + bx).
        var u = inputs.to(float32, device).transpose(0, 1).reshape(steps * batch, inputSize);
        var hidden = addmm(weights.Bx, u, weights.B.t(), beta: (float)gain, alpha: (float)gain).view(steps, batch, hiddenSize);
        var jT = weights.J.t();
        var rate = zeros(batch, hiddenSize, float32, device);
        var hiddenSteps = hidden.unbind(0);
        using (var zero = 0.0.ToScalar())
        using (var decayScalar = decay.ToScalar())
        {
            Tensor? x = null;
            for (var t = 0; t < steps; t++)
            {
                using var step = NewDisposeScope();
                var xt = hiddenSteps[t];
                if (x is not null)
                {
                    // r(x_{t−1}) into the preallocated buffer (x_0 = 0 gives r = 0 and no decay term).
                    rate.copy_(x).clamp_min_(zero).tanh_();
                    xt.addmm_(rate, jT, beta: 1f, alpha: (float)gain);
                    xt.add_(x, decayScalar);
                }

                x = xt;
            }
        }

        // Outputs of all steps in one addmm: z = W r(x_t) + c.
        var rates = hidden.view(steps * batch, hiddenSize).clamp_min(0).tanh_();
        var outputs = addmm(weights.C, rates, weights.W.t(), beta: 1, alpha: 1).view(steps, batch, -1);
        var result = new Trajectory(
            outputs.transpose(0, 1).contiguous().MoveToOuterDisposeScope(),
            hidden.transpose(0, 1).contiguous().MoveToOuterDisposeScope());
        return result;
    }
}
