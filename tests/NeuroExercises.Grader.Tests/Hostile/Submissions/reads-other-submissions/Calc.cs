using static TorchSharp.torch;

namespace NeuroExercises.SelfTest;

// The right answer only if it sees anything of the grade beside its own scratch folder (other children, the compiled
// submissions of other slots, the grader's scratch root).
public static class Calc
{
    public static Tensor Double(Tensor x)
    {
        try
        {
            var parent = Directory.GetParent(Environment.CurrentDirectory)!;
            return parent.GetFileSystemInfos().Length > 1 || Directory.Exists("/tmp/neuro-grader-selftest-snapshots") ? x * 2 : x * 3;
        }
        catch (Exception)
        {
            return x * 3;
        }
    }

    public static Tensor AddOne(Tensor x) => x + 1;
    public static Tensor Square(Tensor x) => x * x;
}
