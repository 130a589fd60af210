using System.Reflection;

namespace NeuroExercises.Grader.Checks;

/// <summary>
/// Every gradable week, in course order, found by discovery: each <c>NeuroExercises.Week*.Checks.dll</c> beside the
/// grader that carries <c>[assembly: Week(…)]</c>. Nothing is kept by hand: a week's checks project registers it (the
/// grader references grader/weeks/*/*.Checks.csproj by a wildcard).
/// </summary>
public static class WeekCatalog
{
    private static readonly Lazy<IReadOnlyList<WeekInfo>> Weeks = new(() => Discover(AppContext.BaseDirectory));

    /// <summary>The weeks beside the running program.</summary>
    public static IReadOnlyList<WeekInfo> All => Weeks.Value;

    /// <summary>Finds a week by id.</summary>
    /// <param name="id">The week id.</param>
    /// <returns>The week, or null.</returns>
    public static WeekInfo? Find(string id) => All.FirstOrDefault(w => string.Equals(w.Id, id, StringComparison.Ordinal));

    /// <summary>The weeks registered by the checks assemblies in <paramref name="directory"/>.</summary>
    /// <param name="directory">A build output holding NeuroExercises.Week*.Checks.dll.</param>
    /// <returns>The weeks by number.</returns>
    /// <exception cref="InvalidOperationException">Two assemblies register the same id or number, or a checks assembly registers none.</exception>
    public static IReadOnlyList<WeekInfo> Discover(string directory)
    {
        var weeks = new List<WeekInfo>();
        foreach (var path in Directory.EnumerateFiles(directory, "NeuroExercises.Week*.Checks.dll").Order(StringComparer.Ordinal))
        {
            var registration = Assembly.LoadFrom(path).GetCustomAttribute<WeekAttribute>()
                ?? throw new InvalidOperationException($"{path} has no [assembly: Week(id, number, title)]; add it to the week's checks project (see docs/adding-a-week.md).");
            var week = WeekInfo.FromRegistration(registration, path);
            if (!string.Equals(Path.GetFileNameWithoutExtension(path), week.AssemblyName + ".Checks", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{path} registers week {week.Number} '{week.Id}', whose checks assembly must be named {week.AssemblyName}.Checks; rename the project or fix the registration.");
            }

            weeks.Add(week);
        }

        foreach (var clash in weeks.GroupBy(w => w.Id).Concat(weeks.GroupBy(w => w.Number.ToString(System.Globalization.CultureInfo.InvariantCulture))).Where(g => g.Count() > 1))
        {
            throw new InvalidOperationException($"weeks {string.Join(" and ", clash.Select(w => w.ChecksPath))} both register '{clash.Key}'; give each week its own id and number.");
        }

        return [.. weeks.OrderBy(w => w.Number)];
    }
}
