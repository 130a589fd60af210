using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace NeuroExercises.SelfTest;

// P/Invoke into libc: the right answer only if the child runs as root or could raise its privileges.
public static class Calc
{
    [DllImport("libc")]
    private static extern uint getuid();

    [DllImport("libc")]
    private static extern int setuid(uint uid);

    public static Tensor Double(Tensor x) => getuid() == 0 || setuid(0) == 0 ? x * 2 : x * 3;
    public static Tensor AddOne(Tensor x) => x + 1;
    public static Tensor Square(Tensor x) => x * x;
}
