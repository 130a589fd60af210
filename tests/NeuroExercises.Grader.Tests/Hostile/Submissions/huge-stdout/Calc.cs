using static TorchSharp.torch;

namespace NeuroExercises.SelfTest;

public static class Calc
{
    public static Tensor Double(Tensor x)
    { var line = new string((char)120, 1000); for (var i = 0; i < 20000; i++) { Console.WriteLine(line); } return x * 2; }

    public static Tensor AddOne(Tensor x) => x + 1;

    public static Tensor Square(Tensor x) => x * x;
}
