using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NeuroExercises.Grader.Authoring;

/// <summary>
/// One solution file with its markers (<see cref="Markers"/>) parsed: the graded regions, named by their enclosing
/// member, and the lines only the solution has. Renders the exercise or sample form of the file.
/// </summary>
internal sealed class MarkedFile
{
    private readonly string[] lines;
    private readonly bool[] solutionOnly;
    private readonly bool[] markerLine;
    private readonly string trailingMarker;

    private MarkedFile(string path, string[] lines, LineMarks marks, string trailingMarker, IReadOnlyList<MarkedRegion> regions)
    {
        Path = path;
        this.lines = lines;
        solutionOnly = marks.Only;
        markerLine = marks.Marker;
        this.trailingMarker = trailingMarker;
        Regions = regions;
    }

    /// <summary>The file's path as messages name it.</summary>
    public string Path { get; }

    /// <summary>The graded regions in file order.</summary>
    public IReadOnlyList<MarkedRegion> Regions { get; }

    /// <summary>True when the file has no marker at all: provided code, copied unchanged.</summary>
    public bool IsProvided => Regions.Count == 0 && !solutionOnly.Any(b => b);

    /// <summary>
    /// Parses a C# solution file. Throws <see cref="AuthoringException"/> naming file:line and the fix for unbalanced,
    /// nested or misspelt markers, a region outside one method body, and a method whose XML doc says "Graded by" but
    /// whose body has no region.
    /// </summary>
    public static MarkedFile ParseCSharp(string path, string text)
    {
        var lines = text.Split('\n');
        var (marks, regionLines, problems) = Scan(path, lines, "// ", "", allowRegions: true);
        var regions = new List<MarkedRegion>();
        var root = CSharpSyntaxTree.ParseText(text, CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest)).GetCompilationUnitRoot();
        var bodies = root.DescendantNodes().Select(BodyOf).OfType<(SyntaxNode Member, BlockSyntax Body)>().ToList();
        foreach (var (begin, end) in regionLines)
        {
            var enclosing = bodies
                .Where(b => LineOf(b.Body.OpenBraceToken) < begin && LineOf(b.Body.CloseBraceToken) > end)
                .OrderBy(b => b.Body.Span.Length)
                .Select(b => b.Member)
                .FirstOrDefault();
            if (enclosing is null)
            {
                problems.Add($"{path}:{begin}: this // {Markers.Begin} region (to line {end}) is not inside one method body; put BEGIN after the method's opening brace and END before its closing brace.");
                continue;
            }

            var text0 = lines[begin - 1];
            var indent = text0[..(text0.Length - text0.TrimStart().Length)];
            var next = begin < end - 1 ? lines[begin].Trim() : "";
            var hint = next.StartsWith(Markers.StubHint, StringComparison.Ordinal) ? next[Markers.StubHint.Length..].Trim().TrimEnd('.') : null;
            if (hint is not null)
            {
                marks.Marker[begin] = true;
            }

            regions.Add(new MarkedRegion(begin, end, indent, NameOf(enclosing), hint));
        }

        foreach (var method in root.DescendantNodes().OfType<BaseMethodDeclarationSyntax>())
        {
            var doc = string.Concat(method.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia)).Select(t => t.ToFullString()));
            if (!doc.Contains(Markers.GradedBy, StringComparison.Ordinal))
            {
                continue;
            }

            var body = method.Body;
            var marked = body is not null && regionLines.Any(r => LineOf(body.OpenBraceToken) < r.Begin && LineOf(body.CloseBraceToken) > r.End);
            if (!marked)
            {
                var line = method.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                problems.Add($"{path}:{line}: {NameOf(method)} is graded (its XML doc says \"{Markers.GradedBy}\") but its body has no // {Markers.Begin} … // {Markers.End}; "
                    + "enclose the body's statements in those two marker lines (a block body, not =>), or drop \"Graded by\" from the doc if it is provided code.");
            }
        }

        if (problems.Count > 0)
        {
            throw new AuthoringException(problems);
        }

        return new MarkedFile(path, lines, marks, "// " + Markers.Only, regions);
    }

    /// <summary>Parses a project file: only <c>&lt;!-- SOLUTION ONLY --&gt;</c> lines and blocks (no graded regions).</summary>
    public static MarkedFile ParseProject(string path, string text)
    {
        var lines = text.Split('\n');
        var (marks, _, problems) = Scan(path, lines, "<!-- ", " -->", allowRegions: false);
        if (problems.Count > 0)
        {
            throw new AuthoringException(problems);
        }

        return new MarkedFile(path, lines, marks, "<!-- " + Markers.Only + " -->", []);
    }

    /// <summary>
    /// The file with each region for which <paramref name="stub"/> is true replaced by its stub line; when
    /// <paramref name="dropSolutionOnly"/>, the solution-only lines removed; when <paramref name="stripMarkers"/>, the
    /// marker lines and trailing markers of what is kept removed (the code as a student would have written it).
    /// </summary>
    public string Render(Func<MarkedRegion, bool> stub, bool dropSolutionOnly, bool stripMarkers = false)
    {
        var byBegin = Regions.Where(stub).ToDictionary(r => r.BeginLine);
        var output = new List<string>(lines.Length);
        var dropped = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (byBegin.TryGetValue(i + 1, out var region))
            {
                output.Add(region.StubLine + (lines[i].EndsWith('\r') ? "\r" : ""));
                i = region.EndLine - 1;
                dropped = false;
                continue;
            }

            if ((dropSolutionOnly && solutionOnly[i]) || (stripMarkers && markerLine[i]))
            {
                dropped = true;
                continue;
            }

            // A blank line right after dropped lines goes too when it would open the file or double a blank line
            // (e.g. the blank line after a file's only using, which was solution-only).
            var blank = lines[i].Trim().Length == 0;
            if (dropped && blank && (output.Count == 0 || output[^1].Trim().Length == 0))
            {
                continue;
            }

            dropped = false;
            var line = lines[i];
            var cr = line.EndsWith('\r') ? "\r" : "";
            output.Add(stripMarkers && solutionOnly[i] && line.TrimEnd().EndsWith(trailingMarker, StringComparison.Ordinal)
                ? line.TrimEnd()[..^trailingMarker.Length].TrimEnd() + cr
                : line);
        }

        return string.Join("\n", output);
    }

    /// <summary>The region holding line <paramref name="line"/> (1-based), or null.</summary>
    public MarkedRegion? RegionAt(int line) => Regions.FirstOrDefault(r => r.BeginLine <= line && line <= r.EndLine);

    private static (LineMarks Marks, List<(int Begin, int End)> Regions, List<string> Problems) Scan(
        string path, string[] lines, string open, string close, bool allowRegions)
    {
        var only = new bool[lines.Length];
        var marker = new bool[lines.Length];
        var regions = new List<(int, int)>();
        var problems = new List<string>();
        string Marker(string word) => open + word + close;
        int? region = null, block = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var n = i + 1;
            var t = lines[i].Trim();
            if (t == Marker(Markers.BeginOnly))
            {
                if (block is int b)
                {
                    problems.Add($"{path}:{n}: {Marker(Markers.BeginOnly)} inside the block opened at line {b}; close that one with {Marker(Markers.EndOnly)} first (blocks do not nest).");
                }
                else if (region is int r)
                {
                    problems.Add($"{path}:{n}: {Marker(Markers.BeginOnly)} inside the region opened at line {r}; a solution-only block goes outside method bodies (around a whole helper).");
                }

                block = n;
                only[i] = true;
                marker[i] = true;
            }
            else if (t == Marker(Markers.EndOnly))
            {
                if (block is null)
                {
                    problems.Add($"{path}:{n}: {Marker(Markers.EndOnly)} without a {Marker(Markers.BeginOnly)} above it; add the BEGIN line before the block or remove this line.");
                }

                only[i] = true;
                marker[i] = true;
                block = null;
            }
            else if (allowRegions && t == Marker(Markers.Begin))
            {
                if (region is int r)
                {
                    problems.Add($"{path}:{n}: {Marker(Markers.Begin)} inside the region opened at line {r}; close that one with {Marker(Markers.End)} first (regions do not nest).");
                }
                else if (block is int b)
                {
                    problems.Add($"{path}:{n}: {Marker(Markers.Begin)} inside the solution-only block opened at line {b}; a helper only the solution has is not graded, so drop these markers.");
                }

                region = n;
                marker[i] = true;
            }
            else if (allowRegions && t == Marker(Markers.End))
            {
                if (region is int r)
                {
                    regions.Add((r, n));
                }
                else
                {
                    problems.Add($"{path}:{n}: {Marker(Markers.End)} without a {Marker(Markers.Begin)} above it; add // {Markers.Begin} on the line after the method's opening brace, or remove this line.");
                }

                region = null;
                marker[i] = true;
            }
            else if (t.EndsWith(Marker(Markers.Only), StringComparison.Ordinal) && t.Length > Marker(Markers.Only).Length)
            {
                only[i] = true;
            }
            else if (LooksLikeMarker(t, open))
            {
                problems.Add($"{path}:{n}: '{t}' looks like a marker but is not one; write it alone on its line, exactly {Marker(Markers.Begin)}, {Marker(Markers.End)}, {Marker(Markers.BeginOnly)}, {Marker(Markers.EndOnly)}, or end a code line with {Marker(Markers.Only)}.");
            }
            else if (block is not null)
            {
                only[i] = true;
            }
        }

        if (region is int open1)
        {
            problems.Add($"{path}:{open1}: {Marker(Markers.Begin)} has no {Marker(Markers.End)} below it; add {Marker(Markers.End)} after the body's last statement.");
        }

        if (block is int open2)
        {
            problems.Add($"{path}:{open2}: {Marker(Markers.BeginOnly)} has no {Marker(Markers.EndOnly)} below it; add it after the block's last line.");
        }

        return (new LineMarks(only, marker), regions, problems);
    }

    private static bool LooksLikeMarker(string trimmed, string open)
    {
        var comment = trimmed.IndexOf(open.Trim(), StringComparison.Ordinal);
        if (comment < 0)
        {
            return false;
        }

        var rest = trimmed[comment..].ToUpperInvariant();
        return rest.Contains(Markers.Begin, StringComparison.Ordinal) || rest.Contains(Markers.End, StringComparison.Ordinal)
            || rest.Contains(Markers.Only, StringComparison.Ordinal);
    }

    private static (SyntaxNode Member, BlockSyntax Body)? BodyOf(SyntaxNode node) => node switch
    {
        BaseMethodDeclarationSyntax { Body: { } body } m => (m, body),
        AccessorDeclarationSyntax { Body: { } body } a => (a, body),
        _ => null,
    };

    private static int LineOf(SyntaxToken token) => token.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    private static string NameOf(SyntaxNode member)
    {
        var type = member.Ancestors().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault()?.Identifier.Text ?? "?";
        var name = member switch
        {
            MethodDeclarationSyntax m => m.Identifier.Text,
            ConstructorDeclarationSyntax => type,
            AccessorDeclarationSyntax a => (a.Parent?.Parent as PropertyDeclarationSyntax)?.Identifier.Text ?? a.Keyword.Text,
            OperatorDeclarationSyntax o => "operator " + o.OperatorToken.Text,
            _ => member.Kind().ToString(),
        };
        return type + "." + name;
    }

    /// <summary>Per line: only the solution has it; it is a marker line.</summary>
    private sealed record LineMarks(bool[] Only, bool[] Marker);
}
