namespace NeuroExercises.Grader.Release.Steps;

/// <summary>
/// Copies the snapshots of the shipped checks only, and the inputs the remaining checks' sources name in a string
/// literal (all inputs when none is named that way: inputs hold no expected values, so more is harmless, fewer breaks
/// <c>check</c>). Runs after <see cref="StripHiddenChecksStep"/>, whose output it reads.
/// </summary>
internal sealed class KeepShippedSnapshotsAndInputsStep : IReleaseStep
{
    /// <inheritdoc />
    public string Name => "keep the shipped checks' snapshots and inputs";

    /// <inheritdoc />
    public void Run(ReleaseContext context)
    {
        foreach (var week in context.Weeks)
        {
            var folder = week.Week.GraderFolder;
            foreach (var check in week.Shipped)
            {
                var snapshot = $"{folder}/snapshots/{check.ShortName}{Judge.SnapshotStore.ExpectedSuffix}";
                if (!File.Exists(context.Repo(snapshot)))
                {
                    throw new ReleaseException($"release: {check.Id} has no snapshot ({snapshot}); run 'snapshot update --week {week.Week.Id}' and release again.", Cli.ExitCodes.GradeFailed);
                }

                context.CopyFile(snapshot, snapshot);
            }

            var inputs = context.Repo($"{folder}/inputs");
            if (!Directory.Exists(inputs))
            {
                continue;
            }

            var shippedSources = Directory.EnumerateFiles(context.Out(folder), "*.cs", SearchOption.AllDirectories).Select(File.ReadAllText);
            var literals = StripHiddenChecksStep.StringLiterals(shippedSources);
            var files = ReleaseContext.Files(inputs).Where(rel => !rel.EndsWith(".md", StringComparison.Ordinal)).ToList();
            var named = files.Where(rel => literals.Any(l => l.Contains(Path.GetFileName(rel), StringComparison.Ordinal))).ToList();
            foreach (var rel in named.Count > 0 ? named : files)
            {
                context.CopyFile($"{folder}/inputs/{rel}", $"{folder}/inputs/{rel}");
            }
        }
    }
}
