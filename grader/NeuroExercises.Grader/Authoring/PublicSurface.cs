using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NeuroExercises.Grader.Compile;

namespace NeuroExercises.Grader.Authoring;

/// <summary>
/// The public API of a set of sources as the compiler sees it: every public or protected type and member with its full
/// signature (modifiers, types, parameter names and defaults, constant values) and its XML doc.
/// </summary>
internal static class PublicSurface
{
    private static readonly SymbolDisplayFormat Format = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMemberOptions(SymbolDisplayMemberOptions.IncludeAccessibility | SymbolDisplayMemberOptions.IncludeModifiers
            | SymbolDisplayMemberOptions.IncludeType | SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeContainingType
            | SymbolDisplayMemberOptions.IncludeConstantValue | SymbolDisplayMemberOptions.IncludeRef | SymbolDisplayMemberOptions.IncludeExplicitInterface)
        .WithParameterOptions(SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName
            | SymbolDisplayParameterOptions.IncludeDefaultValue | SymbolDisplayParameterOptions.IncludeParamsRefOut | SymbolDisplayParameterOptions.IncludeExtensionThis)
        .WithKindOptions(SymbolDisplayKindOptions.IncludeTypeKeyword)
        .WithGenericsOptions(SymbolDisplayGenericsOptions.IncludeTypeParameters | SymbolDisplayGenericsOptions.IncludeTypeConstraints)
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>
    /// Compiles <paramref name="sources"/> (file name → text) against the grader's references; returns the compile
    /// errors (file:line: message) and the surface (signature → XML doc).
    /// </summary>
    public static (IReadOnlyList<string> Errors, IReadOnlyDictionary<string, string> Surface) Of(IReadOnlyDictionary<string, string> sources, string assemblyName)
    {
        var parse = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest).WithDocumentationMode(DocumentationMode.Parse);
        var trees = sources.Where(kv => kv.Key.EndsWith(".cs", StringComparison.Ordinal))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => CSharpSyntaxTree.ParseText(kv.Value, parse, path: kv.Key))
            .Prepend(CSharpSyntaxTree.ParseText(SubmissionCompiler.ImplicitUsings, parse, path: "<implicit-usings>"));
        var compilation = CSharpCompilation.Create(
            assemblyName,
            trees,
            SubmissionCompiler.DefaultReferences(AppContext.BaseDirectory).Select(r => MetadataReference.CreateFromFile(r)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary).WithNullableContextOptions(NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d =>
            {
                var span = d.Location.GetLineSpan();
                return $"{span.Path}:{span.StartLinePosition.Line + 1}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
            })
            .ToList();
        var surface = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(compilation.Assembly.GlobalNamespace, surface);
        return (errors, surface);
    }

    /// <summary>The differences between two surfaces, one line each (empty when equal).</summary>
    public static IReadOnlyList<string> Compare(IReadOnlyDictionary<string, string> solution, IReadOnlyDictionary<string, string> exercise)
    {
        var problems = new List<string>();
        problems.AddRange(solution.Keys.Except(exercise.Keys).Select(k => $"only in the solutions: {k}"));
        problems.AddRange(exercise.Keys.Except(solution.Keys).Select(k => $"only in the exercises: {k}"));
        problems.AddRange(solution.Keys.Intersect(exercise.Keys).Where(k => solution[k] != exercise[k]).Select(k => $"XML doc differs: {k}"));
        return problems;
    }

    private static void Walk(INamespaceOrTypeSymbol container, SortedDictionary<string, string> surface)
    {
        foreach (var member in container.GetMembers())
        {
            switch (member)
            {
                case INamespaceSymbol ns:
                    Walk(ns, surface);
                    break;
                case INamedTypeSymbol type when Visible(type):
                    surface[type.ToDisplayString(Format)] = type.GetDocumentationCommentXml() ?? "";
                    Walk(type, surface);
                    break;
                case INamedTypeSymbol:
                    break;
                default:
                    if (Visible(member) && !member.IsImplicitlyDeclared)
                    {
                        surface[member.ToDisplayString(Format)] = member.GetDocumentationCommentXml() ?? "";
                    }

                    break;
            }
        }
    }

    private static bool Visible(ISymbol symbol) =>
        symbol.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal
        && (symbol.ContainingType is null || Visible(symbol.ContainingType));
}
