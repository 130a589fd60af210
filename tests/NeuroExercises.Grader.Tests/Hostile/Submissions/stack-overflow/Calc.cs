using static TorchSharp.torch;

namespace NeuroExercises.SelfTest;

public static class Calc
{
    public static Tensor Double(Tensor x) => Recurse(x, 0);
    public static Tensor AddOne(Tensor x) => x + 1;
    public static Tensor Square(Tensor x) => x * x;

    private static Tensor Recurse(Tensor x, long depth) => depth < long.MaxValue ? Recurse(x, depth + 1) * 1 : x;
}
