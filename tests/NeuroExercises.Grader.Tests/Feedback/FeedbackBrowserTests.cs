using FluentAssertions;
using Microsoft.Playwright;
using NeuroExercises.Grader.Reports;

namespace NeuroExercises.Grader.Tests.Feedback;

/// <summary>
/// feedback.html opened from disk in a real headless Chromium (Playwright driving Debian's chromium, installed by
/// setup.sh): the plots decode, the score table holds the grade, hidden checks show only pass/fail, the student's
/// script is text, and the page asks for nothing but itself and its data: images.
/// </summary>
public sealed class FeedbackBrowserTests : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";

    private static readonly string[] Args =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    private readonly FeedbackGrade fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public async Task ThePageRendersItsPlotsAndScoresInChromium()
    {
        Assert.SkipUnless(File.Exists(Chromium), $"{Chromium} is missing: run ./setup.sh (it installs Debian's chromium package)");
        var (htmlPath, _) = FeedbackReport.Write(fixture.Grade, Path.Combine(fixture.Folder, "page"), FeedbackGrade.Date);

        using var playwright = await Playwright.CreateAsync();
        await using var context = await playwright.Chromium.LaunchPersistentContextAsync(
            Path.Combine(fixture.Folder, "chromium-profile"),
            new BrowserTypeLaunchPersistentContextOptions { ExecutablePath = Chromium, Headless = true, Args = Args, Timeout = 30_000 });
        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, r) => requests.Add(r.Url);
        var url = new Uri(htmlPath).AbsoluteUri;
        await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 15_000 });

        var widths = await page.EvaluateAsync<int[]>("() => Array.from(document.images, i => i.complete ? i.naturalWidth : -1)");
        widths.Should().HaveCount(3).And.OnlyContain(w => w == FeedbackPlots.Width, "each plot decodes to its full width");

        var rows = new List<IReadOnlyList<string>>();
        foreach (var row in await page.Locator("#scores tbody tr").AllAsync())
        {
            rows.Add([.. (await row.Locator("td").AllInnerTextsAsync()).Select(t => t.Trim())]);
        }

        rows.Should().BeEquivalentTo(
            new[]
            {
                new[] { FeedbackGrade.Id("Hidden") + " (hidden)", "0 / 2", "failed" },
                new[] { FeedbackGrade.Id("Matrix"), "1 / 1", "passed" },
                new[] { FeedbackGrade.Id("Throws"), "0 / 2", "threw an exception" },
                new[] { FeedbackGrade.Id("Trajectory"), "0 / 3", "wrong values" },
            },
            o => o.WithStrictOrdering());
        (await page.Locator("#scores tfoot").InnerTextAsync()).Should().Contain("1 / 8");
        (await page.Locator("#total").InnerTextAsync()).Should().Be("1 / 8");

        var text = await page.Locator("body").InnerTextAsync();
        text.Should().Contain("<script>window.pwned = 1</script>", "the exception message is shown as text");
        text.Should().NotContainAny(FeedbackProbeChecks.HiddenHint, FeedbackProbeChecks.HiddenOutput, FeedbackProbeChecks.HiddenDescription, "98765");
        (await page.EvaluateAsync<int>("() => document.scripts.length")).Should().Be(0);
        (await page.EvaluateAsync<bool>("() => window.pwned === undefined")).Should().BeTrue("no student text ran");
        (await page.Locator("section#FeedbackProbeChecks\\.Trajectory .hint").InnerTextAsync()).Should().Contain(FeedbackProbeChecks.TrajectoryHint);
        requests.Should().OnlyContain(r => r == url || r.StartsWith("data:image/png;base64,", StringComparison.Ordinal), "the page is self-contained");
    }
}
