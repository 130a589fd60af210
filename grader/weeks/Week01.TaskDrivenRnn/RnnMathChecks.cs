using NeuroExercises.Week01.TaskDrivenRnn;
using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn.Checks;

/// <summary>Checks of <see cref="RnnMath"/>: the nonlinearity.</summary>
[WeekChecks(CheckKit.Week)]
public static class RnnMathChecks
{
    /// <summary>r(x) on a grid through zero, at extremes, on a 3-D tensor and in float64; the input must stay unchanged.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>grid, extremes, cube, float64, input_after (the argument after the call: the snapshot holds it unchanged).</returns>
    [Check(2, Description = "RnnMath.RectifiedTanh: tanh(x) for x > 0, 0 elsewhere (not |tanh x|), any shape and dtype", Visibility = Visibility.Visible, Atol = 1e-6, TimeLimitSeconds = 10, Hint = "tanh(x) where x > 0 and 0 elsewhere: not |tanh x| and not relu(x); keep the input's shape and dtype, and do not change the input in place (no tanh_ on x itself).")]
    [FeedbackPlot("grid", Title = "RectifiedTanh on x = −4 … 4", XLabel = "x", XStart = -4, XStep = 0.1, YLabel = "r(x)")]
    public static IReadOnlyDictionary<string, Tensor> RectifiedTanh(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var grid = arange(-40, 41, float32, ctx.Device) / 10f; // −4.0 … 4.0 in steps of 0.1, exact 0 at index 40
        var gridOut = RnnMath.RectifiedTanh(grid);
        var extremes = tensor(new float[] { -30f, -1e-6f, -0f, 0f, 1e-6f, 30f }, device: ctx.Device);
        var cube = grid[..60].reshape(3, 4, 5);
        var float64Grid = grid.to(float64);
        return CheckKit.Results(
            ("grid", gridOut),
            ("extremes", RnnMath.RectifiedTanh(extremes)),
            ("cube", RnnMath.RectifiedTanh(cube)),
            ("float64", RnnMath.RectifiedTanh(float64Grid)),
            ("input_after", grid));
    }
}
