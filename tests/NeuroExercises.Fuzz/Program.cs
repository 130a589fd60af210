using NeuroExercises.Core;
using NeuroExercises.Core.Tests.Hardening;
using SharpFuzz;

namespace NeuroExercises.Fuzz;

/// <summary>
/// <c>dotnet NeuroExercises.Fuzz.dll &lt;mat|npy|npz|idx|pth&gt;</c> under afl-fuzz: feeds each input to one reader.
/// A crash is any exception other than <see cref="DataFormatException"/>, or a read that allocates more managed memory
/// than <see cref="ReaderTargets.AllocationBound"/>; a hang is caught by afl-fuzz's -t.
/// With <c>--replay FILE…</c> it runs the files once each and prints what happened (to turn crashes into fixtures); run
/// replays from a build that is not instrumented: instrumented Core code may only run inside the fuzzer's callback.
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    /// <param name="args">The reader, then optionally --replay and files.</param>
    /// <returns>0, or 2 on a usage error, 1 when a replayed file breaks the contract.</returns>
    public static int Main(string[] args)
    {
        string[] readers = ["mat", "npy", "npz", "idx", "pth", "cifar"];
        if (args.Length < 1 || !readers.Contains(args[0]))
        {
            Console.Error.WriteLine($"usage: NeuroExercises.Fuzz <{string.Join("|", readers)}> [--replay FILE…]");
            return 2;
        }

        if (args.Length > 1 && args[1] == "--replay")
        {
            var read = ReaderTargets.All[args[0]];
            var failed = 0;
            foreach (var file in args.Skip(2))
            {
                try
                {
                    Run(read, File.ReadAllBytes(file), e => Console.WriteLine($"{file}: refused: {e.Message}{(e.InnerException is null ? "" : $"\n  inner: {e.InnerException}")}"));
                    Console.WriteLine($"{file}: ok");
                }
                catch (Exception e)
                {
                    failed++;
                    Console.WriteLine($"{file}: {e.GetType().FullName}: {e.Message}");
                }
            }

            return failed == 0 ? 0 : 1;
        }

        // Out of process: a hang (afl-fuzz -t) or a stack overflow ends one child, not the fuzzing session.
        // Nothing from the instrumented Core may run before the fuzzer has set up its shared memory, ReaderTargets'
        // static initialiser included: look the reader up inside the callback.
        var name = args[0];
        if (name == "pth")
        {
            // Load libtorch (not instrumented) before the first input: otherwise the first input of every fresh
            // child process pays seconds of native start-up and afl-fuzz counts it as a hang.
            using var warm = TorchSharp.torch.zeros(1);
        }

        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            Run(ReaderTargets.All[name], copy.ToArray());
        });
        return 0;
    }

    private static void Run(Action<byte[], DataReadLimits> read, byte[] bytes, Action<DataFormatException>? refused = null)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            read(bytes, ReaderTargets.Strict);
        }
        catch (DataFormatException e)
        {
            // The promised refusal.
            refused?.Invoke(e);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var bound = ReaderTargets.AllocationBound(bytes.Length, ReaderTargets.Strict);
        if (allocated > bound)
        {
            throw new InvalidOperationException($"a {bytes.Length}-byte input allocated {allocated} bytes, over the bound {bound}");
        }
    }
}
