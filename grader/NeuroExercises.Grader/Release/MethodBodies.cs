using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NeuroExercises.Grader.Release;

/// <summary>
/// Method bodies of C# sources, normalised for comparison: the body's tokens concatenated without trivia (no whitespace,
/// no comments), so reformatting or recommenting a body does not hide it. Methods, constructors, operators, accessors and
/// local functions count; a body is its block or its expression (<c>=&gt; …</c>).
/// </summary>
internal static class MethodBodies
{
    private static readonly CSharpParseOptions Parse = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

    /// <summary>Every method-like body of <paramref name="text"/>.</summary>
    public static IReadOnlyList<MethodBody> Of(string text)
    {
        var root = CSharpSyntaxTree.ParseText(text, Parse).GetRoot();
        var result = new List<MethodBody>();
        foreach (var node in root.DescendantNodes())
        {
            var (name, body) = node switch
            {
                BaseMethodDeclarationSyntax m => (NameOf(m), (SyntaxNode?)m.Body ?? m.ExpressionBody),
                AccessorDeclarationSyntax a => (a.Parent?.Parent is BasePropertyDeclarationSyntax p ? $"{PropertyName(p)}.{a.Keyword.Text}" : a.Keyword.Text, (SyntaxNode?)a.Body ?? a.ExpressionBody),
                LocalFunctionStatementSyntax l => (l.Identifier.Text, (SyntaxNode?)l.Body ?? l.ExpressionBody),
                _ => ("", null),
            };
            if (body is null)
            {
                continue;
            }

            var markers = body.DescendantTrivia().Where(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia)).ToList();
            var begin = markers.FirstOrDefault(t => t.ToString().Contains("BEGIN SOLUTION", StringComparison.Ordinal));
            var end = markers.FirstOrDefault(t => t.ToString().Contains("END SOLUTION", StringComparison.Ordinal));
            var region = begin == default || end == default || end.SpanStart < begin.SpanStart
                ? null
                : Normalise(body.DescendantTokens().Where(t => t.SpanStart > begin.SpanStart && t.SpanStart < end.SpanStart));
            var qualified = CheckStripper.ClassName(node) is { Length: > 0 } type ? $"{type}.{name}" : name;
            var graded = node.GetLeadingTrivia().ToFullString().Contains("graded by", StringComparison.OrdinalIgnoreCase);
            result.Add(new MethodBody(qualified, Signature(node), Normalise(body.DescendantTokens()), region, body.GetLocation().GetLineSpan().StartLinePosition.Line + 1) { Graded = graded });
        }

        return result;
    }

    /// <summary>The tokens' text concatenated (trivia dropped).</summary>
    public static string Normalise(IEnumerable<SyntaxToken> tokens) => string.Concat(tokens.Select(t => t.Text));

    private static string NameOf(BaseMethodDeclarationSyntax m) => m switch
    {
        MethodDeclarationSyntax md => md.Identifier.Text,
        ConstructorDeclarationSyntax c => c.Modifiers.Any(SyntaxKind.StaticKeyword) ? ".cctor" : ".ctor",
        DestructorDeclarationSyntax => "Finalize",
        OperatorDeclarationSyntax o => "op " + o.OperatorToken.Text,
        ConversionOperatorDeclarationSyntax c => "op " + c.Type,
        _ => m.Kind().ToString(),
    };

    private static string PropertyName(BasePropertyDeclarationSyntax p) => p switch
    {
        PropertyDeclarationSyntax pd => pd.Identifier.Text,
        EventDeclarationSyntax e => e.Identifier.Text,
        _ => "this[]",
    };

    private static string Signature(SyntaxNode node) => node switch
    {
        BaseMethodDeclarationSyntax m => string.Join(",", m.ParameterList.Parameters.Select(p => p.Type?.ToString() ?? "")),
        LocalFunctionStatementSyntax l => string.Join(",", l.ParameterList.Parameters.Select(p => p.Type?.ToString() ?? "")),
        _ => "",
    };
}
