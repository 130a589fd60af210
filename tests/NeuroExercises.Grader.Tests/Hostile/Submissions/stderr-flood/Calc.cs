using static TorchSharp.torch;

namespace NeuroExercises.SelfTest;

public static class Calc
{
    public static Tensor Double(Tensor x)
    {
        var line = new string('e', 4000);
        for (var i = 0; i < 100_000; i++) { Console.Error.WriteLine(line); }
        return x * 2;
    }

    public static Tensor AddOne(Tensor x) => x + 1;
    public static Tensor Square(Tensor x) => x * x;
}
