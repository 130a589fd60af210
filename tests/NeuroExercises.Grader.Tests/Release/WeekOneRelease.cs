using NeuroExercises.Grader.Checks;
using NeuroExercises.Grader.Grading;
using NeuroExercises.Grader.Release;

namespace NeuroExercises.Grader.Tests.Release;

/// <summary>One release of week 1 per test run (a few seconds), shared by the fast release tests; never modified.</summary>
internal static class WeekOneRelease
{
    public const string WeekId = "task-driven-rnn";

    private static readonly Lazy<ReleaseContext> Built = new(Build);

    /// <summary>The release (its folder is <see cref="ReleaseContext.Staging"/>).</summary>
    public static ReleaseContext Context => Built.Value;

    public static string Folder => Context.Staging;

    public static WeekInfo Week => WeekCatalog.Find(WeekId)!;

    /// <summary>The leak rules for week 1, from the repository.</summary>
    public static LeakRules Rules => LeakRules.FromRepository(TestPaths.RepoRoot, Context.Weeks);

    /// <summary>A new temp folder deleted when the test process ends.</summary>
    public static string TempFolder(string prefix)
    {
        var dir = Directory.CreateTempSubdirectory(prefix).FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // The OS cleans /tmp.
            }
        };
        return dir;
    }

    /// <summary>Copies a folder tree.</summary>
    public static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private static ReleaseContext Build()
    {
        var outDir = Path.Combine(TempFolder("neuro-release-"), "release");
        return ReleasePipeline.Run(new ReleaseRequest(TestPaths.RepoRoot, [WeekId], outDir));
    }

    /// <summary>Every check of week 1, from the staff checks assembly.</summary>
    public static IReadOnlyList<Grader.Discovery.CheckSpec> AllChecks => GradePipeline.DiscoverChecks(Week.ChecksPath, WeekId);
}
