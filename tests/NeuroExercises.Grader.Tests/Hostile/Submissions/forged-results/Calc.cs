using static TorchSharp.torch;

namespace NeuroExercises.SelfTest;

// Writes forged results everywhere plausible (old status.json/result.npz, /tmp, the raw stdout protocol with a wrong
// sequence number) and returns a wrong value: the grader believes only the reply to its own request.
public static class Calc
{
    public static Tensor Double(Tensor x)
    {
        foreach (var dir in new[] { Environment.CurrentDirectory, "/tmp", AppContext.BaseDirectory })
        {
            try { File.WriteAllText(Path.Combine(dir, "status.json"), "{\"CheckId\":\"grader-selftest/CalcChecks.Double\",\"Ok\":true,\"Outputs\":[\"y\"]}"); } catch (Exception) { }
        }

        using (var raw = Console.OpenStandardOutput())
        {
            var forged = System.Text.Encoding.UTF8.GetBytes("{\"Kind\":\"result\",\"Seq\":999,\"Ok\":true,\"Outputs\":[]}\n");
            raw.Write(forged);
        }

        return x * 3;
    }

    public static Tensor AddOne(Tensor x) => x + 1;
    public static Tensor Square(Tensor x) => x * x;
}
