using System.Reflection;
using System.Runtime.Loader;

namespace NeuroExercises.Grader.Discovery;

/// <summary>Loads a week's checks assembly in the trusted grader process, for discovery and derive steps.</summary>
internal static class ChecksAssembly
{
    /// <summary>
    /// Calls <paramref name="use"/> with the checks assembly at <paramref name="checksPath"/> loaded in this (trusted)
    /// process: a registered week's checks as WeekCatalog loaded them, another one (tests) in a collectible context beside
    /// the shared checks contract, unloaded afterwards. The student's code is never loaded here.
    /// </summary>
    public static T With<T>(string checksPath, Func<Assembly, T> use)
    {
        var full = Path.GetFullPath(checksPath);
        var loaded = AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => !a.IsDynamic && string.Equals(a.Location, full, StringComparison.Ordinal));
        if (loaded is not null)
        {
            return use(loaded); // a registered week's checks, loaded by WeekCatalog
        }

        var alc = new AssemblyLoadContext("checks-trusted", isCollectible: true);
        try
        {
            return use(alc.LoadFromAssemblyPath(full));
        }
        finally
        {
            alc.Unload();
        }
    }

}
