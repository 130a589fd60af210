using System.Text;
using NeuroExercises.Grader.Checks;
using NeuroExercises.Grader.Judge;

namespace NeuroExercises.Grader.Reports;

/// <summary>
/// The page a student reads after a grade: <c>feedback.html</c> (self-contained: styles inline, plots as data: URIs, no
/// script, nothing fetched) and <c>feedback.md</c> (plots as PNG files in <c>feedback-plots/</c>). A score table; for each
/// visible check that missed, what was compared, the largest error and where, the tolerance, the check's hint, or the
/// (capped) message of an exception or time-out; plots declared by the checks. Hidden checks (and those shown only after
/// the due date or publication: this page is made at grading time) show only pass or fail.
/// </summary>
internal static class FeedbackReport
{
    /// <summary>The HTML file name.</summary>
    public const string HtmlFile = "feedback.html";

    /// <summary>The Markdown file name.</summary>
    public const string MarkdownFile = "feedback.md";

    /// <summary>The folder of the Markdown page's PNG files (beside it).</summary>
    public const string PlotsFolder = "feedback-plots";

    /// <summary>Builds the page and writes both files into <paramref name="folder"/> (created).</summary>
    /// <param name="grade">The judged grade.</param>
    /// <param name="folder">Where to write.</param>
    /// <param name="date">When the grade was made (shown on the page).</param>
    /// <returns>The paths of feedback.html and feedback.md.</returns>
    public static (string Html, string Markdown) Write(GradeResult grade, string folder, DateTimeOffset date)
    {
        var page = Build(grade, date);
        Directory.CreateDirectory(folder);
        var plots = Path.Combine(folder, PlotsFolder);
        if (Directory.Exists(plots))
        {
            Directory.Delete(plots, recursive: true); // the last grade's plots must not be mistaken for this one's
        }

        foreach (var (file, png) in FeedbackMarkdown.PlotFiles(page))
        {
            var path = Path.Combine(folder, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, png);
        }

        var html = Path.Combine(folder, HtmlFile);
        var markdown = Path.Combine(folder, MarkdownFile);
        File.WriteAllText(html, FeedbackHtml.Render(page), new UTF8Encoding(false));
        File.WriteAllText(markdown, FeedbackMarkdown.Render(page), new UTF8Encoding(false));
        return (html, markdown);
    }

    /// <summary>
    /// The page's content: the one place that decides what a student sees. A hidden check gives a row with its points and
    /// passed/failed, nothing else (no outcome, description, output names, values, hint or plot).
    /// </summary>
    public static FeedbackPage Build(GradeResult grade, DateTimeOffset date)
    {
        var week = WeekCatalog.Find(grade.Week);
        var title = week is null ? $"Feedback: {grade.Week}" : $"Week {week.Number}: {week.Title}";
        var rows = new List<FeedbackRow>();
        var sections = new List<FeedbackSection>();
        foreach (var c in grade.Checks)
        {
            var hidden = c.Visibility != Visibility.Visible;
            if (hidden)
            {
                rows.Add(new FeedbackRow(c.Id, c.Score, c.MaxScore, c.Passed, c.Passed ? "passed" : "failed", Hidden: true, HasSection: false));
                continue;
            }

            var section = Section(c);
            rows.Add(new FeedbackRow(c.Id, c.Score, c.MaxScore, c.Passed, FeedbackText.Outcome(c.Outcome), Hidden: false, HasSection: section is not null));
            if (section is not null)
            {
                sections.Add(section);
            }
        }

        return new FeedbackPage(
            title,
            grade.Week,
            date,
            grade.Score,
            grade.MaxScore,
            grade.Device,
            FeedbackText.Cap(grade.Message),
            rows,
            sections,
            rows.Count(r => r.Hidden),
            grade.ManifestHash);
    }

    /// <summary>The section of a visible check: on a miss always, on a pass only when it has plots.</summary>
    private static FeedbackSection? Section(CheckResult c)
    {
        var feedback = c.Feedback;
        var figures = feedback is null ? [] : FeedbackPlots.Draw(feedback);
        if (c.Passed && figures.Count == 0)
        {
            return null;
        }

        var comparisons = feedback?.Comparisons ?? [];
        var misses = comparisons
            .Where(m => !m.Passed)
            .Select(m => new FeedbackMiss(m.Output, m.Worst is null ? Sentence(m.Message) : "", m.Worst, m.Tolerance, m.BadCount, m.Count))
            .ToList();

        // The misses table says what a mismatch message says; other outcomes (an exception, a time-out) have only their message.
        var message = c.Passed || misses.Count > 0 ? "" : FeedbackText.Cap(c.Output);
        return new FeedbackSection(
            c.Id,
            c.Description,
            c.Score,
            c.MaxScore,
            c.Passed,
            FeedbackText.Outcome(c.Outcome),
            [.. comparisons.Select(m => m.Output)],
            misses,
            message,
            c.Passed ? "" : feedback?.Hint ?? "",
            c.Passed ? null : feedback?.ReceivedFile,
            figures);
    }

    /// <summary>The judge's message without its "output 'x': " lead (the table names the output).</summary>
    private static string Sentence(string message)
    {
        var colon = message.IndexOf("': ", StringComparison.Ordinal);
        return FeedbackText.Cap(message.StartsWith("output '", StringComparison.Ordinal) && colon > 0 ? message[(colon + 3)..] : message);
    }
}
