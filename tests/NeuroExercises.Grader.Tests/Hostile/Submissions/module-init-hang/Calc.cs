using System.Runtime.CompilerServices;
using static TorchSharp.torch;

namespace NeuroExercises.SelfTest;

// Hangs while the submission loads: the handshake never comes, every check scores 0 within seconds.
internal static class Init
{
    [ModuleInitializer]
    internal static void Hang() { while (true) { } }
}

public static class Calc
{
    public static Tensor Double(Tensor x) => x * 2;
    public static Tensor AddOne(Tensor x) => x + 1;
    public static Tensor Square(Tensor x) => x * x;
}
