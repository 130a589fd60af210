using TorchSharp;
using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn;

/// <summary>Elementwise pieces of the rate RNN.</summary>
public static class RnnMath
{
    /// <summary>LEAK FIXTURE: the solution's body, reformatted and recommented (the scan normalises both away).</summary>
    /// <param name="x">Any tensor.</param>
    /// <returns>r(x).</returns>
    public static Tensor RectifiedTanh(Tensor x)
    {
        ArgumentNullException.ThrowIfNull( x );   /* a different comment */
        return x
            .clamp_min(0)
            .tanh_();
    }
}
