using System.CommandLine;
using NeuroExercises.Grader.Batch;
using NeuroExercises.Grader.Grading;
using NeuroExercises.Grader.Judge;

namespace NeuroExercises.Grader.Cli;

/// <summary><c>gradescope-package --week W --out autograder.zip</c> (see <see cref="GradescopePackage"/>).</summary>
internal static class GradescopePackageCommand
{
    private static readonly Option<string> WeekOption = new("--week") { Description = "The week id (see 'weeks').", Required = true };
    private static readonly Option<string> Out = new("--out") { Description = "The zip to write (upload it as the assignment's autograder).", DefaultValueFactory = _ => "autograder.zip" };
    private static readonly Option<string?> Repo = new("--repo") { Description = "The repository root (default: found above the grader or the working folder)." };

    /// <summary>The command.</summary>
    public static Command Create()
    {
        var command = new Command("gradescope-package", "Write Gradescope's autograder.zip for a week: setup.sh (installs .NET, builds the grader) and run_autograder (grades /autograder/submission into /autograder/results/results.json). Exit codes: 0 written, 1 usage, 7 bad input.")
        {
            WeekOption, Out, Repo,
        };
        command.SetAction(parse =>
        {
            try
            {
                var week = SharedOptions.Week(parse.GetValue(WeekOption)!);
                var root = parse.GetValue(Repo) is { Length: > 0 } r ? Path.GetFullPath(r)
                    : RepoLocator.FindRoot(AppContext.BaseDirectory) ?? RepoLocator.FindRoot(Environment.CurrentDirectory)
                    ?? throw new BatchInputException("gradescope-package: no NeuroExercises.sln above the grader or the working folder; run it from the repository or pass --repo DIR.");
                var checks = GradePipeline.DiscoverChecks(week.ChecksPath, week.Id);
                var manifest = ManifestHash.Compute(checks, SnapshotStore.For(Path.Combine(root, "grader", "weeks"), week));
                var outZip = parse.GetValue(Out)!;
                var files = GradescopePackage.Build(root, week, manifest, Provenance.GraderVersion, outZip);
                Console.WriteLine($"gradescope-package: {Path.GetFullPath(outZip)} (week {week.Id}, {files} kit files, manifest {manifest[..12]}); upload it as the assignment's autograder (Gradescope: Configure Autograder → Zip file upload).");
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is BatchInputException or ArgumentException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine(e.Message.StartsWith("gradescope-package", StringComparison.Ordinal) ? e.Message : "gradescope-package: " + e.Message);
                return ExitCodes.BatchInput;
            }
        });
        return command;
    }
}
