using static TorchSharp.torch;

namespace NeuroExercises.SelfTest;

// Returns a 400 MB tensor: refused in the child (over the outputs cap) with a message; nothing large is written.
public static class Calc
{
    public static Tensor Double(Tensor x) => zeros(100_000_000);
    public static Tensor AddOne(Tensor x) => x + 1;
    public static Tensor Square(Tensor x) => x * x;
}
