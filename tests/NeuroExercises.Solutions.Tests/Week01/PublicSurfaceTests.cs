using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NeuroExercises.Tests.Shared;

namespace NeuroExercises.Solutions.Tests.Week01;

/// <summary>
/// Exercises and solutions must offer students one public API: the same files, the same public and protected
/// declarations with the same XML docs. Files that hold no stub (provided code) must be identical. (exercises/ and the
/// sample submission are generated from the solutions: tests/NeuroExercises.Grader.Tests/Authoring keeps them current.)
/// </summary>
public sealed class PublicSurfaceTests
{
    private const string Week = "NeuroExercises.Week01.TaskDrivenRnn";

    [Fact]
    public void ExercisesAndSolutionsHaveTheSameFiles()
    {
        Files("exercises").Keys.Should().BeEquivalentTo(Files("solutions").Keys);
    }

    [Fact]
    public void ExercisesAndSolutionsDeclareTheSamePublicApiWithTheSameDocs()
    {
        var exercises = Surface("exercises");
        var solutions = Surface("solutions");

        exercises.Should().NotBeEmpty();
        exercises.Keys.Should().BeEquivalentTo(solutions.Keys, "every public or protected declaration exists in both");
        foreach (var (signature, doc) in exercises)
        {
            solutions[signature].Should().Be(doc, $"the XML doc of '{signature}' is the same in exercises and solutions");
        }
    }

    [Fact]
    public void ProvidedFilesAreIdentical()
    {
        var exercises = Files("exercises");
        var solutions = Files("solutions");
        var provided = exercises.Where(kv => !kv.Value.Contains("NotImplementedException", StringComparison.Ordinal)).ToList();

        provided.Should().Contain(kv => kv.Key == "CondsForSimLoader.cs", "the loaders are provided, not graded");
        foreach (var (name, text) in provided)
        {
            solutions[name].Should().Be(text, $"{name} has no stub in exercises, so it is provided code and must equal the solution's");
        }
    }

    [Fact]
    public void EveryGradedStubNamesItsChecks()
    {
        var stubs = Files("exercises").Where(kv => kv.Value.Contains("NotImplementedException", StringComparison.Ordinal));
        foreach (var (name, text) in stubs)
        {
            text.Should().Contain("task-driven-rnn/", $"{name} holds a graded stub whose XML doc names the checks that grade it");
        }
    }

    private static Dictionary<string, string> Files(string top, string week = Week)
    {
        var dir = Path.Combine(RepoPaths.Root, top, week);
        return Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(dir, f), File.ReadAllText);
    }

    /// <summary>Signature (namespace, type, modifiers, member without body) → its XML doc, for public/protected declarations.</summary>
    private static Dictionary<string, string> Surface(string top)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, text) in Files(top))
        {
            var root = CSharpSyntaxTree.ParseText(text).GetCompilationUnitRoot();
            foreach (var node in root.DescendantNodes().OfType<MemberDeclarationSyntax>())
            {
                if (node is BaseNamespaceDeclarationSyntax || !IsVisible(node))
                {
                    continue;
                }

                var signature = Signature(node);
                var doc = string.Join("\n", node.GetLeadingTrivia()
                    .Where(t => t.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia))
                    .Select(t => Normalise(t.ToFullString())));
                result[signature] = doc;
            }
        }

        return result;
    }

    private static bool IsVisible(MemberDeclarationSyntax node)
    {
        for (SyntaxNode? n = node; n is MemberDeclarationSyntax m && n is not BaseNamespaceDeclarationSyntax; n = n.Parent)
        {
            var mods = m.Modifiers;
            var visible = mods.Any(SyntaxKind.PublicKeyword) || mods.Any(SyntaxKind.ProtectedKeyword)
                || (m is EnumMemberDeclarationSyntax);
            if (!visible)
            {
                return false;
            }
        }

        return true;
    }

    private static string Signature(MemberDeclarationSyntax node)
    {
        var path = string.Join(".", node.AncestorsAndSelf().OfType<BaseTypeDeclarationSyntax>().Reverse().Select(t => t.Identifier.Text));
        var head = node switch
        {
            BaseMethodDeclarationSyntax m => m.WithBody(null).WithExpressionBody(null).WithSemicolonToken(default).WithoutTrivia().ToString(),
            PropertyDeclarationSyntax p => p.WithAccessorList(null).WithExpressionBody(null).WithInitializer(null).WithSemicolonToken(default).WithoutTrivia().ToString()
                + (p.AccessorList is null ? "" : " {" + string.Join(" ", p.AccessorList.Accessors.Select(a => a.Modifiers + " " + a.Keyword.Text)) + "}"),
            BaseTypeDeclarationSyntax t => t.ToString().Split('{')[0],
            _ => node.WithoutTrivia().ToString(),
        };
        return path + " :: " + Normalise(head);
    }

    private static string Normalise(string s) => Regex.Replace(s, @"\s+", " ").Trim();
}
