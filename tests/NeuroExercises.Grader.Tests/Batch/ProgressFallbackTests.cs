using FluentAssertions;

namespace NeuroExercises.Grader.Tests.Batch;

/// <summary>With stdout redirected (no terminal) and no --progress, grade-batch prints one plain line per submission (no live display's escape codes).</summary>
public sealed class ProgressFallbackTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("neuro-progress-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public async Task PrintsPlainLinesWhenOutputIsNotATerminal()
    {
        var folder = Path.Combine(work, "class");
        Directory.CreateDirectory(folder);
        SafeZipTests.MakeZip(Path.Combine(folder, "evil.zip"), ("../x.cs", "class X {}"u8.ToArray(), 0));
        var (exit, stdout, stderr) = await GraderProcess.RunAsync(
            ["grade-batch", folder, "--week", "task-driven-rnn", "--out", Path.Combine(work, "out"), "--snapshots", TestPaths.Snapshots]);
        exit.Should().Be(0, stderr);
        stdout.Should().Contain("grade-batch: 1 submissions, 0 already graded").And.Contain("[1/1] evil: 0/41 refused in ").And.Contain("1/1 done (0 reused), 0 running, 1 failed");
        stdout.Should().NotContain("\u001b[");
        File.ReadAllText(Path.Combine(work, "out", "gradebook.csv")).Should().Contain("evil,").And.Contain(",0,41,refused,'evil.zip': entry '../x.cs' climbs out of the archive");
    }
}
