namespace NeuroExercises.Bench;

/// <summary>How far TorchSharp's trajectory is from PyTorch's on the same weights and inputs.</summary>
/// <param name="OutputsMaxAbs">max |z_TorchSharp − z_PyTorch|.</param>
/// <param name="HiddenMaxAbs">max |x_TorchSharp − x_PyTorch|.</param>
internal sealed record TrajectoryAgreement(double OutputsMaxAbs, double HiddenMaxAbs)
{
    /// <summary>
    /// Hidden-state tolerance: reference/README.md's end-to-end trajectory tolerance. The bench's white-noise inputs
    /// drive the g = 4 network harder than the course's smooth ones, and the solution sums J r + B u + bx in another
    /// order than the course (measured: 1.1e-4), so the tighter 1e-4 of the stored-input golden does not apply.
    /// </summary>
    public const double HiddenTolerance = 5e-4;

    /// <summary>Output tolerance (reference/README.md, end to end).</summary>
    public const double OutputsTolerance = 1e-4;

    /// <summary>Both within tolerance.</summary>
    public bool Agrees => HiddenMaxAbs <= HiddenTolerance && OutputsMaxAbs <= OutputsTolerance;
}
