using System.Text.RegularExpressions;
using NeuroExercises.Grader.Checks;
using NeuroExercises.Grader.Cli;
using NeuroExercises.Grader.Grading;
using NeuroExercises.Grader.Release.Steps;

namespace NeuroExercises.Grader.Release;

/// <summary>
/// A student release, as an ordered list of single-purpose steps (nbgrader's preprocessors). The order is the reason:
/// 1. copy Core and the exercise projects — what students edit and build on; then scrub the hidden checks' names from
///    the stubs' docs ("Graded by …"), the one place names legitimately appear;
/// 2. strip withheld checks from the checks sources — before anything looks at what the checks use;
/// 3. keep the shipped checks' snapshots and the inputs the stripped sources still name — needs step 2's output;
/// 4. copy the grader and the checks contract — <c>check</c> runs the very grader that grades;
/// 5. write the release's own files (README, setup.sh, build props, NeuroExercises.sln) — the solution lists the
///    projects steps 1–4 copied;
/// 6. write release.json — after every file exists, so it lists them all with their hashes;
/// 7. scan for leaks — last, on exactly what students would get, against the manifest step 6 wrote.
/// Everything is built in a staging folder beside --out and renamed to --out only when every step succeeded: a refused
/// or failed release leaves nothing behind. Bad input (unknown week, missing checks assembly, non-empty --out) is refused
/// before anything is written.
/// </summary>
internal static partial class ReleasePipeline
{
    /// <summary>The steps, in order.</summary>
    public static IReadOnlyList<IReleaseStep> Steps { get; } =
    [
        new CopyProjectsStep(),
        new ScrubHiddenNamesStep(),
        new StripHiddenChecksStep(),
        new KeepShippedSnapshotsAndInputsStep(),
        new CopyGraderStep(),
        new WriteReleaseFilesStep(),
        new WriteManifestStep(),
        new LeakScanStep(),
    ];

    /// <summary>Builds the release; throws <see cref="ReleaseException"/> (nothing written to --out) when refused.</summary>
    public static ReleaseContext Run(ReleaseRequest request)
    {
        var outDir = Path.GetFullPath(request.OutDirectory).TrimEnd(Path.DirectorySeparatorChar);
        RefuseNonEmpty(outDir);
        var weeks = Resolve(request);
        var parent = Path.GetDirectoryName(outDir)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(outDir)}.partial-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var context = new ReleaseContext(Path.GetFullPath(request.RepoRoot), staging, weeks);
            foreach (var step in Steps)
            {
                try
                {
                    step.Run(context);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
                {
                    throw new ReleaseException($"release: step '{step.Name}' failed: {e.Message}", ExitCodes.GradeFailed);
                }
            }

            RefuseNonEmpty(outDir);
            if (Directory.Exists(outDir))
            {
                Directory.Delete(outDir); // empty (checked above)
            }

            Directory.Move(staging, outDir);
            return context with { Staging = outDir };
        }
        catch
        {
            try
            {
                Directory.Delete(staging, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS; it is a hidden .partial folder, never --out itself.
            }

            throw;
        }
    }

    /// <summary>The weeks of <paramref name="request"/> with their checks, or a refusal naming the week and the fix.</summary>
    public static IReadOnlyList<ReleaseWeek> Resolve(ReleaseRequest request)
    {
        if (request.WeekIds.Count == 0)
        {
            throw new ReleaseException("release: no week given; pass --week <id> (see 'weeks').", ExitCodes.Usage);
        }

        var weeks = new List<ReleaseWeek>();
        foreach (var id in request.WeekIds.Distinct(StringComparer.Ordinal))
        {
            var week = request.Catalog.FirstOrDefault(w => string.Equals(w.Id, id, StringComparison.Ordinal));
            if (week is null)
            {
                throw RegisteredInSources(request.RepoRoot, id) is { } folder
                    ? new ReleaseException($"release: week '{id}' is registered in {folder} but its checks assembly is not beside the grader ({AppContext.BaseDirectory}); build the grader (dotnet build grader/NeuroExercises.Grader) and release again.", ExitCodes.GradeFailed)
                    : new ReleaseException($"release: --week '{id}' is not a week; use one of {string.Join(", ", request.Catalog.Select(w => w.Id))} (see 'weeks').", ExitCodes.Usage);
            }

            if (!File.Exists(week.ChecksPath))
            {
                throw new ReleaseException($"release: the checks assembly of week '{id}' is missing ({(week.ChecksPath.Length == 0 ? "no path" : week.ChecksPath)}); build the grader (dotnet build grader/NeuroExercises.Grader) and release again.", ExitCodes.GradeFailed);
            }

            foreach (var folder in new[] { week.ExerciseFolder, week.SolutionFolder, week.GraderFolder })
            {
                if (!Directory.Exists(Path.Combine(request.RepoRoot, folder)))
                {
                    throw new ReleaseException($"release: week '{id}' has no {folder} in {request.RepoRoot}; run release from the staff repository (the leak scan compares with the solutions).", ExitCodes.GradeFailed);
                }
            }

            weeks.Add(new ReleaseWeek(week, GradePipeline.DiscoverChecks(week.ChecksPath, week.Id)));
        }

        return [.. weeks.OrderBy(w => w.Week.Number)];
    }

    private static void RefuseNonEmpty(string outDir)
    {
        if (File.Exists(outDir))
        {
            throw new ReleaseException($"release: --out {outDir} is a file; pass a new or empty folder.", ExitCodes.Usage);
        }

        if (Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any())
        {
            throw new ReleaseException($"release: --out {outDir} is not empty; pass a new or empty folder (a release never overwrites or merges).", ExitCodes.Usage);
        }
    }

    /// <summary>The week folder whose sources register <paramref name="id"/> ([assembly: Week("id", …)]), or null.</summary>
    private static string? RegisteredInSources(string repoRoot, string id)
    {
        var weeksRoot = Path.Combine(repoRoot, "grader", "weeks");
        if (!Directory.Exists(weeksRoot))
        {
            return null;
        }

        return Directory.EnumerateFiles(weeksRoot, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .FirstOrDefault(f => WeekRegistration().Matches(File.ReadAllText(f)).Any(m => m.Groups["id"].Value == id)) is { } file
            ? Path.GetRelativePath(repoRoot, Path.GetDirectoryName(file)!)
            : null;
    }

    [GeneratedRegex("""\[assembly:\s*Week\(\s*"(?<id>[^"]+)"\s*,""")]
    private static partial Regex WeekRegistration();
}
