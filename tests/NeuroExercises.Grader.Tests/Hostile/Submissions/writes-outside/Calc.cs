using static TorchSharp.torch;

namespace NeuroExercises.SelfTest;

// The right answer only if it can write anywhere outside its scratch folder that the host would see.
public static class Calc
{
    public static Tensor Double(Tensor x)
    {
        var wrote = false;
        foreach (var dir in new[] { AppContext.BaseDirectory, "/usr/lib", "/etc", "/root", "/work", Path.GetDirectoryName(Environment.CurrentDirectory)! })
        {
            try { File.WriteAllText(Path.Combine(dir, "neuro-hostile-marker"), "x"); wrote = true; } catch (Exception) { }
        }

        return wrote ? x * 2 : x * 3;
    }

    public static Tensor AddOne(Tensor x) => x + 1;
    public static Tensor Square(Tensor x) => x * x;
}
