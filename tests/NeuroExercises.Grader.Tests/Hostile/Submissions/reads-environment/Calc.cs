using static TorchSharp.torch;

namespace NeuroExercises.SelfTest;

// The right answer only if a variable of the grader's environment (set by the test) is visible to the child, in its own
// environment or in that of any process it can see.
public static class Calc
{
    public static Tensor Double(Tensor x)
    {
        if (Environment.GetEnvironmentVariable("NEURO_HOSTILE_SECRET") is { Length: > 0 })
        {
            return x * 2;
        }

        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "environ")).Contains("NEURO_HOSTILE_SECRET", StringComparison.Ordinal))
                {
                    return x * 2;
                }
            }
            catch (Exception)
            {
                // Not readable: as it should be.
            }
        }

        return x * 3;
    }

    public static Tensor AddOne(Tensor x) => x + 1;
    public static Tensor Square(Tensor x) => x * x;
}
