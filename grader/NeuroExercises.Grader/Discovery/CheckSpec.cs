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
/// <param name="DeriveMethodName">
/// The trusted derive step (<see cref="CheckAttribute.Derive"/>): a public static method of <paramref name="ClassName"/>
/// the grader calls in its own process on the child's raw outputs; null when the outputs are compared as returned.
/// </param>
internal sealed record CheckSpec(
    string Id,
    string Week,
    string ClassName,
    string MethodName,
    double Points,
    Visibility Visibility,
    DeviceTolerances Tolerances,
    TimeSpan TimeLimit,
    string Description,
    string? DeriveMethodName = null)
{
    /// <summary>The check's hint for a student who missed it (<see cref="CheckAttribute.Hint"/>); presentation only, not hashed.</summary>
    public string Hint { get; init; } = "";

    /// <summary>The plots declared for the feedback page (<see cref="FeedbackPlotAttribute"/>); presentation only, not hashed.</summary>
    public IReadOnlyList<FeedbackPlotAttribute> Plots { get; init; } = [];

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

        ValidateDerive(id, type, check.Derive);
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
            check.Description,
            check.Derive)
        {
            Hint = check.Hint,
            Plots = FeedbackPlots(id, method),
        };
    }

    /// <summary>The method's <see cref="FeedbackPlotAttribute"/>s, each checked for a well-formed declaration.</summary>
    private static IReadOnlyList<FeedbackPlotAttribute> FeedbackPlots(string id, MethodInfo method)
    {
        var plots = method.GetCustomAttributes<FeedbackPlotAttribute>().ToList();
        if (plots.Select(p => p.Problem()).FirstOrDefault(p => p is not null) is { } problem)
        {
            throw new InvalidOperationException($"check {id}: {problem}.");
        }

        return plots;
    }

    /// <summary>
    /// Throws unless <paramref name="derive"/> is null or names one public static method of <paramref name="type"/> with
    /// the signature <c>IReadOnlyDictionary&lt;string, Tensor&gt; M(CheckContext ctx, IReadOnlyDictionary&lt;string, Tensor&gt; raw)</c>.
    /// </summary>
    private static void ValidateDerive(string id, Type type, string? derive)
    {
        if (derive is null)
        {
            return;
        }

        var candidates = type.GetMember(derive, MemberTypes.Method, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Cast<MethodInfo>()
            .ToList();
        var ok = candidates.Count == 1 && candidates[0] is var m
            && m.IsPublic && m.IsStatic
            && m.GetParameters() is [var ctx, var raw]
            && ctx.ParameterType.FullName == typeof(CheckContext).FullName
            && IsTensorDictionary(raw.ParameterType)
            && IsTensorDictionary(m.ReturnType);
        if (!ok)
        {
            throw new InvalidOperationException(
                $"check {id}: Derive = \"{derive}\" must name one method 'public static IReadOnlyDictionary<string, Tensor> {derive}(CheckContext ctx, IReadOnlyDictionary<string, Tensor> raw)' in {type.Name}; fix the name or its signature.");
        }
    }

    private static bool IsTensorDictionary(Type t) =>
        t.IsGenericType
        && t.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)
        && t.GenericTypeArguments[0] == typeof(string)
        && t.GenericTypeArguments[1].FullName == "TorchSharp.torch+Tensor";
}
