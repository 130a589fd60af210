using System.Reflection;
using NeuroExercises.Grader.Checks;

namespace NeuroExercises.Grader.Discovery;

/// <summary>Everything the grader knows about one check before running it (no code of the submission is involved).</summary>
/// <param name="Id">week/Class.Method, used unchanged everywhere.</param>
/// <param name="Week">The week id.</param>
/// <param name="ClassName">Full name of the declaring class (for the runner child).</param>
/// <param name="MethodName">The method name.</param>
/// <param name="Points">Points for a pass (&gt; 0).</param>
/// <param name="Visibility">When the student sees the result.</param>
/// <param name="Tolerances">Tolerances per output and device.</param>
/// <param name="TimeLimit">Wall-clock limit of the check.</param>
/// <param name="Description">What the check grades.</param>
internal sealed record CheckSpec(
    string Id,
    string Week,
    string ClassName,
    string MethodName,
    double Points,
    Visibility Visibility,
    DeviceTolerances Tolerances,
    TimeSpan TimeLimit,
    string Description)
{
    /// <summary>Class.Method: the snapshot file stem.</summary>
    public string ShortName => Id[(Week.Length + 1)..];

    /// <summary>Builds the spec of a method marked <see cref="CheckAttribute"/>.</summary>
    public static CheckSpec FromMethod(string week, MethodInfo method, CheckAttribute check, IEnumerable<ToleranceAttribute> overrides)
    {
        var type = method.DeclaringType!;
        var id = $"{week}/{type.Name}.{method.Name}";
        if (!(check.Points > 0) || double.IsInfinity(check.Points))
        {
            throw new InvalidOperationException($"check {id}: Points is {check.Points}; declare [Check(points)] with points > 0.");
        }

        if (!(check.TimeLimitSeconds > 0))
        {
            throw new InvalidOperationException($"check {id}: TimeLimitSeconds is {check.TimeLimitSeconds}; use a positive limit.");
        }

        var cpu = new OutputTolerance(check.Atol, check.Rtol);
        var cuda = new OutputTolerance(
            double.IsNaN(check.CudaAtol) ? DeviceTolerances.CudaFactor * check.Atol : check.CudaAtol,
            double.IsNaN(check.CudaRtol) ? DeviceTolerances.CudaFactor * check.Rtol : check.CudaRtol);
        var cpuBy = new SortedDictionary<string, OutputTolerance>(StringComparer.Ordinal);
        var cudaBy = new SortedDictionary<string, OutputTolerance>(StringComparer.Ordinal);
        foreach (var t in overrides)
        {
            if (!cpuBy.TryAdd(t.Output, new OutputTolerance(t.Atol, t.Rtol)))
            {
                throw new InvalidOperationException($"check {id}: two [Tolerance] attributes for output '{t.Output}'; keep one.");
            }

            cudaBy[t.Output] = new OutputTolerance(
                double.IsNaN(t.CudaAtol) ? DeviceTolerances.CudaFactor * t.Atol : t.CudaAtol,
                double.IsNaN(t.CudaRtol) ? DeviceTolerances.CudaFactor * t.Rtol : t.CudaRtol);
        }

        return new CheckSpec(
            id,
            week,
            type.FullName!,
            method.Name,
            check.Points,
            check.Visibility,
            new DeviceTolerances(cpu, cuda, cpuBy, cudaBy),
            TimeSpan.FromSeconds(check.TimeLimitSeconds),
            check.Description);
    }
}
