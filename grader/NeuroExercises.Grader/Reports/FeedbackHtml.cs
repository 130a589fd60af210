using System.Globalization;
using System.Net;
using System.Text;

namespace NeuroExercises.Grader.Reports;

/// <summary>
/// feedback.html: one self-contained file (inline CSS, plots as data: URIs, no script, no external reference), every
/// piece of text HTML-encoded (exception messages and output tails come from the student's code).
/// </summary>
internal static class FeedbackHtml
{
    private const string Style = """
        body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2328; margin: 0; background: #f6f8fa; }
        main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 2rem 3rem; background: #fff; }
        h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
        h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; padding-bottom: .3rem; }
        h3 { font-size: 1.05rem; margin: 0 0 .4rem; font-family: "DejaVu Sans Mono", monospace; }
        .meta { color: #59636e; margin: 0 0 1rem; }
        .total { font-size: 1.3rem; font-weight: bold; }
        table { border-collapse: collapse; margin: .5rem 0 1rem; }
        th, td { border: 1px solid #d0d7de; padding: .3rem .6rem; text-align: left; vertical-align: top; }
        th { background: #f6f8fa; }
        td.points, th.points { text-align: right; white-space: nowrap; }
        td.check { font-family: "DejaVu Sans Mono", monospace; font-size: .9rem; }
        tr.passed td.result { color: #1a7f37; }
        tr.failed td.result { color: #cf222e; font-weight: bold; }
        tr.hidden td.check { color: #59636e; }
        section.check { border: 1px solid #d0d7de; border-left: 4px solid #cf222e; border-radius: 4px; padding: .8rem 1rem; margin: 1rem 0; }
        section.check.passed { border-left-color: #1a7f37; }
        .status { font-family: "DejaVu Sans", sans-serif; font-weight: normal; color: #59636e; }
        pre { background: #f6f8fa; border: 1px solid #d0d7de; padding: .6rem; overflow-x: auto; white-space: pre-wrap; word-break: break-word; font-size: .85rem; }
        code { font-family: "DejaVu Sans Mono", monospace; font-size: .9em; }
        .hint { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 4px; padding: .5rem .8rem; }
        figure { margin: 1rem 0; }
        figure img { max-width: 100%; height: auto; border: 1px solid #d0d7de; }
        figcaption { color: #59636e; font-size: .9rem; }
        .note { color: #59636e; font-size: .9rem; }
        """;

    /// <summary>The page as HTML text.</summary>
    public static string Render(FeedbackPage page)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n")
            .Append("<title>").Append(E(page.Title)).Append(" — feedback</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n<main>\n");
        h.Append("<h1>").Append(E(page.Title)).Append("</h1>\n");
        h.Append("<p class=\"meta\">Your feedback: <span class=\"total\" id=\"total\">").Append(E(FeedbackText.Points(page.Score, page.MaxScore)))
            .Append("</span> points · graded ").Append(E(Date(page.Date))).Append(" on ").Append(E(page.Device)).Append("</p>\n");
        if (page.Message.Length > 0)
        {
            h.Append("<pre class=\"message\" id=\"message\">").Append(E(page.Message)).Append("</pre>\n");
        }

        if (page.Rows.Count > 0)
        {
            ScoreTable(h, page);
        }

        var misses = page.Sections.Where(s => !s.Passed).ToList();
        if (misses.Count > 0)
        {
            h.Append("<h2>What to fix</h2>\n");
            foreach (var s in misses)
            {
                Section(h, s);
            }
        }

        var passed = page.Sections.Where(s => s.Passed).ToList();
        if (passed.Count > 0)
        {
            h.Append("<h2>Your passed checks, plotted</h2>\n");
            foreach (var s in passed)
            {
                Section(h, s);
            }
        }

        if (page.HiddenCount > 0)
        {
            h.Append("<p class=\"note\">").Append(E(string.Create(CultureInfo.InvariantCulture, $"{page.HiddenCount} hidden check(s) show only whether they passed.")))
                .Append("</p>\n");
        }

        h.Append("<p class=\"note\">Manifest ").Append(E(page.Manifest.Length > 12 ? page.Manifest[..12] : page.Manifest)).Append(" · week ").Append(E(page.Week)).Append("</p>\n");
        h.Append("</main>\n</body>\n</html>\n");
        return h.ToString();
    }

    private static void ScoreTable(StringBuilder h, FeedbackPage page)
    {
        h.Append("<h2>Checks</h2>\n<table id=\"scores\">\n<thead><tr><th>check</th><th class=\"points\">points</th><th>result</th></tr></thead>\n<tbody>\n");
        foreach (var r in page.Rows)
        {
            var classes = (r.Passed ? "passed" : "failed") + (r.Hidden ? " hidden" : "");
            h.Append("<tr class=\"").Append(classes).Append("\" data-check=\"").Append(E(r.Check)).Append("\"><td class=\"check\">");
            if (r.HasSection)
            {
                h.Append("<a href=\"#").Append(E(FeedbackText.Anchor(r.Check))).Append("\">").Append(E(r.Check)).Append("</a>");
            }
            else
            {
                h.Append(E(r.Check)).Append(r.Hidden ? " <span class=\"note\">(hidden)</span>" : "");
            }

            h.Append("</td><td class=\"points\">").Append(E(FeedbackText.Points(r.Score, r.MaxScore)))
                .Append("</td><td class=\"result\">").Append(E(r.Result)).Append("</td></tr>\n");
        }

        h.Append("</tbody>\n<tfoot><tr><th>total</th><th class=\"points\">").Append(E(FeedbackText.Points(page.Score, page.MaxScore)))
            .Append("</th><th></th></tr></tfoot>\n</table>\n");
    }

    private static void Section(StringBuilder h, FeedbackSection s)
    {
        h.Append("<section class=\"check").Append(s.Passed ? " passed" : "").Append("\" id=\"").Append(E(s.Anchor)).Append("\">\n<h3>")
            .Append(E(s.Check)).Append(" <span class=\"status\">").Append(E(FeedbackText.Points(s.Score, s.MaxScore))).Append(" · ").Append(E(s.Result))
            .Append("</span></h3>\n");
        if (s.Description.Length > 0)
        {
            h.Append("<p>").Append(E(s.Description)).Append("</p>\n");
        }

        if (!s.Passed && s.Compared.Count > 0)
        {
            h.Append("<p>Compared with the reference: ").AppendJoin(", ", s.Compared.Select(o => "<code>" + E(o) + "</code>")).Append(".</p>\n");
        }

        if (s.Misses.Count > 0)
        {
            MissTable(h, s.Misses);
        }

        if (s.Message.Length > 0)
        {
            h.Append("<pre class=\"message\">").Append(E(s.Message)).Append("</pre>\n");
        }

        if (s.Hint.Length > 0)
        {
            h.Append("<p class=\"hint\"><strong>Hint:</strong> ").Append(E(s.Hint)).Append("</p>\n");
        }

        if (s.ReceivedFile is { } received)
        {
            h.Append("<p class=\"note\">Your outputs are in <code>").Append(E(received))
                .Append("</code> beside results.json (NumPy's <code>numpy.load</code>, or <code>NeuroExercises.Core.Npy.Npz.Read</code>).</p>\n");
        }

        foreach (var f in s.Figures)
        {
            h.Append("<figure><img src=\"data:image/png;base64,").Append(Convert.ToBase64String(f.Png)).Append("\" alt=\"").Append(E(f.Title))
                .Append("\" width=\"").Append(f.Width.ToString(CultureInfo.InvariantCulture)).Append("\" height=\"").Append(f.Height.ToString(CultureInfo.InvariantCulture))
                .Append("\"><figcaption>").Append(E(f.Caption)).Append("</figcaption></figure>\n");
        }

        h.Append("</section>\n");
    }

    private static void MissTable(StringBuilder h, IReadOnlyList<FeedbackMiss> misses)
    {
        h.Append("<table class=\"misses\">\n<thead><tr><th>output</th><th>largest error</th><th>where</th><th>expected</th><th>yours</th><th>allowed there</th><th>out of tolerance</th></tr></thead>\n<tbody>\n");
        foreach (var m in misses)
        {
            h.Append("<tr><td><code>").Append(E(m.Output)).Append("</code></td>");
            if (m.Worst is { } w && m.Tolerance is { } t)
            {
                h.Append("<td>").Append(E(FeedbackText.Small(w.Error))).Append("</td><td><code>").Append(E(FeedbackText.Index(w.Index))).Append("</code></td><td>")
                    .Append(E(FeedbackText.Value(w.Expected))).Append("</td><td>").Append(E(FeedbackText.Value(w.Received))).Append("</td><td>")
                    .Append(E(Allowed(t, w.Expected))).Append("</td><td>").Append(E($"{FeedbackText.Count(m.BadCount)} of {FeedbackText.Count(m.Count)}")).Append("</td>");
            }
            else
            {
                h.Append("<td colspan=\"6\">").Append(E(m.Problem)).Append("</td>");
            }

            h.Append("</tr>\n");
        }

        h.Append("</tbody>\n</table>\n");
    }

    /// <summary>"1e-06 + 1e-05·|expected| = 1.1e-05".</summary>
    internal static string Allowed(Discovery.OutputTolerance t, double expected) =>
        t.Atol == 0 && t.Rtol == 0
            ? "exact"
            : $"atol {FeedbackText.Small(t.Atol)} + rtol {FeedbackText.Small(t.Rtol)}·|expected| = {FeedbackText.Small(t.Atol + (t.Rtol * Math.Abs(expected)))}";

    /// <summary>The date as "2026-12-03 18:40 UTC".</summary>
    internal static string Date(DateTimeOffset date) => date.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
