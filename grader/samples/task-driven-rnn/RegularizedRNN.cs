namespace NeuroExercises.Week01.TaskDrivenRnn;

/// <summary>The course's regularised network: weaker recurrence (g = 1.5), trained with weight and rate penalties.</summary>
public sealed class RegularizedRNN : RateRnn
{
    /// <summary>The course's default gain g.</summary>
    public const double DefaultG = 1.5;

    /// <summary>Creates the network with the course's initialisation.</summary>
    /// <param name="inputSize">Inputs per step.</param>
    /// <param name="hiddenSize">Hidden units.</param>
    /// <param name="outputSize">Outputs per step.</param>
    /// <param name="g">Recurrent gain.</param>
    /// <param name="h">Input gain.</param>
    /// <param name="tauOverDt">τ/dt.</param>
    public RegularizedRNN(int inputSize = 16, int hiddenSize = 150, int outputSize = 2, double g = DefaultG, double h = 1.0, double tauOverDt = 5)
        : base(nameof(RegularizedRNN), inputSize, hiddenSize, outputSize, g, h, tauOverDt)
    {
    }

    /// <summary>Creates the network from given weights.</summary>
    /// <param name="weights">Weights to copy.</param>
    /// <param name="tauOverDt">τ/dt.</param>
    public RegularizedRNN(RnnWeights weights, double tauOverDt = 5) : base(nameof(RegularizedRNN), weights, tauOverDt)
    {
    }
}
