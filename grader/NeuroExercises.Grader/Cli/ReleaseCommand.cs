using System.CommandLine;
using System.Globalization;
using NeuroExercises.Grader.Judge;
using NeuroExercises.Grader.Release;

namespace NeuroExercises.Grader.Cli;

/// <summary><c>release --week W [--week W2 …] --out DIR</c>: what students receive, leak-scanned (see <see cref="ReleasePipeline"/>).</summary>
internal static class ReleaseCommand
{
    private static readonly Option<string[]> Weeks = new("--week") { Description = "A week id to release (repeat for several; see 'weeks').", Required = true };
    private static readonly Option<string> Out = new("--out") { Description = "The release folder (new or empty).", Required = true };

    /// <summary>The command.</summary>
    public static Command Create()
    {
        var command = new Command("release", "Build the student release of the given weeks: Core, exercise projects, visible checks with their snapshots and inputs, the grader's 'check', a README and setup script; release.json lists every file; a leak scan refuses solutions and hidden checks.")
        {
            Weeks, Out,
        };
        command.SetAction(parse => Run(parse.GetValue(Weeks) ?? [], parse.GetValue(Out)!));
        return command;
    }

    private static int Run(string[] weeks, string outDir)
    {
        var repo = RepoLocator.FindRoot(Environment.CurrentDirectory) ?? RepoLocator.FindRoot(AppContext.BaseDirectory);
        if (repo is null)
        {
            Console.Error.WriteLine("release: the staff repository (NeuroExercises.sln) was not found above the working folder or the grader; run release from the repository.");
            return ExitCodes.Usage;
        }

        try
        {
            var release = ReleasePipeline.Run(new ReleaseRequest(repo, weeks, outDir));
            var inv = CultureInfo.InvariantCulture;
            var files = release.Manifest!.Files;
            Console.Out.WriteLine(string.Create(inv, $"release: wrote {release.Staging}: {files.Count + 1} files, {files.Sum(f => f.Bytes) / 1e6:0.0} MB; leak scan clean."));
            foreach (var week in release.Manifest.Weeks)
            {
                var after = week.GradedAfterSubmission.Count == 0 ? "" : "; graded after submission too: " + string.Join(", ", week.GradedAfterSubmission.Select(c => string.Create(inv, $"{c.Name} ({c.Points:0.##})")));
                Console.Out.WriteLine(string.Create(inv, $"  week {week.Number} {week.Id}: {week.VisibleChecks} checks ship ({week.VisiblePoints:0.##} points); {week.HiddenChecks} hidden checks ({week.HiddenPoints:0.##} points) stay with the grader{after}."));
            }

            return ExitCodes.Ok;
        }
        catch (ReleaseException e)
        {
            Console.Error.WriteLine(e.Message);
            return e.ExitCode;
        }
    }
}
