using NeuroExercises.Grader.Checks;
using NeuroExercises.SelfTest;
using static TorchSharp.torch;

namespace NeuroExercises.SelfTest.Checks;

/// <summary>The grader's self-test week: three one-line checks with short time limits.</summary>
[WeekChecks("grader-selftest")]
public static class CalcChecks
{
    [Check(1, Description = "Calc.Double", TimeLimitSeconds = 2)]
    public static IReadOnlyDictionary<string, Tensor> Double(CheckContext ctx) =>
        new Dictionary<string, Tensor> { ["y"] = Calc.Double(tensor(new float[] { 1, 2, 3 })) };

    [Check(2, Description = "Calc.AddOne", TimeLimitSeconds = 2, Visibility = Visibility.Hidden)]
    [Tolerance("y", 1e-3, CudaAtol = 5e-3)]
    public static IReadOnlyDictionary<string, Tensor> AddOne(CheckContext ctx) =>
        new Dictionary<string, Tensor> { ["y"] = Calc.AddOne(tensor(new float[] { 1, 2, 3 })) };

    [Check(3, Description = "Calc.Square", TimeLimitSeconds = 2, Rtol = 1e-5)]
    public static IReadOnlyDictionary<string, Tensor> Square(CheckContext ctx) =>
        new Dictionary<string, Tensor> { ["y"] = Calc.Square(tensor(new double[] { 1, 2, 3 })) };
}
