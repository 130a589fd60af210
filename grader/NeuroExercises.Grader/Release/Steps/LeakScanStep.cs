namespace NeuroExercises.Grader.Release.Steps;

/// <summary>Scans the finished release (<see cref="LeakScanner"/>); any finding fails the release, naming each file and reason.</summary>
internal sealed class LeakScanStep : IReleaseStep
{
    /// <inheritdoc />
    public string Name => "scan for leaks";

    /// <inheritdoc />
    public void Run(ReleaseContext context)
    {
        context.Leaks = LeakScanner.Scan(context.Staging, LeakRules.FromRepository(context.RepoRoot, context.Weeks));
        if (context.Leaks.Count > 0)
        {
            throw new ReleaseException(
                $"release: the leak scan refused the release ({context.Leaks.Count} finding(s)); nothing was written. Fix the source of each:\n"
                + string.Join("\n", context.Leaks.Select(l => "  " + l)),
                Cli.ExitCodes.GradeFailed);
        }
    }
}
