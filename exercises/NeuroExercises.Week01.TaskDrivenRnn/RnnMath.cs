using TorchSharp;
using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn;

/// <summary>Elementwise pieces of the rate RNN.</summary>
public static class RnnMath
{
    /// <summary>
    /// The rectified tanh nonlinearity of the course's code: r(x) = tanh(x) where x &gt; 0, else 0.
    /// (The tutorial's prose says |tanh x|; its code, which is the ground truth, rectifies.)
    /// Shape in = shape out. Graded by <c>task-driven-rnn/RnnMathChecks.RectifiedTanh</c>.
    /// </summary>
    /// <param name="x">Any tensor.</param>
    /// <returns>A new tensor r(x), same shape, dtype and device as <paramref name="x"/>.</returns>
    public static Tensor RectifiedTanh(Tensor x)
    {
        throw new NotImplementedException("RnnMath.RectifiedTanh: write r(x) = tanh(x) for x > 0, else 0; see its XML doc.");
    }
}
