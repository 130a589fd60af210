using FluentAssertions;
using NeuroExercises.Tests.Shared;

namespace NeuroExercises.Core.Tests.Hardening;

/// <summary>
/// Inputs that once broke the readers' contract (found by afl-fuzz or the mutation test), each listed in
/// Regressions/expected.tsv with the result it must now get: "refused" and a part of the message, or "read".
/// </summary>
public sealed class RegressionFileTests
{
    private static string Folder => Path.Combine(RepoPaths.Root, "tests", "NeuroExercises.Core.Tests", "Hardening", "Regressions");

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var line in File.ReadAllLines(Path.Combine(Folder, "expected.tsv")))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split('\t');
            data.Add(parts[0], parts[1], parts.Length > 2 ? parts[2] : "");
        }

        return data;
    }

    [Fact]
    public void EveryRegressionFileIsListed()
    {
        var listed = File.ReadAllLines(Path.Combine(Folder, "expected.tsv")).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')[0]).ToHashSet(StringComparer.Ordinal);
        var present = Directory.GetFiles(Folder, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Folder, p).Replace('\\', '/'))
            .Where(p => p != "expected.tsv");
        present.Should().BeSubsetOf(listed).And.NotBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RegressionFileGetsItsListedResult(string file, string result, string messagePart)
    {
        var reader = file.Split('/')[0];
        var bytes = File.ReadAllBytes(Path.Combine(Folder, file));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var read = () => ReaderTargets.All[reader](bytes, ReaderTargets.Strict);

        if (result == "read")
        {
            read.Should().NotThrow();
        }
        else
        {
            result.Should().Be("refused");
            read.Should().Throw<DataFormatException>().Which.Message.Should().StartWith("fuzz.").And.Contain(messagePart);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThanOrEqualTo(ReaderTargets.AllocationBound(bytes.Length, ReaderTargets.Strict));
    }
}
