using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NeuroExercises.Grader.Release;

/// <summary>
/// Removes withheld checks from a week's checks sources by a Roslyn syntax rewrite: every method named in the removal
/// set goes with its attributes (<c>[Check]</c>, <c>[Tolerance]</c>), its doc comment and the comments between them;
/// then, until nothing changes, every private method, property or field whose name no remaining token of the project
/// uses (a helper only the removed checks called: a reference trainer, its constants). A doc reference
/// (<c>&lt;see cref="…"/&gt;</c>) to a removed member becomes plain words, so the sources still build with warnings as errors.
/// </summary>
internal static partial class CheckStripper
{
    private static readonly CSharpParseOptions Parse = CSharpParseOptions.Default
        .WithLanguageVersion(LanguageVersion.Latest)
        .WithDocumentationMode(DocumentationMode.Parse);

    /// <summary>The sources without the methods in <paramref name="remove"/> and the private helpers nothing else uses.</summary>
    /// <param name="sources">Relative path → C# text, every file of the checks project.</param>
    /// <param name="remove">Methods to remove, as <c>Namespace.Class.Method</c> (the class's reflection full name, a dot, the method).</param>
    /// <returns>Relative path → stripped text (same keys).</returns>
    public static IReadOnlyDictionary<string, string> Strip(IReadOnlyDictionary<string, string> sources, IReadOnlySet<string> remove)
    {
        var roots = sources.ToDictionary(kv => kv.Key, kv => CSharpSyntaxTree.ParseText(kv.Value, Parse).GetRoot(), StringComparer.Ordinal);
        var removed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in roots.Keys.ToList())
        {
            var doomed = roots[key].DescendantNodes().OfType<MethodDeclarationSyntax>()
                .Where(m => remove.Contains(ClassName(m) + "." + m.Identifier.Text))
                .ToList();
            removed.UnionWith(doomed.Select(m => m.Identifier.Text));
            roots[key] = roots[key].RemoveNodes(doomed, SyntaxRemoveOptions.KeepNoTrivia)!;
        }

        while (true)
        {
            var unused = UnusedPrivateNames(roots.Values);
            if (unused.Count == 0)
            {
                break;
            }

            removed.UnionWith(unused);
            foreach (var key in roots.Keys.ToList())
            {
                var doomed = roots[key].DescendantNodes().OfType<MemberDeclarationSyntax>().Where(m => IsPrivate(m) && DeclaredNames(m).Any() && DeclaredNames(m).All(unused.Contains)).ToList();
                roots[key] = roots[key].RemoveNodes(doomed, SyntaxRemoveOptions.KeepNoTrivia)!;
            }
        }

        return roots.ToDictionary(kv => kv.Key, kv => Tidy(Uncref(kv.Value.ToFullString(), removed)), StringComparer.Ordinal);
    }

    /// <summary>Removing members leaves blank lines behind: none after an opening or before a closing brace, at most one in a row.</summary>
    private static string Tidy(string text) =>
        BlankBeforeBrace().Replace(BlankAfterBrace().Replace(BlankRun().Replace(text, "\n\n"), "{\n"), "\n$1}");

    /// <summary>The reflection full name of the class declaring <paramref name="node"/> (Namespace.Outer+Inner).</summary>
    public static string ClassName(SyntaxNode node)
    {
        var types = node.Ancestors().OfType<BaseTypeDeclarationSyntax>().Select(t => t.Identifier.Text).Reverse();
        var ns = node.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().Select(n => n.Name.ToString()).Reverse();
        var nsText = string.Join('.', ns);
        return (nsText.Length > 0 ? nsText + "." : "") + string.Join('+', types);
    }

    /// <summary>Names of private members whose every use is their own declaration.</summary>
    private static HashSet<string> UnusedPrivateNames(IEnumerable<SyntaxNode> roots)
    {
        var all = roots.ToList();
        var uses = all.SelectMany(r => r.DescendantTokens(descendIntoTrivia: true))
            .Where(t => t.IsKind(SyntaxKind.IdentifierToken))
            .GroupBy(t => t.ValueText, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var declarations = all.SelectMany(r => r.DescendantNodes().OfType<MemberDeclarationSyntax>()).ToList();
        var declaredCount = declarations.SelectMany(DeclaredNames).GroupBy(n => n, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return [.. declarations.Where(IsPrivate).SelectMany(DeclaredNames).Where(n => uses.GetValueOrDefault(n) <= declaredCount[n])];
    }

    private static IEnumerable<string> DeclaredNames(MemberDeclarationSyntax member) => member switch
    {
        MethodDeclarationSyntax m => [m.Identifier.ValueText],
        PropertyDeclarationSyntax p => [p.Identifier.ValueText],
        FieldDeclarationSyntax f => f.Declaration.Variables.Select(v => v.Identifier.ValueText),
        _ => [],
    };

    private static bool IsPrivate(MemberDeclarationSyntax member) =>
        member is MethodDeclarationSyntax or PropertyDeclarationSyntax or FieldDeclarationSyntax
        && member.Parent is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax
        && (member.Modifiers.Any(SyntaxKind.PrivateKeyword)
            || !member.Modifiers.Any(m => m.Kind() is SyntaxKind.PublicKeyword or SyntaxKind.InternalKeyword or SyntaxKind.ProtectedKeyword));

    /// <summary>Turns doc references to removed members into plain words (a cref to a missing member breaks the build).</summary>
    private static string Uncref(string text, HashSet<string> removed) =>
        CrefRule().Replace(text, m => removed.Contains(m.Groups["name"].Value) ? "a check that is graded after submission" : m.Value);

    [GeneratedRegex(@"\n([ \t]*\n){2,}")]
    private static partial Regex BlankRun();

    [GeneratedRegex(@"\{\n([ \t]*\n)+")]
    private static partial Regex BlankAfterBrace();

    [GeneratedRegex(@"\n[ \t]*\n([ \t]*)\}")]
    private static partial Regex BlankBeforeBrace();

    [GeneratedRegex("""<see cref="(?<name>[A-Za-z_][A-Za-z0-9_]*)"\s*/>""")]
    private static partial Regex CrefRule();
}
