namespace NeuroExercises.Week01.TaskDrivenRnn;

/// <summary>The course's unregularised network: strong recurrence (g = 4), trained on the MSE alone.</summary>
public sealed class UnregularizedRNN : RateRnn
{
    /// <summary>The course's default gain g.</summary>
    public const double DefaultG = 4.0;

    /// <summary>Creates the network with the course's initialisation.</summary>
    /// <param name="inputSize">Inputs per step.</param>
    /// <param name="hiddenSize">Hidden units.</param>
    /// <param name="outputSize">Outputs per step.</param>
    /// <param name="g">Recurrent gain.</param>
    /// <param name="h">Input gain.</param>
    /// <param name="tauOverDt">τ/dt.</param>
    public UnregularizedRNN(int inputSize = 16, int hiddenSize = 150, int outputSize = 2, double g = DefaultG, double h = 1.0, double tauOverDt = 5)
        : base(nameof(UnregularizedRNN), inputSize, hiddenSize, outputSize, g, h, tauOverDt)
    {
    }

    /// <summary>Creates the network from given weights.</summary>
    /// <param name="weights">Weights to copy.</param>
    /// <param name="tauOverDt">τ/dt.</param>
    public UnregularizedRNN(RnnWeights weights, double tauOverDt = 5) : base(nameof(UnregularizedRNN), weights, tauOverDt)
    {
    }
}
