using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NeuroExercises.Grader.Release.Steps;

/// <summary>
/// Copies each week's checks project (its .csproj and .cs files; not its inputs, snapshots, scripts, mutants.json or
/// sample.json) with every withheld check removed by <see cref="CheckStripper"/>: hidden checks, and checks whose trusted
/// derive step may hold reference logic, together with their derive methods and the private helpers only they used. A
/// file whose checks are all withheld (a class named after a type graded only after submission, e.g. week 1's
/// <c>TrainerChecks</c>) is left out instead of shipping as an empty class.
/// </summary>
internal sealed class StripHiddenChecksStep : IReleaseStep
{
    /// <inheritdoc />
    public string Name => "strip withheld checks from the checks sources";

    /// <inheritdoc />
    public void Run(ReleaseContext context)
    {
        foreach (var week in context.Weeks)
        {
            var folder = week.Week.GraderFolder;
            var all = ReleaseContext.Files(context.Repo(folder))
                .Where(rel => !rel.StartsWith("inputs/", StringComparison.Ordinal) && !rel.StartsWith("snapshots/", StringComparison.Ordinal))
                .ToList();
            var projects = all.Where(rel => rel.EndsWith(".Checks.csproj", StringComparison.Ordinal)).ToList();
            if (projects.Count != 1)
            {
                throw new ReleaseException($"release: {folder} must hold one *.Checks.csproj (found {projects.Count}); restore the week's checks project.", Cli.ExitCodes.GradeFailed);
            }

            context.CopyFile($"{folder}/{projects[0]}", $"{folder}/{projects[0]}");
            var sources = all.Where(rel => rel.EndsWith(".cs", StringComparison.Ordinal))
                .ToDictionary(rel => rel, rel => File.ReadAllText(context.Repo($"{folder}/{rel}")), StringComparer.Ordinal);
            var remove = week.Withheld
                .SelectMany(c => c.DeriveMethodName is null ? [$"{c.ClassName}.{c.MethodName}"] : new[] { $"{c.ClassName}.{c.MethodName}", $"{c.ClassName}.{c.DeriveMethodName}" })
                .ToHashSet(StringComparer.Ordinal);
            foreach (var (rel, text) in CheckStripper.Strip(sources, remove))
            {
                if (CheckMethods(sources[rel]) > 0 && CheckMethods(text) == 0)
                {
                    continue;
                }

                context.WriteText($"{folder}/{rel}", text);
            }
        }
    }

    /// <summary>How many methods of the C# source <paramref name="text"/> carry a <c>[Check]</c> attribute.</summary>
    internal static int CheckMethods(string text) =>
        Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(text).GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Count(m => m.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() is "Check" or "CheckAttribute"));

    /// <summary>The string literals of the C# sources in <paramref name="texts"/> (what the next step looks input names up in).</summary>
    internal static IReadOnlyList<string> StringLiterals(IEnumerable<string> texts) =>
        [.. texts.SelectMany(t => Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(t).GetRoot().DescendantNodes().OfType<LiteralExpressionSyntax>())
            .Where(l => l.Token.Value is string)
            .Select(l => (string)l.Token.Value!)];
}
