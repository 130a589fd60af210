using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;
using NeuroExercises.Grader.Reports;

namespace NeuroExercises.Grader.Tests.Feedback;

/// <summary>The feedback page's content and safety, from a grade the real judge made (<see cref="FeedbackGrade"/>).</summary>
public sealed partial class FeedbackReportTests : IDisposable
{
    private readonly FeedbackGrade fixture = new();

    private readonly string html;

    private readonly string markdown;

    public FeedbackReportTests()
    {
        var page = FeedbackReport.Build(fixture.Grade, FeedbackGrade.Date);
        html = FeedbackHtml.Render(page);
        markdown = FeedbackMarkdown.Render(page);
    }

    public void Dispose() => fixture.Dispose();

    [Fact]
    public void AMissNamesTheOutputsTheLargestErrorWhereItIsAndTheTolerance()
    {
        var section = FeedbackReport.Build(fixture.Grade, FeedbackGrade.Date).Sections.Single(s => s.Check == FeedbackGrade.Id("Trajectory"));
        section.Compared.Should().Equal("other", "traj");
        var miss = section.Misses.Should().ContainSingle().Subject;
        miss.Output.Should().Be("traj");
        miss.Worst!.Index.Should().Equal(0, 49, 1);
        miss.Worst.Error.Should().BeApproximately(0.19, 1e-5);
        miss.BadCount.Should().Be(19);
        miss.Count.Should().Be(200);
        var expected = MathF.Cos(49 / 8f).ToString("G7", CultureInfo.InvariantCulture);
        var got = (MathF.Cos(49 / 8f) + (0.01f * 19)).ToString("G7", CultureInfo.InvariantCulture);
        foreach (var text in new[] { WebUtility.HtmlDecode(html), markdown.Replace("\\|", "|", StringComparison.Ordinal) })
        {
            Missing(text, "[0, 49, 1]", "0.19", "19 of 200", "atol 1e-06 + rtol 0·|expected| = 1e-06", expected, got, FeedbackProbeChecks.TrajectoryHint)
                .Should().BeEmpty();
        }
    }

    [Fact]
    public void HiddenChecksShowOnlyPassOrFail()
    {
        var row = FeedbackReport.Build(fixture.Grade, FeedbackGrade.Date).Rows.Single(r => r.Check == FeedbackGrade.Id("Hidden"));
        row.Should().Be(new FeedbackRow(FeedbackGrade.Id("Hidden"), 0, 2, false, "failed", Hidden: true, HasSection: false));
        foreach (var text in new[] { html, markdown })
        {
            Present(
                text,
                FeedbackProbeChecks.HiddenHint,
                FeedbackProbeChecks.HiddenDescription,
                FeedbackProbeChecks.HiddenOutput.Replace("_", "\\_", StringComparison.Ordinal),
                FeedbackProbeChecks.HiddenOutput,
                "HIDDEN-PLOT",
                "98765").Should().BeEmpty();
        }

        fixture.Grade.Checks.Single(c => c.Id == FeedbackGrade.Id("Hidden")).Output.Should().Contain("98765", "the judge's message has the value the page must leave out");
    }

    [Fact]
    public void TextFromTheStudentIsEscaped()
    {
        Present(html, "<script", "<img src=x", "onerror=\"").Should().BeEmpty();
        Missing(html, "&lt;script&gt;window.pwned = 1&lt;/script&gt; &amp; &lt;img src=x onerror=&quot;window.pwned = 2&quot;&gt;").Should().BeEmpty();

        // Markdown: the message is shown verbatim inside a fenced block (text there is never HTML); outside the fences no raw '<' is left.
        var fenced = MarkdownFenced().Matches(markdown).Select(m => m.Value).ToList();
        fenced.Should().ContainSingle(f => f.Contains(FeedbackGrade.ScriptMessage, StringComparison.Ordinal));
        Present(MarkdownFenced().Replace(markdown, ""), "<").Should().BeEmpty();
    }

    [Fact]
    public void LongMessagesAreCapped()
    {
        var section = FeedbackReport.Build(fixture.Grade, FeedbackGrade.Date).Sections.Single(s => s.Check == FeedbackGrade.Id("Throws"));
        fixture.Grade.Checks.Single(c => c.Id == FeedbackGrade.Id("Throws")).Output.Should().Contain("more characters cut", "the judge caps a check's message before any report sees it");
        section.Message.Length.Should().BeLessThan(FeedbackText.MessageCap + 120);
        section.Message.Should().Contain("more characters cut");
        section.Hint.Should().Be(FeedbackProbeChecks.ThrowsHint);
        section.Misses.Should().BeEmpty();
    }

    [Fact]
    public void TheHtmlIsSelfContained()
    {
        Present(html, "http://", "https://", "<script", "<link", "@import", "url(").Should().BeEmpty();
        var sources = ImageSource().Matches(html).Select(m => m.Groups[1].Value).ToList();
        sources.Should().HaveCount(3, "two plots of the trajectory miss and one of the passed matrix");
        foreach (var src in sources)
        {
            src.Should().StartWith("data:image/png;base64,");
            Convert.FromBase64String(src["data:image/png;base64,".Length..]).Take(8).Should().Equal(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A);
        }
    }

    [Fact]
    public void TheTableHoldsEveryCheckWithItsPoints()
    {
        var rows = FeedbackReport.Build(fixture.Grade, FeedbackGrade.Date).Rows;
        rows.Select(r => (r.Check, r.Score, r.MaxScore, r.Result)).Should().Equal(
            (FeedbackGrade.Id("Hidden"), 0.0, 2.0, "failed"),
            (FeedbackGrade.Id("Matrix"), 1.0, 1.0, "passed"),
            (FeedbackGrade.Id("Throws"), 0.0, 2.0, "threw an exception"),
            (FeedbackGrade.Id("Trajectory"), 0.0, 3.0, "wrong values"));
        Missing(html, "<span class=\"total\" id=\"total\">1 / 8</span>", "2026-12-03 18:40 UTC").Should().BeEmpty();
        Missing(markdown, "| **total** | **1 / 8** | |").Should().BeEmpty();
    }

    [Fact]
    public void WriteCreatesBothPagesAndTheMarkdownPlots()
    {
        var folder = Path.Combine(fixture.Folder, "out");
        var (htmlPath, markdownPath) = FeedbackReport.Write(fixture.Grade, folder, FeedbackGrade.Date);
        (File.ReadAllText(htmlPath) == html).Should().BeTrue("feedback.html is the rendered page");
        (File.ReadAllText(markdownPath) == markdown).Should().BeTrue("feedback.md is the rendered page");
        var linked = MarkdownImage().Matches(markdown).Select(m => m.Groups[1].Value).ToList();
        linked.Should().HaveCount(3);
        linked.Should().OnlyContain(p => File.Exists(Path.Combine(folder, p)));
        Directory.GetFiles(Path.Combine(folder, FeedbackReport.PlotsFolder)).Should().HaveCount(3);
    }

    /// <summary>The parts found in <paramref name="text"/> (a failure lists these, not the whole page).</summary>
    private static List<string> Present(string text, params string[] parts) => [.. parts.Where(p => text.Contains(p, StringComparison.Ordinal))];

    /// <summary>The parts not found in <paramref name="text"/>.</summary>
    private static List<string> Missing(string text, params string[] parts) => [.. parts.Where(p => !text.Contains(p, StringComparison.Ordinal))];

    [GeneratedRegex("<img src=\"([^\"]*)\"")]
    private static partial Regex ImageSource();

    [GeneratedRegex(@"!\[[^\]]*\]\(([^)]*)\)")]
    private static partial Regex MarkdownImage();

    [GeneratedRegex("^(`{3,})text\n.*?\n\\1$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex MarkdownFenced();
}
