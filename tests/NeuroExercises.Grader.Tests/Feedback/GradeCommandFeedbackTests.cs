using System.CommandLine;
using System.Text.Json;
using FluentAssertions;
using NeuroExercises.Grader.Cli;
using NeuroExercises.Grader.Reports;

namespace NeuroExercises.Grader.Tests.Feedback;

/// <summary>'grade' writes the feedback pages beside results.json, or into --feedback DIR, even when the grade could not run.</summary>
[Collection("grading")]
public sealed class GradeCommandFeedbackTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("neuro-feedback-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Task<int> Grade(params string[] args) => new RootCommand { GradeCommand.Create() }.Parse(["grade", .. args]).InvokeAsync();

    [Fact]
    public async Task AGradeThatCouldNotRunStillWritesTheFeedbackBesideTheResults()
    {
        var results = Path.Combine(folder, "out", "results.json");
        var exit = await Grade(Path.Combine(folder, "no-such-submission"), "--week", "task-driven-rnn", "--out", results);
        exit.Should().Be(ExitCodes.GradeFailed);
        File.Exists(results).Should().BeTrue();
        var html = File.ReadAllText(Path.Combine(folder, "out", FeedbackReport.HtmlFile));
        html.Should().Contain("The grade could not run").And.Contain("no-such-submission").And.Contain("0 / 0");
        File.ReadAllText(Path.Combine(folder, "out", FeedbackReport.MarkdownFile)).Should().Contain("The grade could not run");
    }

    [Fact]
    public void TheResultsFilesLeaveTheFeedbackDetailOut()
    {
        using var fixture = new FeedbackGrade();
        foreach (var format in new[] { "json", "gradescope", "junit" })
        {
            var text = GradeCommand.Render(fixture.Grade, format);
            text.Should().NotContain("Feedback\"", $"--format {format} carries the grade, not the page's arrays").And.NotContain("Comparisons");
        }

        using var json = JsonDocument.Parse(GradeCommand.Render(fixture.Grade, "json"));
        json.RootElement.GetProperty("Checks").GetArrayLength().Should().Be(4);
    }

    [Fact]
    public async Task FeedbackGoesWhereTheOptionSays()
    {
        var results = Path.Combine(folder, "results.json");
        var feedback = Path.Combine(folder, "student");
        await Grade(Path.Combine(folder, "no-such-submission"), "--week", "task-driven-rnn", "--out", results, "--feedback", feedback);
        File.Exists(Path.Combine(feedback, FeedbackReport.HtmlFile)).Should().BeTrue();
        File.Exists(Path.Combine(feedback, FeedbackReport.MarkdownFile)).Should().BeTrue();
        File.Exists(Path.Combine(folder, FeedbackReport.HtmlFile)).Should().BeFalse();
    }
}
