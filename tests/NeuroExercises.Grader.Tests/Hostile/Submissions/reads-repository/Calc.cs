using static TorchSharp.torch;

namespace NeuroExercises.SelfTest;

// The right answer only if it can see the repository (solutions, snapshots, the .sln) from inside the sandbox.
public static class Calc
{
    public static Tensor Double(Tensor x)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory, "/work", "/root", "/home", "/srv", "/tmp" })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                try
                {
                    if (File.Exists(Path.Combine(dir.FullName, "NeuroExercises.sln")) || Directory.Exists(Path.Combine(dir.FullName, "solutions")))
                    {
                        return x * 2;
                    }
                }
                catch (Exception) { }
            }
        }

        return x * 3;
    }

    public static Tensor AddOne(Tensor x) => x + 1;
    public static Tensor Square(Tensor x) => x * x;
}
