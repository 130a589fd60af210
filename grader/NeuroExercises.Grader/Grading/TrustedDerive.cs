using System.Reflection;
using System.Runtime.InteropServices;
using NeuroExercises.Core.Npy;
using NeuroExercises.Grader.Checks;
using NeuroExercises.Grader.Discovery;
using NeuroExercises.Grader.Records;
using static TorchSharp.torch;

namespace NeuroExercises.Grader.Grading;

/// <summary>
/// The trusted derive step, between the runner and the judge: for each completed check that declares
/// <see cref="CheckAttribute.Derive"/>, calls that method IN THIS PROCESS (the checks assembly is trusted; the student's
/// code is never loaded here) on the raw arrays the child returned, and replaces the raw outputs with what it returns.
/// The verdict of an invariant check (a flag) is thus computed here, out of reach of code that keeps running in the child
/// after its check returned. A derive step that throws turns the record into <see cref="RunStatus.DeriveFailed"/>
/// (the check scores 0 with the reason); it never stops the grade.
/// </summary>
internal static class TrustedDerive
{
    /// <summary>Applies the derive steps of <paramref name="checks"/> to <paramref name="runs"/> (same ids), in order.</summary>
    /// <param name="checksAssembly">The checks assembly, loaded in the grader's process.</param>
    /// <param name="checks">The checks (with their derive method names).</param>
    /// <param name="runs">The runner's records.</param>
    /// <param name="inputsDirectory">The week's inputs folder (for <see cref="CheckContext.LoadInputs"/>).</param>
    /// <returns>The records, derived where a check asks for it; others unchanged.</returns>
    public static IReadOnlyList<CheckRun> Apply(Assembly checksAssembly, IReadOnlyList<CheckSpec> checks, IReadOnlyList<CheckRun> runs, string inputsDirectory)
    {
        var byId = checks.ToDictionary(c => c.Id, StringComparer.Ordinal);
        return [.. runs.Select(r => byId.TryGetValue(r.Id, out var spec) ? ApplyOne(checksAssembly, spec, r, inputsDirectory) : r)];
    }

    /// <summary>As <see cref="Apply(Assembly, IReadOnlyList{CheckSpec}, IReadOnlyList{CheckRun}, string)"/>, loading the checks assembly at <paramref name="checksPath"/>.</summary>
    public static IReadOnlyList<CheckRun> Apply(string checksPath, IReadOnlyList<CheckSpec> checks, IReadOnlyList<CheckRun> runs, string inputsDirectory) =>
        checks.Any(c => c.DeriveMethodName is not null)
            ? ChecksAssembly.With(checksPath, a => Apply(a, checks, runs, inputsDirectory))
            : runs;

    /// <summary>Derives one record (unchanged when the check has no derive step or did not complete).</summary>
    public static CheckRun ApplyOne(Assembly checksAssembly, CheckSpec spec, CheckRun run, string inputsDirectory)
    {
        if (spec.DeriveMethodName is null || run.Status != RunStatus.Completed)
        {
            return run;
        }

        var where = $"{spec.ClassName}.{spec.DeriveMethodName}";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return run with { Outputs = Derive(checksAssembly, spec, run.Outputs, inputsDirectory) };
            }
            catch (Exception e) when (attempt < NativeAttempts && Inner(e) is ExternalException)
            {
                // A native libtorch error in this multi-threaded process can be a race, not the outputs: TorchSharp 0.107
                // passes an implicit Scalar's handle (e.g. the alpha = 1 of tensor + tensor) without keeping the Scalar
                // alive, so a GC that another thread triggers can finalize it during the call, and libtorch then reads a
                // freed value ("Expected false to be true" in Scalar::toFloat). The derive step is a pure function of the
                // arrays: run it again; an error the outputs cause comes back the same and is reported below.
            }
            catch (Exception e)
            {
                return Failed(spec, run, where, Inner(e));
            }
        }
    }

    /// <summary>Runs of a derive step that fails with a native (libtorch) error before the check scores 0.</summary>
    internal const int NativeAttempts = 3;

    private static Exception Inner(Exception e) => e is TargetInvocationException { InnerException: { } i } ? i : e;

    private static CheckRun Failed(CheckSpec spec, CheckRun run, string where, Exception inner)
    {
        var detail = $"check {spec.Id}: the grader's derive step {where} could not use the outputs the check returned "
            + $"({inner.GetType().Name}: {inner.Message}); the check scores 0. Run the check's code as given and return nothing else.";
        return run with { Status = RunStatus.DeriveFailed, Outputs = new Dictionary<string, NpyArray>(), Detail = detail };
    }

    private static IReadOnlyDictionary<string, NpyArray> Derive(Assembly checksAssembly, CheckSpec spec, IReadOnlyDictionary<string, NpyArray> raw, string inputsDirectory)
    {
        var type = checksAssembly.GetType(spec.ClassName, throwOnError: true)!;
        var method = type.GetMethod(spec.DeriveMethodName!, BindingFlags.Public | BindingFlags.Static)
            ?? throw new MissingMethodException(spec.ClassName, spec.DeriveMethodName);
        using var scope = NewDisposeScope();
        var tensors = raw.ToDictionary(kv => kv.Key, kv => kv.Value.ToTensor(), StringComparer.Ordinal);
        var context = new CheckContext(CPU, inputsDirectory);
        var derived = (IReadOnlyDictionary<string, Tensor>?)method.Invoke(null, [context, tensors])
            ?? throw new InvalidOperationException("the derive step returned null instead of a dictionary of tensors");
        return derived.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(kv => kv.Key, kv => NpyArray.FromTensor(kv.Value), StringComparer.Ordinal);
    }
}
