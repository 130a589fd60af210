using static TorchSharp.torch;

namespace NeuroExercises.SelfTest;

// Allocates managed memory until it runs out: the GC heap limit turns that into an OutOfMemoryException.
public static class Calc
{
    public static Tensor Double(Tensor x)
    {
        var hoard = new List<byte[]>();
        while (true)
        {
            hoard.Add(new byte[64 << 20]);
        }
    }

    public static Tensor AddOne(Tensor x) => x + 1;
    public static Tensor Square(Tensor x) => x * x;
}
