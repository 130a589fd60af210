using System.CommandLine;
using NeuroExercises.Grader.Authoring;
using NeuroExercises.Grader.Judge;

namespace NeuroExercises.Grader.Cli;

/// <summary>
/// <c>author generate|check (--week W | --all)</c>: write (or only compare) the exercise project and the sample submission
/// generated from the week's solutions, its markers and its sample recipe.
/// </summary>
internal static class AuthorCommand
{
    private static readonly Option<string?> WeekOption = new("--week") { Description = "The week id (see 'weeks')." };
    private static readonly Option<bool> AllOption = new("--all") { Description = "Every week." };

    /// <summary>The command with its two subcommands.</summary>
    public static Command Create()
    {
        var generate = new Command("generate", "Write the exercise project and the sample submission from the solutions (markers) and grader/weeks/<week>/sample.json.")
        {
            WeekOption, AllOption,
        };
        generate.SetAction(parse => Run(parse, write: true));
        var check = new Command("check", "Report exercise or sample files that differ from what generation gives (stale); writes nothing.")
        {
            WeekOption, AllOption,
        };
        check.SetAction(parse => Run(parse, write: false));
        return new Command("author", "One-source authoring: the solutions are the source of the exercises and the sample.") { generate, check };
    }

    private static int Run(ParseResult parse, bool write)
    {
        var verb = write ? "generate" : "check";
        try
        {
            var weeks = Weeks(parse.GetValue(WeekOption), parse.GetValue(AllOption));
            var stale = 0;
            foreach (var layout in weeks)
            {
                var folders = WeekGenerator.Generate(layout);
                var problems = GeneratedWriter.Stale(folders, layout.RepoRoot);
                var shown = string.Join(", ", folders.Select(f => layout.Relative(f.Dir)));
                if (write)
                {
                    GeneratedWriter.Write(folders);
                    Console.Out.WriteLine(problems.Count == 0
                        ? $"author generate --week {layout.Week.Id}: {shown} already current"
                        : $"author generate --week {layout.Week.Id}: wrote {shown} ({problems.Count} file(s) changed)");
                    continue;
                }

                foreach (var p in problems)
                {
                    Console.Error.WriteLine($"stale: {p}");
                }

                stale += problems.Count;
                Console.Out.WriteLine(problems.Count == 0
                    ? $"author check --week {layout.Week.Id}: {shown} current"
                    : $"author check --week {layout.Week.Id}: {problems.Count} stale file(s); run 'author generate --week {layout.Week.Id}'");
            }

            return stale == 0 ? ExitCodes.Ok : ExitCodes.AuthoringProblems;
        }
        catch (AuthoringException e)
        {
            Console.Error.WriteLine($"author {verb}: nothing written. Fix:");
            foreach (var p in e.Problems)
            {
                Console.Error.WriteLine("  " + p);
            }

            return ExitCodes.AuthoringProblems;
        }
    }

    private static IReadOnlyList<WeekLayout> Weeks(string? week, bool all)
    {
        if (all == (week is not null))
        {
            throw new AuthoringException("author: give either --week <id> or --all.");
        }

        var repo = Repo();
        return all ? WeekLayout.All(repo) : [WeekLayout.Find(week!, repo)];
    }

    /// <summary>The repository root, found above the grader or the working folder.</summary>
    internal static string Repo() =>
        RepoLocator.FindRoot(Environment.CurrentDirectory) ?? RepoLocator.FindRoot(AppContext.BaseDirectory)
        ?? throw new AuthoringException("the repository root (NeuroExercises.sln) was not found above the working folder or the grader; run from the repository.");
}
