using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NeuroExercises.Grader.Release;

/// <summary>
/// Whether an identifier in a checks source refers to a hidden check method, judged from the syntax around it. A hidden
/// check <c>Class.Method</c> is referred to by <c>Method</c> declared or used unqualified inside a class named
/// <c>Class</c> (<c>nameof(Method)</c>, a call, a cref), by <c>this.Method</c> there, or by <c>Class.Method</c> anywhere.
/// The same simple name elsewhere is another member and not a leak: a visible check of another class
/// (<c>NetChecks.Train</c> beside a hidden <c>CnnChecks.Train</c>), the method a check grades (<c>Rule.Step</c> beside
/// a hidden <c>RuleChecks.Step</c>), an enum member (<c>Mode.Zero</c>).
/// </summary>
internal static class HiddenCheckReference
{
    /// <summary>True when <paramref name="token"/> names a hidden check of one of <paramref name="classes"/> (simple or full class names).</summary>
    public static bool Names(SyntaxToken token, IEnumerable<string> classes)
    {
        var simple = classes.Select(c => c[(Math.Max(c.LastIndexOf('.'), c.LastIndexOf('+')) + 1)..]).ToHashSet(StringComparer.Ordinal);
        var qualifier = QualifierOf(token);
        if (qualifier is not null)
        {
            return qualifier is ThisExpressionSyntax ? simple.Contains(EnclosingClass(token) ?? string.Empty) : simple.Contains(LastName(qualifier));
        }

        // Unqualified (a declaration, a call, nameof, a cref): the enclosing class decides; outside any class, be strict.
        return EnclosingClass(token) is not { } enclosing || simple.Contains(enclosing);
    }

    /// <summary>
    /// What qualifies <paramref name="token"/>: <c>A.B</c> of <c>A.B.M</c> (member access, qualified name or cref
    /// container), or null when it is not qualified (<c>x?.M</c> counts as unqualified).
    /// </summary>
    internal static SyntaxNode? QualifierOf(SyntaxToken token) => token.Parent switch
    {
        SimpleNameSyntax name when name.Parent is MemberAccessExpressionSyntax access && access.Name == name => access.Expression,
        SimpleNameSyntax name when name.Parent is QualifiedNameSyntax qualified && qualified.Right == name => qualified.Left,
        // In <see cref="A.M"/> the token's parent is the name M inside the member cref, whose parent is the qualified cref.
        SimpleNameSyntax name when name.Parent is NameMemberCrefSyntax { Parent: QualifiedCrefSyntax qualified } => qualified.Container,
        NameMemberCrefSyntax cref when cref.Parent is QualifiedCrefSyntax qualified => qualified.Container,
        _ => null,
    };

    private static string? EnclosingClass(SyntaxToken token)
    {
        // Doc comments are structured trivia: climb out through the trivia's token to the declaration it documents.
        var node = token.Parent;
        while (node is not null)
        {
            if (node is TypeDeclarationSyntax type)
            {
                return type.Identifier.ValueText;
            }

            node = node is StructuredTriviaSyntax trivia ? trivia.ParentTrivia.Token.Parent : node.Parent;
        }

        return null;
    }

    private static string LastName(SyntaxNode qualifier) => qualifier switch
    {
        SimpleNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        _ => qualifier.ToString().Split('.')[^1].Trim(),
    };
}
