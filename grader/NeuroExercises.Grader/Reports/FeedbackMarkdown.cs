using System.Globalization;
using System.Text;

namespace NeuroExercises.Grader.Reports;

/// <summary>
/// feedback.md: the same page as <see cref="FeedbackHtml"/> in Markdown, plots linked as PNG files in
/// <see cref="FeedbackReport.PlotsFolder"/>. Text from the student's code goes into fenced blocks longer than any backtick
/// run it holds; other text has Markdown's and HTML's special characters escaped.
/// </summary>
internal static class FeedbackMarkdown
{
    /// <summary>The page as Markdown text.</summary>
    public static string Render(FeedbackPage page)
    {
        var m = new StringBuilder();
        m.Append("# ").Append(T(page.Title)).Append("\n\n");
        m.Append("Your feedback: **").Append(T(FeedbackText.Points(page.Score, page.MaxScore))).Append("** points · graded ")
            .Append(T(FeedbackHtml.Date(page.Date))).Append(" on ").Append(T(page.Device)).Append("\n\n");
        if (page.Message.Length > 0)
        {
            Fence(m, page.Message);
        }

        if (page.Rows.Count > 0)
        {
            m.Append("## Checks\n\n| check | points | result |\n|---|---:|---|\n");
            foreach (var r in page.Rows)
            {
                var name = r.HasSection ? $"[{T(r.Check)}](#{Slug(r.Check)})" : T(r.Check) + (r.Hidden ? " (hidden)" : "");
                m.Append("| ").Append(name).Append(" | ").Append(T(FeedbackText.Points(r.Score, r.MaxScore))).Append(" | ")
                    .Append(r.Passed ? T(r.Result) : "**" + T(r.Result) + "**").Append(" |\n");
            }

            m.Append("| **total** | **").Append(T(FeedbackText.Points(page.Score, page.MaxScore))).Append("** | |\n\n");
        }

        var misses = page.Sections.Where(s => !s.Passed).ToList();
        if (misses.Count > 0)
        {
            m.Append("## What to fix\n\n");
            foreach (var s in misses)
            {
                Section(m, s);
            }
        }

        var passed = page.Sections.Where(s => s.Passed).ToList();
        if (passed.Count > 0)
        {
            m.Append("## Your passed checks, plotted\n\n");
            foreach (var s in passed)
            {
                Section(m, s);
            }
        }

        if (page.HiddenCount > 0)
        {
            m.Append(T(string.Create(CultureInfo.InvariantCulture, $"{page.HiddenCount} hidden check(s) show only whether they passed."))).Append("\n\n");
        }

        m.Append("Manifest ").Append(T(page.Manifest.Length > 12 ? page.Manifest[..12] : page.Manifest)).Append(" · week ").Append(T(page.Week)).Append('\n');
        return m.ToString();
    }

    /// <summary>The PNG files the Markdown links, as (path relative to feedback.md, bytes).</summary>
    public static IEnumerable<(string File, byte[] Png)> PlotFiles(FeedbackPage page) =>
        page.Sections.SelectMany(s => s.Figures.Select((f, k) => (PlotFile(s, k), f.Png)));

    private static string PlotFile(FeedbackSection s, int k) =>
        string.Create(CultureInfo.InvariantCulture, $"{FeedbackReport.PlotsFolder}/{s.Anchor}-{k + 1}.png");

    private static void Section(StringBuilder m, FeedbackSection s)
    {
        m.Append("### ").Append(T(s.Check)).Append("\n\n**").Append(T(FeedbackText.Points(s.Score, s.MaxScore))).Append(" · ").Append(T(s.Result)).Append("**");
        if (s.Description.Length > 0)
        {
            m.Append(" — ").Append(T(s.Description));
        }

        m.Append("\n\n");
        if (!s.Passed && s.Compared.Count > 0)
        {
            m.Append("Compared with the reference: ").AppendJoin(", ", s.Compared.Select(Code)).Append(".\n\n");
        }

        if (s.Misses.Count > 0)
        {
            m.Append("| output | largest error | where | expected | yours | allowed there | out of tolerance |\n|---|---|---|---|---|---|---|\n");
            foreach (var x in s.Misses)
            {
                m.Append("| ").Append(Code(x.Output)).Append(" | ");
                if (x.Worst is { } w && x.Tolerance is { } t)
                {
                    m.Append(T(FeedbackText.Small(w.Error))).Append(" | ").Append(Code(FeedbackText.Index(w.Index))).Append(" | ")
                        .Append(T(FeedbackText.Value(w.Expected))).Append(" | ").Append(T(FeedbackText.Value(w.Received))).Append(" | ")
                        .Append(T(FeedbackHtml.Allowed(t, w.Expected))).Append(" | ").Append(T($"{FeedbackText.Count(x.BadCount)} of {FeedbackText.Count(x.Count)}")).Append(" |\n");
                }
                else
                {
                    m.Append(T(x.Problem)).Append(" | | | | | |\n");
                }
            }

            m.Append('\n');
        }

        if (s.Message.Length > 0)
        {
            Fence(m, s.Message);
        }

        if (s.Hint.Length > 0)
        {
            m.Append("> **Hint:** ").Append(T(s.Hint)).Append("\n\n");
        }

        if (s.ReceivedFile is { } received)
        {
            m.Append("Your outputs are in ").Append(Code(received)).Append(" beside results.json.\n\n");
        }

        for (var k = 0; k < s.Figures.Count; k++)
        {
            m.Append("![").Append(T(s.Figures[k].Title)).Append("](").Append(PlotFile(s, k)).Append(")\n\n*").Append(T(s.Figures[k].Caption)).Append("*\n\n");
        }
    }

    /// <summary>The anchor a Markdown viewer (GitHub, VS Code) gives the heading "### id": lower case, punctuation other than '-' and '_' dropped.</summary>
    private static string Slug(string id) => new([.. id.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')]);

    /// <summary>A fenced block longer than any run of backticks in <paramref name="text"/>.</summary>
    private static void Fence(StringBuilder m, string text)
    {
        var longest = 0;
        var run = 0;
        foreach (var ch in text)
        {
            run = ch == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', Math.Max(3, longest + 1));
        m.Append(fence).Append("text\n").Append(text.TrimEnd('\n')).Append('\n').Append(fence).Append("\n\n");
    }

    /// <summary>Inline code for a name from the checks: backticks can't occur there, but pipes in a table cell are escaped.</summary>
    private static string Code(string text) => "`" + text.Replace("`", "'", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal) + "`";

    /// <summary>Plain text: HTML and Markdown special characters escaped, newlines as spaces (table cells, headings).</summary>
    private static string T(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '\n' or '\r': sb.Append(' '); break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '#': sb.Append('\\').Append(ch); break;
                default: sb.Append(ch); break;
            }
        }

        return sb.ToString();
    }
}
