using System.Reflection;
using NeuroExercises.Grader.Checks;

namespace NeuroExercises.Grader.Discovery;

/// <summary>Finds a week's checks in a checks assembly by reflection. Never runs them (execution is the runner's).</summary>
internal static class CheckDiscovery
{
    /// <summary>The checks of <paramref name="week"/> in <paramref name="checksAssembly"/>, ordered by id.</summary>
    /// <exception cref="InvalidOperationException">A check is declared wrongly (signature, points, duplicate id).</exception>
    public static IReadOnlyList<CheckSpec> Discover(Assembly checksAssembly, string week)
    {
        var specs = new List<CheckSpec>();
        foreach (var type in checksAssembly.GetExportedTypes())
        {
            var mark = type.GetCustomAttribute<WeekChecksAttribute>();
            if (mark is null || !string.Equals(mark.Week, week, StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                var check = method.GetCustomAttribute<CheckAttribute>();
                if (check is null)
                {
                    continue;
                }

                Validate(week, type, method);
                specs.Add(CheckSpec.FromMethod(week, method, check, method.GetCustomAttributes<ToleranceAttribute>()));
            }
        }

        var duplicate = specs.GroupBy(s => s.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"check {duplicate.Key} is declared {duplicate.Count()} times (overloads?); give each check its own method name.");
        }

        return [.. specs.OrderBy(s => s.Id, StringComparer.Ordinal)];
    }

    /// <summary>The checks of <paramref name="week"/> in the grader's own checks assembly.</summary>
    public static IReadOnlyList<CheckSpec> Discover(WeekInfo week) => ChecksAssembly.With(week.ChecksPath, a => Discover(a, week.Id));

    private static void Validate(string week, Type type, MethodInfo method)
    {
        var id = $"{week}/{type.Name}.{method.Name}";
        var parameters = method.GetParameters();
        var ok = method.IsPublic && method.IsStatic && type.IsPublic
            && parameters.Length == 1 && parameters[0].ParameterType.FullName == typeof(CheckContext).FullName
            && method.ReturnType.IsGenericType
            && method.ReturnType.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)
            && method.ReturnType.GenericTypeArguments[0] == typeof(string)
            && method.ReturnType.GenericTypeArguments[1].FullName == "TorchSharp.torch+Tensor";
        if (!ok)
        {
            throw new InvalidOperationException(
                $"check {id}: the method must be 'public static IReadOnlyDictionary<string, Tensor> {method.Name}(CheckContext ctx)' in a public class; fix its signature.");
        }
    }
}
