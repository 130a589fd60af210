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
            var block = new byte[64 << 20];
            block.AsSpan().Fill(1);
            hoard.Add(block);
        }
    }

    public static Tensor AddOne(Tensor x) => x + 1;
    public static Tensor Square(Tensor x) => x * x;
}
