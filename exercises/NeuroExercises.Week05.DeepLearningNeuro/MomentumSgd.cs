using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro;

/// <summary>
/// SGD with momentum as PyTorch's optim.SGD (no dampening, no Nesterov, no weight decay): per parameter, v = g at the
/// first step and v ← μ v + g afterwards; θ ← θ − lr · v, in place, from the gradients the last backward pass left in
/// each parameter's <c>grad</c>.
/// </summary>
/// <param name="parameters">The leaves to update (they must require gradients).</param>
/// <param name="learningRate">lr.</param>
/// <param name="momentum">μ.</param>
public sealed class MomentumSgd(IReadOnlyList<Tensor> parameters, double learningRate, double momentum) : IDisposable
{
    private readonly Tensor?[] velocity = new Tensor?[parameters?.Count ?? 0];

    /// <summary>The parameters.</summary>
    public IReadOnlyList<Tensor> Parameters { get; } = parameters ?? throw new ArgumentNullException(nameof(parameters));

    /// <summary>lr.</summary>
    public double LearningRate { get; } = learningRate;

    /// <summary>μ.</summary>
    public double Momentum { get; } = momentum;

    /// <summary>Sets every parameter's gradient to zero (before a backward pass).</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters)
        {
            p.grad?.zero_();
        }
    }

    /// <summary>
    /// One step: v ← μ v + g (v = g the first time), θ ← θ − lr · v, for every parameter with a gradient. The velocities
    /// live from step to step: a step called inside a caller's <c>NewDisposeScope</c> must keep them out of it
    /// (<c>DetachFromDisposeScope()</c>), or the next step reads a disposed tensor.
    /// </summary>
    /// <remarks>
    /// Graded by <c>deep-learning-neuro/TiltCnnChecks.TrainThreeSteps</c> (μ = 0.99) and
    /// <c>deep-learning-neuro/EncodingModelChecks.TrainThreeSteps</c> (μ = 0.9): the weights after 1 and 3 steps.
    /// </remarks>
    public void Step()
    {
        throw new NotImplementedException("MomentumSgd.Step: under no_grad, keep one velocity per parameter (a clone of g at the first step) and move θ by −lr·v; see its XML doc.");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var v in velocity)
        {
            v?.Dispose();
        }
    }
}
