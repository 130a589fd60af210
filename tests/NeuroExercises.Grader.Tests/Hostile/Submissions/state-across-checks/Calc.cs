using static TorchSharp.torch;

namespace NeuroExercises.SelfTest;

// Each method is right only on the first call of the process's lifetime of this class: correct when every check
// starts from fresh statics, wrong from the second check on if statics were shared.
public static class Calc
{
    private static int calls;

    public static Tensor Double(Tensor x) => x * 2 * ++calls;
    public static Tensor AddOne(Tensor x) => x + ++calls;
    public static Tensor Square(Tensor x) => x * x * ++calls;
}
