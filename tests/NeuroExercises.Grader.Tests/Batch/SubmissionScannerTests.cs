using FluentAssertions;
using NeuroExercises.Grader.Batch;

namespace NeuroExercises.Grader.Tests.Batch;

/// <summary>The batch folder: one submission per subfolder or .zip; bad folders refused before grading, naming the entry and the fix.</summary>
public sealed class SubmissionScannerTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("neuro-scan-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public void ListsFoldersAndZipsByIdAndRefusesLinks()
    {
        Directory.CreateDirectory(Path.Combine(work, "bob"));
        Directory.CreateDirectory(Path.Combine(work, ".git"));
        File.WriteAllText(Path.Combine(work, "alice.zip"), "");
        Directory.CreateSymbolicLink(Path.Combine(work, "carol"), "/etc");
        var folder = SubmissionScanner.Scan(work);
        folder.Submissions.Select(s => (s.Id, s.IsZip)).Should().Equal(("alice", true), ("bob", false));
        folder.Refused.Should().ContainKey("carol").WhoseValue.Should().Contain("is a symbolic link (to '/etc')");
        folder.Ignored.Should().Equal(".git");
    }

    [Fact]
    public void RefusesAnEmptyOrMissingFolder()
    {
        var act = () => SubmissionScanner.Scan(work);
        act.Should().Throw<BatchInputException>().WithMessage($"*'{work}' holds no submission; put one subfolder or .zip per student in it.");
        var missing = () => SubmissionScanner.Scan(Path.Combine(work, "nope"));
        missing.Should().Throw<BatchInputException>().WithMessage("*nope' does not exist*");
    }

    [Fact]
    public void RefusesTwoEntriesWithOneId()
    {
        Directory.CreateDirectory(Path.Combine(work, "a"));
        File.WriteAllText(Path.Combine(work, "a.zip"), "");
        var act = () => SubmissionScanner.Scan(work);
        act.Should().Throw<BatchInputException>().WithMessage("*'a' and 'a.zip'*are both submission 'a'; keep one of them*");
    }

    [Fact]
    public void RefusesAFileThatIsNotASubmission()
    {
        Directory.CreateDirectory(Path.Combine(work, "a"));
        File.WriteAllText(Path.Combine(work, "notes.txt"), "");
        var act = () => SubmissionScanner.Scan(work);
        act.Should().Throw<BatchInputException>().WithMessage("*'notes.txt'*is not a submission (a submission is a subfolder or a .zip); move it out*");
    }
}
