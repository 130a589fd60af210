using System.CommandLine;
using NeuroExercises.Grader.Batch;

namespace NeuroExercises.Grader.Cli;

/// <summary><c>merge &lt;shard-dirs…&gt; --out DIR</c>: one gradebook from the shards of a sharded batch (see <see cref="GradebookMerge"/>).</summary>
internal static class MergeCommand
{
    private static readonly Argument<string[]> Shards = new("shard-dirs") { Description = "The --out folders of every grade-batch --shard K/N run.", Arity = ArgumentArity.OneOrMore };
    private static readonly Option<string> Out = new("--out") { Description = "The merged output folder (gradebook.csv, batch.json, submissions/).", Required = true };

    /// <summary>The command.</summary>
    public static Command Create()
    {
        var command = new Command("merge", "Combine the output folders of grade-batch --shard K/N runs into one gradebook; refuses missing or duplicate shards and mixed grader or manifest versions. Exit codes: 0 merged, 1 usage, 7 refused (nothing written).")
        {
            Shards, Out,
        };
        command.SetAction(parse =>
        {
            try
            {
                var merged = GradebookMerge.Merge(parse.GetValue(Shards)!, parse.GetValue(Out)!);
                Console.WriteLine($"merge: {merged.Submissions.Count} submissions of week {merged.Week} → {Path.Combine(Path.GetFullPath(parse.GetValue(Out)!), Gradebook.FileName)}");
                return ExitCodes.Ok;
            }
            catch (BatchInputException e)
            {
                Console.Error.WriteLine(e.Message);
                return ExitCodes.BatchInput;
            }
        });
        return command;
    }
}
