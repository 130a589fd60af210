using NeuroExercises.Grader.Checks;

namespace NeuroExercises.Grader.Release;

/// <summary>
/// What a release of some weeks must not hold, read from the staff repository: the reference bodies of the week's
/// solutions, the names, bodies and snapshots of its withheld checks. The scan (<see cref="LeakScanner"/>) needs nothing
/// else, so it can judge any folder: a fresh release, or one somebody changed.
/// </summary>
/// <param name="SolutionBodies">Reference bodies: every solution method with a // BEGIN SOLUTION region, or whose body differs from the stub's.</param>
/// <param name="HiddenNames">Class.Method of every hidden check.</param>
/// <param name="HiddenMethodNames">Class.Method of every hidden check, refused as identifiers in checks sources where they refer to that check (<see cref="HiddenCheckReference"/>).</param>
/// <param name="WithheldBodies">Bodies of withheld checks and of their derive steps, from the staff checks sources.</param>
/// <param name="WithheldSnapshotNames">File names of withheld checks' snapshots.</param>
/// <param name="WithheldSnapshotHashes">SHA-256 of withheld checks' snapshot files in the repository → check id.</param>
/// <param name="StaffFileHashes">SHA-256 of staff-only files (the staff README, every week's mutants.json and sample.json) → why it never ships.</param>
internal sealed record LeakRules(
    IReadOnlyList<ReferenceBody> SolutionBodies,
    IReadOnlySet<string> HiddenNames,
    IReadOnlySet<string> HiddenMethodNames,
    IReadOnlyList<ReferenceBody> WithheldBodies,
    IReadOnlySet<string> WithheldSnapshotNames,
    IReadOnlyDictionary<string, string> WithheldSnapshotHashes,
    IReadOnlyDictionary<string, string> StaffFileHashes)
{
    /// <summary>The rules for releasing <paramref name="weeks"/> from the repository at <paramref name="repoRoot"/>.</summary>
    public static LeakRules FromRepository(string repoRoot, IReadOnlyList<ReleaseWeek> weeks)
    {
        var solutions = new List<ReferenceBody>();
        var withheldBodies = new List<ReferenceBody>();
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var staff = new Dictionary<string, string>(StringComparer.Ordinal);
        AddStaffFile(staff, Path.Combine(repoRoot, "README.md"), "this is the staff README (it names solutions and hidden checks); the release has its own README.");
        foreach (var week in weeks)
        {
            solutions.AddRange(SolutionBodiesOf(repoRoot, week.Week));
            var withheldMethods = week.Withheld
                .SelectMany(c => c.DeriveMethodName is null ? [$"{c.ClassName}.{c.MethodName}"] : new[] { $"{c.ClassName}.{c.MethodName}", $"{c.ClassName}.{c.DeriveMethodName}" })
                .ToHashSet(StringComparer.Ordinal);
            var checksFolder = Path.Combine(repoRoot, week.Week.GraderFolder);
            foreach (var rel in CsFiles(checksFolder))
            {
                withheldBodies.AddRange(MethodBodies.Of(File.ReadAllText(Path.Combine(checksFolder, rel)))
                    .Where(b => withheldMethods.Contains(b.Name))
                    .Select(b => new ReferenceBody($"{week.Week.GraderFolder}/{rel}:{b.Line} {b.Name}", b.Normalised, null)));
            }

            AddStaffFile(staff, Path.Combine(checksFolder, "mutants.json"), "this is the staff's mutants.json; remove it.");
            AddStaffFile(staff, Path.Combine(checksFolder, "sample.json"), "this is the staff's sample.json; remove it.");
            foreach (var check in week.Withheld)
            {
                var snapshot = Path.Combine(checksFolder, "snapshots", check.ShortName + Judge.SnapshotStore.ExpectedSuffix);
                if (File.Exists(snapshot))
                {
                    hashes.TryAdd(ReleaseManifest.Sha256(snapshot), check.Id);
                }
            }
        }

        var hidden = weeks.SelectMany(w => w.Checks).Where(ReleasePolicy.IsHidden).ToList();
        return new LeakRules(
            solutions,
            hidden.Select(c => c.ShortName).ToHashSet(StringComparer.Ordinal),
            hidden.Select(c => $"{c.ClassName}.{c.MethodName}").ToHashSet(StringComparer.Ordinal),
            withheldBodies,
            weeks.SelectMany(w => w.Withheld).Select(c => c.ShortName + Judge.SnapshotStore.ExpectedSuffix).ToHashSet(StringComparer.Ordinal),
            hashes,
            staff);
    }

    private static void AddStaffFile(Dictionary<string, string> staff, string path, string why)
    {
        if (File.Exists(path))
        {
            staff.TryAdd(ReleaseManifest.Sha256(path), why);
        }
    }

    /// <summary>
    /// The reference bodies of a week's solutions: every method of the solutions folder whose body has a
    /// // BEGIN SOLUTION region, whose doc names the checks that grade it ("Graded by …"), or which the exercise folder
    /// lacks or writes differently. The first two catch a solution pasted over its stub (then stub and solution agree);
    /// methods the two share unchanged and undocumented as graded (records, helpers given to students) are not secret.
    /// </summary>
    public static IReadOnlyList<ReferenceBody> SolutionBodiesOf(string repoRoot, WeekInfo week)
    {
        var solutionFolder = Path.Combine(repoRoot, week.SolutionFolder);
        var exerciseFolder = Path.Combine(repoRoot, week.ExerciseFolder);
        var result = new List<ReferenceBody>();
        foreach (var rel in CsFiles(solutionFolder))
        {
            var stub = Path.Combine(exerciseFolder, rel);
            var stubs = File.Exists(stub)
                ? MethodBodies.Of(File.ReadAllText(stub)).GroupBy(b => b.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Normalised, StringComparer.Ordinal)
                : [];
            foreach (var body in MethodBodies.Of(File.ReadAllText(Path.Combine(solutionFolder, rel))))
            {
                if (body.SolutionRegion is not null || body.Graded || !stubs.TryGetValue(body.Key, out var given) || given != body.Normalised)
                {
                    result.Add(new ReferenceBody($"{week.SolutionFolder}/{rel}:{body.Line} {body.Name}", body.Normalised, body.SolutionRegion));
                }
            }
        }

        return result;
    }

    private static IReadOnlyList<string> CsFiles(string folder) =>
        Directory.Exists(folder) ? [.. ReleaseContext.Files(folder).Where(f => f.EndsWith(".cs", StringComparison.Ordinal))] : [];
}
