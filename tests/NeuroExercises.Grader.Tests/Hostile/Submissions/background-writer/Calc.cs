using static TorchSharp.torch;

namespace NeuroExercises.SelfTest;

// Double is right but leaves a thread behind that keeps printing and changing a static: later checks still pass
// (each check has fresh statics; a few prints stay far below the output cap).
public static class Calc
{
    public static int Extra;

    public static Tensor Double(Tensor x)
    {
        new Thread(() => { for (var i = 0; i < 200; i++) { Extra = 1000; Console.Error.WriteLine("still here"); Thread.Sleep(10); } }) { IsBackground = true }.Start();
        return x * 2;
    }

    public static Tensor AddOne(Tensor x) => x + 1 + Extra;
    public static Tensor Square(Tensor x) => x * x + Extra;
}
