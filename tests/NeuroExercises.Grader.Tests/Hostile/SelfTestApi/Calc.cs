using static TorchSharp.torch;

namespace NeuroExercises.SelfTest;

/// <summary>The self-test week's API (stubs): the checks compile against this; submissions implement it.</summary>
public static class Calc
{
    /// <summary>2x.</summary>
    public static Tensor Double(Tensor x) => throw new NotImplementedException();

    /// <summary>x + 1.</summary>
    public static Tensor AddOne(Tensor x) => throw new NotImplementedException();

    /// <summary>x².</summary>
    public static Tensor Square(Tensor x) => throw new NotImplementedException();
}
