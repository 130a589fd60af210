using static TorchSharp.torch;

namespace NeuroExercises.Week06.LearningRules;

/// <summary>
/// Replays stored draws in order (e.g. the noise stored in the checks' inputs, grader/weeks/Week06.LearningRules/inputs), checking each
/// draw's shape. Provided (not graded).
/// </summary>
public sealed class ReplayNoise : INoiseSource
{
    private readonly Queue<Tensor> draws;

    /// <summary>Creates the source from the draws in the order they are consumed.</summary>
    /// <param name="draws">The draws (not copied; the caller keeps them alive).</param>
    public ReplayNoise(IEnumerable<Tensor> draws) => this.draws = new Queue<Tensor>(draws);

    /// <summary>How many draws are left.</summary>
    public int Remaining => draws.Count;

    /// <inheritdoc />
    public Tensor Draw(params long[] shape)
    {
        if (!draws.TryDequeue(out var next))
        {
            throw new InvalidOperationException($"ReplayNoise: no draw left for shape [{string.Join(", ", shape)}]: the noise is consumed in a different order or amount than stored.");
        }

        if (!next.shape.SequenceEqual(shape))
        {
            throw new InvalidOperationException($"ReplayNoise: the next draw is [{string.Join(", ", next.shape)}], asked for [{string.Join(", ", shape)}]: the noise is consumed in a different order than stored.");
        }

        return next.to(float64).clone();
    }
}
