using static TorchSharp.torch;

namespace NeuroExercises.SelfTest;

public static class Calc
{
    public static Tensor Double(Tensor x) => x * float.NaN;
    public static Tensor AddOne(Tensor x) => x + float.PositiveInfinity;
    public static Tensor Square(Tensor x) => x * x;
}
