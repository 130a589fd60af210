using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NeuroExercises.Tests.Shared;

namespace NeuroExercises.Solutions.Tests.Week02;

/// <summary>
/// The one-source markers of week 2: every graded body sits between "// BEGIN SOLUTION" and "// END SOLUTION" lines, and the
/// stubs the generator will make (each block replaced by a throw) compile. Every method whose doc says "Graded" has a block.
/// </summary>
public sealed partial class SolutionMarkerTests
{
    private const string Folder = "solutions/NeuroExercises.Week02.BurstCreditAssignment";

    [Fact]
    public void MarkersArePairedAndOnTheirOwnLines()
    {
        foreach (var file in Sources())
        {
            var depth = 0;
            foreach (var (line, number) in File.ReadLines(file).Select((l, i) => (l.Trim(), i + 1)))
            {
                if (line.Contains("SOLUTION ONLY", StringComparison.Ordinal))
                {
                    // A solution-only member (a private helper the generator drops from the release), outside any body block.
                    line.Should().BeOneOf(["// BEGIN SOLUTION ONLY", "// END SOLUTION ONLY"], $"{file}:{number}");
                    depth.Should().Be(line.StartsWith("// BEGIN", StringComparison.Ordinal) ? 0 : 2, $"{file}:{number}: SOLUTION ONLY markers pair up outside body blocks");
                    depth = line.StartsWith("// BEGIN", StringComparison.Ordinal) ? 2 : 0;
                }
                else if (line.Contains("BEGIN SOLUTION", StringComparison.Ordinal))
                {
                    line.Should().Be("// BEGIN SOLUTION", $"{file}:{number}");
                    depth.Should().Be(0, $"{file}:{number}: nested BEGIN");
                    depth++;
                }
                else if (line.Contains("END SOLUTION", StringComparison.Ordinal))
                {
                    line.Should().Be("// END SOLUTION", $"{file}:{number}");
                    depth.Should().Be(1, $"{file}:{number}: END without BEGIN");
                    depth--;
                }
            }

            depth.Should().Be(0, $"{file}: BEGIN without END");
        }
    }

    [Fact]
    public void EveryGradedMethodHasASolutionBlock()
    {
        var blocks = 0;
        foreach (var file in Sources())
        {
            var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file), cancellationToken: TestContext.Current.CancellationToken);
            foreach (var method in tree.GetRoot(TestContext.Current.CancellationToken).DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>())
            {
                var doc = method.GetLeadingTrivia().ToFullString();
                var body = method.Body?.ToFullString() ?? string.Empty;
                var marked = body.Contains("// BEGIN SOLUTION", StringComparison.Ordinal);
                var graded = doc.Contains("Graded", StringComparison.Ordinal);
                marked.Should().Be(graded, $"{Path.GetFileName(file)}: {method.Identifier.Text} is {(graded ? "" : "not ")}documented as graded");
                blocks += marked ? 1 : 0;
            }
        }

        blocks.Should().BeGreaterThanOrEqualTo(18);
    }

    [Fact]
    public void StubsWithEveryBlockReplacedByAThrowCompile()
    {
        var trees = Sources().Select(f => CSharpSyntaxTree.ParseText(
            Block().Replace(File.ReadAllText(f), "throw new NotImplementedException(\"stub\");"), path: f,
            options: new CSharpParseOptions(LanguageVersion.Latest), cancellationToken: TestContext.Current.CancellationToken)).ToList();
        trees.Add(CSharpSyntaxTree.ParseText("global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq;", cancellationToken: TestContext.Current.CancellationToken));
        var references = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && a.Location.Length > 0)
            .Select(a => MetadataReference.CreateFromFile(a.Location));
        var compilation = CSharpCompilation.Create("Week02Stubs", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        errors.Should().BeEmpty();
    }

    private static IEnumerable<string> Sources() =>
        Directory.GetFiles(Path.Combine(RepoPaths.Root, Folder), "*.cs").Where(f => !f.Contains("/obj/", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    [GeneratedRegex(@"^[ \t]*// BEGIN SOLUTION\r?\n.*?^[ \t]*// END SOLUTION[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Block();
}
