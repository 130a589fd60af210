using System.Reflection;
using static TorchSharp.torch;

namespace NeuroExercises.SelfTest;

// Reflects into the grader's types loaded in its own process (the child) looking for a path to the snapshots it could
// read; none is reachable from the sandbox, and the verdict is the parent's anyway.
public static class Calc
{
    public static Tensor Double(Tensor x)
    {
        var found = false;
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            foreach (var type in SafeTypes(assembly).Where(t => t.FullName?.Contains("Grader", StringComparison.Ordinal) == true))
            {
                foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public))
                {
                    try
                    {
                        // A path to snapshots reachable from here would be a leak; the names of things are not.
                        var value = field.GetValue(null)?.ToString() ?? "";
                        found |= value.Length > 0 && (File.Exists(value) && value.EndsWith(".expected.npz", StringComparison.Ordinal)
                            || Directory.Exists(value) && Directory.EnumerateFiles(value, "*.expected.npz", SearchOption.AllDirectories).Any());
                    }
                    catch (Exception) { }
                }
            }
        }

        return found ? x * 2 : x * 3;
    }

    public static Tensor AddOne(Tensor x) => x + 1;
    public static Tensor Square(Tensor x) => x * x;

    private static Type[] SafeTypes(Assembly a) { try { return a.GetTypes(); } catch (Exception) { return []; } }
}
