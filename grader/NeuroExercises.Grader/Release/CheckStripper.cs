using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NeuroExercises.Grader.Release;

/// <summary>
/// Removes withheld checks from a week's checks sources by a Roslyn syntax rewrite: every method named in the removal
/// set goes with its attributes (<c>[Check]</c>, <c>[Tolerance]</c>), its doc comment and the comments between them;
/// then, until nothing changes, every private or internal method, property or field whose name no remaining token of the
/// project uses (a helper only the removed checks called: a reference trainer, its constants, a trusted reference of a
/// graded function; a checks project is one assembly, so an internal member nothing in it uses is dead there). A doc reference
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

            removed.UnionWith(unused.Select(u => u.Name));
            foreach (var key in roots.Keys.ToList())
            {
                var doomed = roots[key].DescendantNodes().OfType<MemberDeclarationSyntax>()
                    .Where(m => IsPrivate(m) && DeclaredNames(m).Any() && DeclaredNames(m).All(n => unused.Contains((DeclaringType(m), n))))
                    .ToList();
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

    /// <summary>
    /// Private and internal members (declaring type's simple name, member name) that no token of the project uses. A use
    /// qualified by a type of the project counts for that type's member only; one qualified by a capitalised name that is
    /// neither a type nor a member of the project (a type of the exercise or of a library: <c>Rsa.Rdm</c>) counts for none,
    /// so a trusted <c>Reference.Rdm</c> that only hidden checks called goes with them; a use on a variable, <c>this</c> or
    /// an expression counts for every instance member of that name (a static class has none: <c>network.Forward</c> keeps no
    /// <c>Reference.Forward</c>); an unqualified use counts for every member of that name, so nothing reachable is removed.
    /// </summary>
    private static HashSet<(string Type, string Name)> UnusedPrivateNames(IEnumerable<SyntaxNode> roots)
    {
        var all = roots.ToList();
        var declarations = all.SelectMany(r => r.DescendantNodes().OfType<MemberDeclarationSyntax>()).ToList();
        var types = all.SelectMany(r => r.DescendantNodes().OfType<BaseTypeDeclarationSyntax>()).Select(t => t.Identifier.ValueText).ToHashSet(StringComparer.Ordinal);
        var members = declarations.SelectMany(DeclaredNames).ToHashSet(StringComparer.Ordinal);
        var staticTypes = all.SelectMany(r => r.DescendantNodes().OfType<ClassDeclarationSyntax>())
            .Where(c => c.Modifiers.Any(SyntaxKind.StaticKeyword)).Select(c => c.Identifier.ValueText).ToHashSet(StringComparer.Ordinal);
        var usedEverywhere = new HashSet<string>(StringComparer.Ordinal);
        var usedOnInstances = new HashSet<string>(StringComparer.Ordinal);
        var usedOf = new HashSet<(string Type, string Name)>();
        foreach (var token in all.SelectMany(r => r.DescendantTokens(descendIntoTrivia: true)).Where(t => t.IsKind(SyntaxKind.IdentifierToken)))
        {
            if (IsDeclarationName(token))
            {
                continue;
            }

            switch (QualifierName(token))
            {
                case null:
                    usedEverywhere.Add(token.ValueText);
                    break;
                case var q when types.Contains(q):
                    usedOf.Add((q, token.ValueText));
                    break;
                case { Length: > 0 } q when char.IsUpper(q[0]) && !members.Contains(q):
                    break; // another assembly's type (or a namespace): not a member of this project
                default:
                    usedOnInstances.Add(token.ValueText); // x.M, this.M, f(x).M: an instance member (a static class has none)
                    break;
            }
        }

        return [.. declarations.Where(IsPrivate)
            .SelectMany(m => DeclaredNames(m).Select(n => (Type: DeclaringType(m), Name: n)))
            .Where(d => !usedEverywhere.Contains(d.Name) && !usedOf.Contains(d) && (staticTypes.Contains(d.Type) || !usedOnInstances.Contains(d.Name)))];
    }

    /// <summary>The simple name of the type declaring <paramref name="member"/>.</summary>
    private static string DeclaringType(MemberDeclarationSyntax member) => member.Parent is BaseTypeDeclarationSyntax type ? type.Identifier.ValueText : string.Empty;

    /// <summary>True for the identifier that a method, property or field declaration declares.</summary>
    private static bool IsDeclarationName(SyntaxToken token) => token.Parent switch
    {
        MethodDeclarationSyntax m => m.Identifier == token,
        PropertyDeclarationSyntax p => p.Identifier == token,
        VariableDeclaratorSyntax v => v.Identifier == token && v.Parent?.Parent is FieldDeclarationSyntax,
        _ => false,
    };

    /// <summary>
    /// The last simple name of what qualifies <paramref name="token"/> (<c>A.B.M</c> → B), "" for a qualifier that is not a
    /// plain name (<c>this.M</c>, <c>f(x).M</c>, <c>x?.M</c>), or null when the token is not qualified.
    /// </summary>
    private static string? QualifierName(SyntaxToken token)
    {
        return HiddenCheckReference.QualifierOf(token) switch
        {
            null => null,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            _ => string.Empty,
        };
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
            || (member.Modifiers.Any(SyntaxKind.InternalKeyword) && !member.Modifiers.Any(SyntaxKind.ProtectedKeyword))
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
